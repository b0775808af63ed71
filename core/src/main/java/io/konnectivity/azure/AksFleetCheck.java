package io.konnectivity.azure;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every AKS cluster of some subscriptions that a filter takes, a bounded number at a time, each within its own
 * time budget, with the semantics of {@link io.konnectivity.check.FleetCheck}: one cluster's failure (throttled,
 * forbidden, deleted meanwhile, unreachable) is that cluster's result. Stopped clusters are reported as skipped. The
 * report lists the clusters whose certificates expire first first, then those not checked, then the skipped ones.
 */
public final class AksFleetCheck {

    private final ArmClients arm;
    private final Clock clock;
    private final AzureListener listener;

    public AksFleetCheck(ArmClients arm, Clock clock, AzureListener listener) {
        this.arm = arm;
        this.clock = clock;
        this.listener = listener;
    }

    public CheckReport run(AksFleetRequest request) {
        Instant started = clock.instant();
        AksClusters clusters = new AksClusters(arm);
        List<ClusterResult> results = new ArrayList<>();
        List<AksClusterFacts> found = new ArrayList<>();
        for (String subscription : request.subscriptions()) {
            Instant listing = clock.instant();
            try {
                List<AksClusterFacts> matching = clusters.list(subscription, request.filter());
                listener.subscriptionListed(subscription, matching.size());
                found.addAll(matching);
            } catch (AzureAccessException e) {
                results.add(new ClusterResult.NotChecked(
                        "subscription " + subscription, "", listing, since(listing), e.getMessage()));
            }
        }
        results.addAll(checkAll(found, request));
        results.sort(REPORT_ORDER);
        return new CheckReport(started, request.cluster().check().thresholds(), results);
    }

    private List<ClusterResult> checkAll(List<AksClusterFacts> clusters, AksFleetRequest request) {
        if (clusters.isEmpty()) {
            return List.of();
        }
        boolean severalSubscriptions = request.subscriptions().size() > 1;
        AksClusterCheck check = new AksClusterCheck(arm, clock, listener);
        AtomicInteger done = new AtomicInteger();
        int workers = Math.max(1, Math.min(request.cluster().check().concurrency(), clusters.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("konnectivity-aks"));
        ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("konnectivity-aks-cluster"));
        try {
            List<Future<ClusterResult>> futures = new ArrayList<>();
            for (AksClusterFacts cluster : clusters) {
                String name = severalSubscriptions
                        ? cluster.subscription() + "/" + cluster.id().shortName()
                        : cluster.id().shortName();
                futures.add(pool.submit(() -> {
                    ClusterResult result = checkWithin(check, calls, cluster, name, request.cluster());
                    listener.clusterFinished(result, done.incrementAndGet(), clusters.size());
                    return result;
                }));
            }
            List<ClusterResult> results = new ArrayList<>();
            for (Future<ClusterResult> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
            calls.shutdownNow();
        }
    }

    private ClusterResult checkWithin(
            AksClusterCheck check,
            ExecutorService calls,
            AksClusterFacts cluster,
            String name,
            AksCheckRequest request) {
        Instant started = clock.instant();
        Duration budget = budget(request);
        Future<ClusterResult> future = calls.submit(() -> check.check(cluster, name, request));
        try {
            return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ClusterResult.NotChecked(
                    name,
                    "",
                    started,
                    since(started),
                    "The check of " + name
                            + " did not finish within " + budget.toSeconds()
                            + " s (ARM calls, kubeconfig and cluster check"
                            + (request.nodes() == null ? "" : " and node run-commands")
                            + "). Raise --timeout if ARM or the API server is just slow.");
        } catch (ExecutionException e) {
            return new ClusterResult.NotChecked(
                    name,
                    "",
                    started,
                    since(started),
                    "The check of " + name + " failed unexpectedly: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new ClusterResult.NotChecked(name, "", started, since(started), "The check was stopped.");
        }
    }

    /** The time one cluster may take: its check, plus the ARM calls around it, plus the node reading when asked. */
    private Duration budget(AksCheckRequest request) {
        Duration budget = request.check().timeout().plus(arm.settings().requestTimeout());
        return request.nodes() == null ? budget : budget.plus(request.nodes().timeout());
    }

    /** Checked clusters by their first expiry, then clusters not checked, then skipped ones; by name within each. */
    static final Comparator<ClusterResult> REPORT_ORDER = Comparator.comparing(AksFleetCheck::group)
            .thenComparing(result -> firstExpiry(result).orElse(Instant.MAX))
            .thenComparing(ClusterResult::cluster);

    private static int group(ClusterResult result) {
        if (result instanceof ClusterResult.Checked) {
            return 0;
        }
        return result instanceof ClusterResult.Skipped ? 2 : 1;
    }

    private static Optional<Instant> firstExpiry(ClusterResult result) {
        if (!(result instanceof ClusterResult.Checked checked)) {
            return Optional.empty();
        }
        return checked.certificates().stream()
                .filter(certificate -> certificate.facts() != null)
                .map(certificate -> certificate.facts().notAfter())
                .min(Comparator.naturalOrder());
    }

    private static ClusterResult await(Future<ClusterResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for AKS cluster checks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An AKS cluster check failed outside its own error handling", e.getCause());
        }
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }
}
