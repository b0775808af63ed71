package io.konnectivity.azure;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * AKS's full certificate rotation of one cluster.
 *
 * @param acceptDowntime must be true: the rotation recreates every node (up to 30 minutes of downtime, users report
 *     longer) and invalidates every kubeconfig handed out before
 * @param timeout how long to wait for AKS to finish before reporting it as still running
 * @param check how the cluster is checked before and after
 */
public record FullRotationRequest(boolean acceptDowntime, Duration timeout, AksCheckRequest check)
        implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(90);

    public FullRotationRequest {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The rotation timeout must be positive, not " + timeout + ".");
        }
        Objects.requireNonNull(check, "check");
    }
}
