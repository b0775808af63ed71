package io.konnectivity.azure;

import java.io.Serializable;
import java.time.Duration;

/**
 * Whether and how the nodes' own certificate files are read, through VM scale set run-command: slow (tens of seconds
 * per node) and needing Virtual Machine Contributor, so opt-in.
 *
 * @param instancesPerPool how many nodes of each pool run the script (the first ones by instance id)
 * @param timeout the time all pools of one cluster may take together
 */
public record NodeCheckRequest(int instancesPerPool, Duration timeout) implements Serializable {

    public static final NodeCheckRequest DEFAULT = new NodeCheckRequest(1, Duration.ofMinutes(10));

    public NodeCheckRequest {
        if (instancesPerPool < 1) {
            throw new IllegalArgumentException("At least one node per pool is read, not " + instancesPerPool + ".");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The node check timeout must be positive, not " + timeout + ".");
        }
    }
}
