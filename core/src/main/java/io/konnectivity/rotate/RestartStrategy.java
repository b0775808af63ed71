package io.konnectivity.rotate;

/** How the agent pods are restarted to load the new certificate. */
public enum RestartStrategy {
    /**
     * Evict the pods one at a time through the Eviction API: honours the PodDisruptionBudget and leaves the
     * workload's spec untouched, which the AKS addon manager would otherwise reconcile back.
     */
    EVICTION,
    /** Change the pod template's {@code kubectl.kubernetes.io/restartedAt} annotation, as kubectl rollout restart. */
    ROLLOUT_RESTART
}
