package io.konnectivity.azure;

import io.konnectivity.check.ClusterResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every progress line it is told, for tests to read. */
final class RecordingListener implements AzureListener {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> polls = new CopyOnWriteArrayList<>();

    @Override
    public void step(String cluster, String message, Duration took) {
        lines.add(cluster + ": " + message);
    }

    @Override
    public void clusterFinished(ClusterResult result, int done, int total) {
        lines.add("finished " + result.cluster() + " " + done + "/" + total);
    }

    @Override
    public void subscriptionListed(String subscription, int matching) {
        lines.add("subscription " + subscription + ": " + matching);
    }

    @Override
    public void operationPolled(String cluster, String operation, String status, Duration elapsed) {
        polls.add(cluster + " " + operation + " " + status);
    }
}
