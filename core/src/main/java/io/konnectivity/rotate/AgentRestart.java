package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.TransientErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Restarts the agent pods so they load the renewed certificate, and waits until new pods are ready. */
final class AgentRestart {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final Duration POLL = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final Clock clock;
    private final RotationListener listener;
    private final String cluster;

    AgentRestart(KubernetesClient client, Clock clock, RotationListener listener, String cluster) {
        this.client = client;
        this.clock = clock;
        this.listener = listener;
        this.cluster = cluster;
    }

    /** Restarts every agent pod and returns a one-line account of what was done. */
    String restart(String namespace, AgentWorkloadReader.Found workload, RestartStrategy strategy, Duration timeout)
            throws RotationException {
        Instant deadline = clock.instant().plus(timeout);
        List<Pod> old = pods(namespace, workload);
        Set<String> oldNames =
                old.stream().map(pod -> pod.getMetadata().getName()).collect(Collectors.toSet());
        if (strategy == RestartStrategy.EVICTION) {
            for (Pod pod : old) {
                evict(namespace, pod.getMetadata().getName(), deadline);
                awaitReplacement(namespace, workload, pod.getMetadata().getName(), deadline);
            }
        } else {
            while (true) {
                try {
                    rolloutRestart(namespace, workload);
                    break;
                } catch (KubernetesClientException e) {
                    retryOrThrow(e, deadline);
                    sleep();
                }
            }
        }
        awaitAllNew(namespace, workload, oldNames, deadline);
        return (strategy == RestartStrategy.EVICTION
                        ? "evicted " + old.size() + " pod(s) one at a time"
                        : "restarted the rollout")
                + " of " + workload.kind() + " " + namespace + "/" + workload.name() + "; " + workload.desired()
                + " new pod(s) ready";
    }

    private void evict(String namespace, String pod, Instant deadline) throws RotationException {
        while (true) {
            try {
                if (client.pods().inNamespace(namespace).withName(pod).get() == null) {
                    return;
                }
                if (client.pods().inNamespace(namespace).withName(pod).evict()) {
                    listener.progress(cluster, "evicted pod " + namespace + "/" + pod);
                    return;
                }
            } catch (KubernetesClientException e) {
                retryOrThrow(e, deadline);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new RotationException("The PodDisruptionBudget kept refusing the eviction of pod " + namespace
                        + "/" + pod + " until the rollout timeout.");
            }
            sleep();
        }
    }

    private void awaitReplacement(
            String namespace, AgentWorkloadReader.Found workload, String evicted, Instant deadline)
            throws RotationException {
        while (true) {
            boolean gone =
                    client.pods().inNamespace(namespace).withName(evicted).get() == null;
            long ready = pods(namespace, workload).stream()
                    .filter(AgentRestart::isReady)
                    .count();
            if (gone && ready >= workload.desired()) {
                return;
            }
            checkDeadline(deadline, "the replacement of pod " + namespace + "/" + evicted + " to become ready");
            sleep();
        }
    }

    private void rolloutRestart(String namespace, AgentWorkloadReader.Found workload) {
        String now = clock.instant().toString();
        if ("DaemonSet".equals(workload.kind())) {
            client.apps()
                    .daemonSets()
                    .inNamespace(namespace)
                    .withName(workload.name())
                    .edit(daemonSet -> new DaemonSetBuilder(daemonSet)
                            .editSpec()
                            .editTemplate()
                            .editOrNewMetadata()
                            .addToAnnotations(RESTARTED_AT, now)
                            .endMetadata()
                            .endTemplate()
                            .endSpec()
                            .build());
        } else {
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(workload.name())
                    .edit(deployment -> new DeploymentBuilder(deployment)
                            .editSpec()
                            .editTemplate()
                            .editOrNewMetadata()
                            .addToAnnotations(RESTARTED_AT, now)
                            .endMetadata()
                            .endTemplate()
                            .endSpec()
                            .build());
        }
    }

    private void awaitAllNew(
            String namespace, AgentWorkloadReader.Found workload, Set<String> oldNames, Instant deadline)
            throws RotationException {
        while (true) {
            List<Pod> pods;
            try {
                pods = pods(namespace, workload);
            } catch (KubernetesClientException e) {
                retryOrThrow(e, deadline);
                sleep();
                continue;
            }
            boolean anyOld = pods.stream()
                    .anyMatch(pod -> oldNames.contains(pod.getMetadata().getName()));
            long ready = pods.stream().filter(AgentRestart::isReady).count();
            if (!anyOld && ready >= workload.desired()) {
                return;
            }
            checkDeadline(
                    deadline,
                    workload.desired() + " new agent pod(s) of " + workload.kind() + " " + namespace
                            + "/" + workload.name() + " to become ready (" + ready + " ready"
                            + (anyOld ? ", old pods still running" : "") + ")");
            sleep();
        }
    }

    private List<Pod> pods(String namespace, AgentWorkloadReader.Found workload) {
        return client.pods().inNamespace(namespace).withLabels(workload.selector()).list().getItems().stream()
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .toList();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(condition ->
                                "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** A transient error is retried until the deadline; any other is an answer and ends the wait. */
    private void retryOrThrow(KubernetesClientException error, Instant deadline) {
        if (!TransientErrors.isTransient(error) || !clock.instant().isBefore(deadline)) {
            throw error;
        }
    }

    private void checkDeadline(Instant deadline, String waitingFor) throws RotationException {
        if (!clock.instant().isBefore(deadline)) {
            throw new RotationException("Timed out waiting for " + waitingFor + ".");
        }
    }

    private static void sleep() throws RotationException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RotationException("Interrupted while waiting for the agent pods.", e);
        }
    }
}
