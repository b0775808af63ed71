package io.konnectivity.sandbox.arm;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failures the ARM emulator answers with, set by a test while the emulator runs: throttling, server errors, an
 * expired token, missing role assignments and clusters that vanish between being listed and being used.
 */
public final class ArmFaults {

    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration retryAfter = Duration.ZERO;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile int serverErrorStatus = 503;
    private volatile boolean unauthorized;
    private final Set<String> forbiddenActions = ConcurrentHashMap.newKeySet();
    private final Set<String> vanishing = ConcurrentHashMap.newKeySet();
    private final Set<String> deallocated = ConcurrentHashMap.newKeySet();

    /** The next {@code requests} requests are answered 429 with {@code Retry-After} in whole seconds. */
    public ArmFaults throttle(int requests, Duration retryAfter) {
        this.retryAfter = retryAfter;
        throttled.set(requests);
        return this;
    }

    /** The next {@code requests} requests are answered with {@code status}, such as 500 or 503. */
    public ArmFaults serverErrors(int requests, int status) {
        this.serverErrorStatus = status;
        serverErrors.set(requests);
        return this;
    }

    /** Every request is answered 401, as when the token has expired or was issued for another audience. */
    public ArmFaults unauthorized(boolean value) {
        this.unauthorized = value;
        return this;
    }

    /**
     * Requests that need {@code action}, such as {@code
     * Microsoft.ContainerService/managedClusters/listClusterUserCredential/action}, are answered 403.
     */
    public ArmFaults forbid(String action) {
        forbiddenActions.add(action.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The cluster is listed once more and then deleted, so that every later request about it answers 404. */
    public ArmFaults vanishAfterListing(String clusterName) {
        vanishing.add(clusterName.toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * Instance {@code instanceId} of every scale set whose name starts with {@code scaleSetPrefix} (such as {@code
     * aks-system-}) is deallocated: a run-command on it answers 409, as Azure does.
     */
    public ArmFaults deallocate(String scaleSetPrefix, String instanceId) {
        deallocated.add(scaleSetPrefix.toLowerCase(Locale.ROOT) + "\n" + instanceId);
        return this;
    }

    /** Clears every fault. */
    public ArmFaults clear() {
        throttled.set(0);
        serverErrors.set(0);
        unauthorized = false;
        forbiddenActions.clear();
        vanishing.clear();
        deallocated.clear();
        return this;
    }

    Optional<Duration> takeThrottle() {
        return takeOne(throttled) ? Optional.of(retryAfter) : Optional.empty();
    }

    Optional<Integer> takeServerError() {
        return takeOne(serverErrors) ? Optional.of(serverErrorStatus) : Optional.empty();
    }

    boolean unauthorized() {
        return unauthorized;
    }

    boolean isDeallocated(String scaleSet, String instanceId) {
        String name = scaleSet.toLowerCase(Locale.ROOT);
        return deallocated.stream().anyMatch(entry -> {
            int split = entry.indexOf('\n');
            return name.startsWith(entry.substring(0, split))
                    && entry.substring(split + 1).equals(instanceId);
        });
    }

    boolean forbids(String action) {
        return forbiddenActions.contains(action.toLowerCase(Locale.ROOT));
    }

    boolean takeVanishing(String clusterName) {
        return vanishing.remove(clusterName.toLowerCase(Locale.ROOT));
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }
}
