package io.konnectivity.bench;

import io.konnectivity.check.CheckListener;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.FleetCheck;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checking side of part 3, run in a JVM of its own: checks every context of a fleet's kubeconfig once (or more,
 * each run measured on its own) and prints one {@link ResultLine} per run.
 */
final class FleetCheckRun {

    static final List<String> OPTIONS = List.of("kubeconfig", "concurrency", "timeout-seconds", "runs", "profile");

    private final Path kubeconfig;
    private final CheckRequest request;
    private final int runs;
    private final boolean profile;

    FleetCheckRun(Options options) {
        this.kubeconfig = Path.of(options.text("kubeconfig", ""));
        this.request = CheckRequest.defaults()
                .withConcurrency(options.number("concurrency", CheckRequest.DEFAULT_CONCURRENCY))
                .withTimeout(Duration.ofSeconds(options.number("timeout-seconds", 30)));
        this.runs = options.number("runs", 1);
        this.profile = Boolean.parseBoolean(options.text("profile", "false"));
    }

    void run(PrintStream out) throws Exception {
        Profile sampling = profile ? Profile.start() : null;
        for (int run = 1; run <= runs; run++) {
            out.println(measure(run).format());
            out.flush();
        }
        if (sampling != null) {
            out.println("profile of the checking JVM over " + (runs == 1 ? "its run" : "its " + runs + " runs") + ":");
            sampling.stopAndPrint(out, 15);
            sampling.close();
        }
    }

    private ResultLine measure(int run) throws Exception {
        System.gc();
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        long cpuBefore = processCpuNanos();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        CheckReport report;
        Map<String, String> values = new LinkedHashMap<>();
        try (HeapWatch watch = HeapWatch.start()) {
            long start = System.nanoTime();
            List<ClusterTarget> targets = ClusterTargets.resolve(List.of(kubeconfig), null, true);
            report = new FleetCheck(Clock.systemUTC(), CheckListener.SILENT).run(targets, request);
            long wallNanos = System.nanoTime() - start;

            values.put("run", String.valueOf(run));
            values.put("clusters", String.valueOf(targets.size()));
            values.put("concurrency", String.valueOf(request.concurrency()));
            values.put("wallMs", decimal(wallNanos / 1e6));
            values.put("poolPeakMb", decimal(watch.poolPeakBytes() / 1_048_576.0));
            values.put("sampledPeakMb", decimal(watch.sampledPeakBytes() / 1_048_576.0));
            values.put("cpuMs", decimal((processCpuNanos() - cpuBefore) / 1e6));
            values.put(
                    "jitMs",
                    String.valueOf(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore));
            values.put("gcCount", String.valueOf(gcCount() - gcCountBefore));
            values.put("gcMs", String.valueOf(gcMillis() - gcMillisBefore));
            values.put("peakThreads", String.valueOf(watch.peakThreads()));
            values.put("threadsAtPeak", watch.threadsAtPeak().isEmpty() ? "-" : watch.threadsAtPeak());
        }
        System.gc();
        values.put("retainedMb", decimal(heapUsedBytes() / 1_048_576.0));
        Reference.reachabilityFence(report);

        List<ClusterResult> results = report.clusters();
        List<Long> took =
                results.stream().map(result -> result.took().toNanos()).toList();
        Samples perCluster = Samples.ofNanos(took);
        values.put("clusterMedianMs", decimal(perCluster.medianMillis()));
        values.put("clusterP90Ms", decimal(perCluster.percentileMillis(90)));
        values.put("clusterMaxMs", decimal(perCluster.maxMillis()));
        values.put("status", report.status().name());
        long notChecked = results.stream()
                .filter(ClusterResult.NotChecked.class::isInstance)
                .count();
        values.put("notChecked", String.valueOf(notChecked));
        results.stream()
                .filter(ClusterResult.NotChecked.class::isInstance)
                .map(result -> ((ClusterResult.NotChecked) result).error())
                .findFirst()
                .ifPresent(error -> System.err.println("first cluster not checked: " + error));
        return new ResultLine(values);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
