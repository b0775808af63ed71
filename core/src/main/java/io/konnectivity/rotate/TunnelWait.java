package io.konnectivity.rotate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.TransientErrors;
import io.konnectivity.cluster.TunnelProbe;
import io.konnectivity.cluster.TunnelState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Probes the tunnel after agents restarted until it works or a timeout passes: new agents take a moment to dial in. */
final class TunnelWait {

    private static final long PAUSE_MILLIS = 500;

    private TunnelWait() {}

    /** The first working state, or the last one seen when {@code timeout} passed. */
    static TunnelState untilUp(
            KubernetesClient client,
            String namespace,
            AgentWorkloadReader.Found workload,
            Clock clock,
            Duration timeout)
            throws RotationException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            TunnelState state;
            try {
                state = TunnelProbe.probe(client, namespace, workload);
            } catch (KubernetesClientException e) {
                if (!TransientErrors.isTransient(e)) {
                    throw e;
                }
                state = new TunnelState.Unknown("", firstLine(e));
            }
            if (state instanceof TunnelState.Up || !clock.instant().isBefore(deadline)) {
                return state;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RotationException("Interrupted while probing the tunnel.", e);
            }
        }
    }

    private static String firstLine(KubernetesClientException error) {
        return error.getMessage() == null
                ? "HTTP " + error.getCode()
                : error.getMessage().lines().findFirst().orElse("");
    }
}
