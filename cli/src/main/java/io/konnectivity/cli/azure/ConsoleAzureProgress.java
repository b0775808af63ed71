package io.konnectivity.cli.azure;

import io.konnectivity.azure.AzureListener;
import io.konnectivity.check.ClusterResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints Azure progress on standard error: the clusters found, one line per finished cluster, and a line per
 * long-running operation whenever its status changes or at most every 30 seconds.
 */
public final class ConsoleAzureProgress implements AzureListener {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final PrintWriter err;
    private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, Duration> lastPrinted = new ConcurrentHashMap<>();

    public ConsoleAzureProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void subscriptionListed(String subscription, int matching) {
        err.printf(
                "Subscription %s: %d AKS %s to check%n",
                subscription, matching, matching == 1 ? "cluster" : "clusters");
        err.flush();
    }

    @Override
    public synchronized void clusterFinished(ClusterResult result, int done, int total) {
        err.printf(
                "[%d/%d] %s: %s (%d ms)%n",
                done, total, result.cluster(), result.status(), result.took().toMillis());
        err.flush();
    }

    @Override
    public synchronized void operationPolled(String cluster, String operation, String status, Duration elapsed) {
        String key = cluster + " " + operation;
        boolean changed = !status.equals(lastStatus.put(key, status));
        Duration printed = lastPrinted.getOrDefault(key, Duration.ZERO);
        if (changed || elapsed.minus(printed).compareTo(QUIET) >= 0) {
            lastPrinted.put(key, elapsed);
            err.printf("[%s] %s: %s (%d s)%n", cluster, operation, status, elapsed.toSeconds());
            err.flush();
        }
    }
}
