package io.konnectivity.check;

import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.KubeconfigFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks many clusters at once, a bounded number at a time, each within its own timeout. One cluster's failure is that
 * cluster's result and never stops the others.
 */
public final class FleetCheck {

    private final Clock clock;
    private final CheckListener listener;

    public FleetCheck(Clock clock, CheckListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    public CheckReport run(List<ClusterTarget> targets, CheckRequest request) {
        Instant started = clock.instant();
        ClusterChecker checker = new ClusterChecker(clock, listener);
        KubeconfigFiles files = new KubeconfigFiles();
        AtomicInteger done = new AtomicInteger();
        int workers = Math.max(1, Math.min(request.concurrency(), targets.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("konnectivity-check"));
        ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("konnectivity-cluster"));
        try {
            List<Future<ClusterResult>> futures = new ArrayList<>();
            for (ClusterTarget target : targets) {
                futures.add(pool.submit(() -> {
                    ClusterResult result = checkWithin(checker, files, calls, target, request);
                    try {
                        listener.clusterFinished(result, done.incrementAndGet(), targets.size());
                    } catch (RuntimeException e) {
                        // Progress only: a listener that fails (a closed console, say) costs no cluster its result.
                    }
                    return result;
                }));
            }
            List<ClusterResult> results = new ArrayList<>();
            for (Future<ClusterResult> future : futures) {
                results.add(await(future));
            }
            return new CheckReport(started, request.thresholds(), results);
        } finally {
            pool.shutdownNow();
            calls.shutdownNow();
        }
    }

    private ClusterResult checkWithin(
            ClusterChecker checker,
            KubeconfigFiles files,
            ExecutorService calls,
            ClusterTarget target,
            CheckRequest request) {
        Instant started = clock.instant();
        Future<ClusterResult> future = calls.submit(() -> checker.check(target, request, files));
        try {
            return future.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ClusterResult.NotChecked(
                    target.name(),
                    "",
                    started,
                    Duration.between(started, clock.instant()),
                    "The check of " + target.name() + " did not finish within "
                            + request.timeout().toSeconds()
                            + " s; the API server is slow or unreachable. Raise --timeout if it is just slow.");
        } catch (ExecutionException e) {
            return new ClusterResult.NotChecked(
                    target.name(),
                    "",
                    started,
                    Duration.between(started, clock.instant()),
                    "The check of " + target.name() + " failed unexpectedly: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new ClusterResult.NotChecked(
                    target.name(), "", started, Duration.between(started, clock.instant()), "The check was stopped.");
        }
    }

    private static ClusterResult await(Future<ClusterResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for cluster checks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A cluster check failed outside its own error handling", e.getCause());
        }
    }
}
