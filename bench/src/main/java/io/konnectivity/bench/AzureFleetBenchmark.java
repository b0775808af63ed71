package io.konnectivity.bench;

import io.konnectivity.azure.AksCheckRequest;
import io.konnectivity.azure.AksClusterFilter;
import io.konnectivity.azure.AksFleetCheck;
import io.konnectivity.azure.AksFleetRequest;
import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.ArmEndpoint;
import io.konnectivity.azure.ArmSettings;
import io.konnectivity.azure.AzureCloud;
import io.konnectivity.azure.AzureListener;
import io.konnectivity.azure.TokenCredentials;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Azure fleet check of many emulated AKS clusters with latency on every ARM and Kubernetes request: wall time and
 * peak heap of this JVM, with the emulator and its backing sandbox clusters in a child process.
 *
 * <p>Arguments: clusters (500), concurrencies, comma-separated (64), latency in ms (50), backing sandbox clusters (5),
 * measured runs per concurrency (3). Each run prints its wall time, heap peaks and the CPU time this JVM and the
 * emulator's spent in it, since both share the machine.
 */
public final class AzureFleetBenchmark {

    private AzureFleetBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<Integer> concurrencies = args.length > 1
                ? Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList()
                : List.of(64);
        int latency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int backing = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Process emulator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ArmEmulatorProcess.class.getName(),
                        String.valueOf(clusters),
                        String.valueOf(backing),
                        String.valueOf(latency))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            Map<String, String> where = readAddresses(emulator);
            for (int concurrency : concurrencies) {
                List<Long> walls = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    walls.add(Math.round(measure(where, clusters, concurrency, latency, run, emulator) * 1e9));
                }
                System.out.printf(
                        Locale.ROOT,
                        "azure-fleet clusters=%d concurrency=%d runs=%d wall-median=%.2fs%n",
                        clusters,
                        concurrency,
                        runs,
                        Samples.ofNanos(walls).medianMillis() / 1000);
            }
        } finally {
            emulator.getOutputStream().close();
            emulator.destroy();
        }
    }

    /** One fleet check through a new ARM client after a small warm-up fleet; returns its wall time in seconds. */
    private static double measure(
            Map<String, String> where, int clusters, int concurrency, int latency, int run, Process emulator)
            throws Exception {
        ArmSettings settings =
                ArmSettings.DEFAULT.withMaxConcurrentRequests(concurrency).withPollInterval(Duration.ofMillis(100));
        try (ArmClients arm = ArmClients.create(
                TokenCredentials.fixed(Files.readString(Path.of(where.get("token"))), Clock.systemUTC()),
                ArmEndpoint.custom(
                        AzureCloud.PUBLIC, where.get("endpoint"), Files.readString(Path.of(where.get("ca")))),
                settings)) {
            AksFleetRequest request = new AksFleetRequest(
                    List.of(EmulatedCluster.DEFAULT_SUBSCRIPTION),
                    AksClusterFilter.ALL,
                    AksCheckRequest.of(
                            CheckRequest.defaults().withConcurrency(concurrency).withTimeout(Duration.ofSeconds(60))));
            AksFleetCheck fleet = new AksFleetCheck(arm, Clock.systemUTC(), AzureListener.SILENT);
            fleet.run(new AksFleetRequest(
                    request.subscriptions(), new AksClusterFilter("rg-0", Map.of(), "aks-000*"), request.cluster()));
            System.gc();
            Duration emulatorCpuBefore = cpu(emulator.toHandle());
            Duration ownCpuBefore = cpu(ProcessHandle.current());
            try (HeapWatch heap = HeapWatch.start()) {
                long start = System.nanoTime();
                CheckReport report = fleet.run(request);
                double seconds = (System.nanoTime() - start) / 1e9;
                long checked = report.clusters().stream()
                        .filter(ClusterResult.Checked.class::isInstance)
                        .count();
                System.out.printf(
                        Locale.ROOT,
                        "azure-fleet clusters=%d checked=%d concurrency=%d latency=%dms run=%d wall=%.2fs"
                                + " heap-pool-peak=%dMB heap-sampled-peak=%dMB threads-peak=%d checker-cpu=%.1fs"
                                + " emulator-cpu=%.1fs%n",
                        clusters,
                        checked,
                        concurrency,
                        latency,
                        run,
                        seconds,
                        heap.poolPeakBytes() / (1024 * 1024),
                        heap.sampledPeakBytes() / (1024 * 1024),
                        heap.peakThreads(),
                        cpu(ProcessHandle.current()).minus(ownCpuBefore).toMillis() / 1000.0,
                        cpu(emulator.toHandle()).minus(emulatorCpuBefore).toMillis() / 1000.0);
                return seconds;
            }
        }
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Map<String, String> readAddresses(Process emulator) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> where = new HashMap<>();
        while (where.size() < 3) {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("The ARM emulator process ended before it was ready.");
            }
            int colon = line.indexOf(": ");
            if (colon > 0) {
                where.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        return where;
    }
}
