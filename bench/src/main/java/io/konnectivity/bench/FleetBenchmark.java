package io.konnectivity.bench;

import io.konnectivity.check.CheckRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Part 3: fleets of 1 to 1000 simulated clusters with latency on every response, served by a sandbox JVM of their
 * own, each checked at several concurrencies by a fresh checking JVM whose wall time, heap peak and threads are
 * measured alone.
 */
final class FleetBenchmark {

    static final List<String> OPTIONS = List.of(
            "clusters",
            "concurrency",
            "servers",
            "latency-ms",
            "xmx",
            "small-xmx",
            "runs",
            "timeout-seconds",
            "profile-clusters",
            "jvm-flags",
            "max-load",
            "cli-jar");

    private static final String COLUMNS = "%8s %5s %3s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %8s %8s %7s %9s  %s%n";
    private static final String ROW =
            "%8s %5s %3s %7.2f %7.2f %7.0f %7.0f %7.0f %7.2f %7.2f %7.2f %7.2f %7s %8.0f %8.0f %7s %4.1f-%4.1f  %s%n";

    private final List<Integer> sizes;
    private final List<Integer> concurrencies;
    private final int servers;
    private final int latencyMillis;
    private final String heapLimit;
    private final String smallHeapLimit;
    private final int runs;
    private final int timeoutSeconds;
    private final int profiledSize;
    private final List<String> jvmFlags;
    private final QuietMachine quiet;
    private final Path cliJar;

    FleetBenchmark(Options options) {
        this.sizes = options.numbers("clusters", "1,10,100,1000");
        this.concurrencies = options.numbers("concurrency", "8,16,32,64,128,256");
        this.servers = options.number("servers", 10);
        this.latencyMillis = options.number("latency-ms", 50);
        this.heapLimit = options.text("xmx", "512m");
        this.smallHeapLimit = options.text("small-xmx", "256m");
        this.runs = options.number("runs", 1);
        this.timeoutSeconds = options.number("timeout-seconds", 30);
        this.profiledSize = options.number("profile-clusters", 100);
        this.jvmFlags = Arrays.stream(options.text("jvm-flags", "").split("\\s+"))
                .filter(flag -> !flag.isEmpty())
                .toList();
        this.cliJar = Path.of(options.text("cli-jar", "cli/target/konnectivity.jar"));
        this.quiet = new QuietMachine(Double.parseDouble(options.text("max-load", "0")), Duration.ofMinutes(10));
    }

    void run(PrintStream out) throws Exception {
        out.printf(
                Locale.ROOT,
                "== 3. Fleets with %d ms latency on every response, sandbox in its own JVM (%d servers), checker"
                        + " -Xmx%s %s==%n",
                latencyMillis,
                servers,
                heapLimit,
                String.join(" ", jvmFlags) + (jvmFlags.isEmpty() ? "" : " "));
        out.printf(
                COLUMNS,
                "",
                "",
                "",
                "wall",
                "JVM",
                "heap",
                "heap",
                "heap",
                "CPU",
                "JIT",
                "GC",
                "sandbox",
                "threads",
                "cluster",
                "cluster",
                "not",
                "load avg",
                "");
        out.printf(
                COLUMNS,
                "clusters",
                "conc.",
                "run",
                "(s)",
                "(s)",
                "pool pk",
                "sampled",
                "retain",
                "(s)",
                "(s)",
                "(s)",
                "CPU (s)",
                "peak",
                "p50 (ms)",
                "p90 (ms)",
                "checked",
                "start-end",
                "largest thread groups at the peak");
        for (int size : sizes) {
            try (SandboxProcess sandbox =
                    SandboxProcess.start(cliJar, size, Math.min(servers, size), latencyMillis, Duration.ofMinutes(5))) {
                Optional<Integer> best = Optional.empty();
                double bestWall = Double.MAX_VALUE;
                for (int concurrency : effectiveConcurrencies(concurrencies, size)) {
                    for (ResultLine result : check(sandbox, concurrency, heapLimit, false, out)) {
                        if (result.number("wallMs") < bestWall && result.number("notChecked") == 0) {
                            bestWall = result.number("wallMs");
                            best = Optional.of(concurrency);
                        }
                    }
                }
                if (size >= 100 && best.isPresent() && !smallHeapLimit.equals(heapLimit)) {
                    out.printf(Locale.ROOT, "  the fastest concurrency again, with -Xmx%s:%n", smallHeapLimit);
                    check(sandbox, best.get(), smallHeapLimit, false, out);
                }
                if (size == profiledSize) {
                    int concurrency = best.orElse(CheckRequest.DEFAULT_CONCURRENCY);
                    out.printf(Locale.ROOT, "  concurrency %d again, under Flight Recorder:%n", concurrency);
                    check(sandbox, concurrency, heapLimit, true, out);
                }
            }
        }
    }

    /** The first {@code count} groups of a {@code name:count,...} list, which comes largest first. */
    static String largestGroups(String groups, int count) {
        return String.join(",", Arrays.stream(groups.split(",")).limit(count).toList());
    }

    /** The concurrencies worth running for a fleet: above its size they all mean one thread per cluster. */
    static List<Integer> effectiveConcurrencies(List<Integer> concurrencies, int clusters) {
        Set<Integer> effective = new LinkedHashSet<>();
        for (int concurrency : concurrencies) {
            effective.add(Math.min(concurrency, clusters));
        }
        return new ArrayList<>(effective);
    }

    private List<ResultLine> check(
            SandboxProcess sandbox, int concurrency, String heap, boolean profile, PrintStream out) throws Exception {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-Xmx" + heap));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", JavaCommand.classPath()));
        command.addAll(List.of(CheckBenchmark.class.getName(), "fleet-check", "--kubeconfig"));
        command.addAll(List.of(sandbox.kubeconfig().toString(), "--concurrency", String.valueOf(concurrency)));
        command.addAll(List.of("--timeout-seconds", String.valueOf(timeoutSeconds), "--runs", String.valueOf(runs)));
        command.addAll(List.of("--profile", String.valueOf(profile)));

        double load = quiet.await();
        Duration sandboxCpuBefore = sandbox.cpuTime();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<ResultLine> results = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Optional<ResultLine> result = ResultLine.parse(line);
                if (result.isPresent()) {
                    results.add(result.get());
                } else {
                    out.println("  | " + line);
                }
            }
        }
        int exitCode = process.waitFor();
        double jvmSeconds = (System.nanoTime() - start) / 1e9;
        double sandboxCpuSeconds = (sandbox.cpuTime().minus(sandboxCpuBefore)).toMillis() / 1000.0;
        if (exitCode != 0 || results.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%9s %6d  the checking JVM (-Xmx%s) failed with exit code %d after %.1f s%n",
                    "?",
                    concurrency,
                    heap,
                    exitCode,
                    jvmSeconds);
            return results;
        }
        for (ResultLine result : results) {
            out.printf(
                    Locale.ROOT,
                    ROW,
                    result.text("clusters"),
                    result.text("concurrency"),
                    result.text("run"),
                    result.number("wallMs") / 1000,
                    jvmSeconds,
                    result.number("poolPeakMb"),
                    result.number("sampledPeakMb"),
                    result.number("retainedMb"),
                    result.number("cpuMs") / 1000,
                    result.number("jitMs") / 1000,
                    result.number("gcMs") / 1000,
                    sandboxCpuSeconds,
                    result.text("peakThreads"),
                    result.number("clusterMedianMs"),
                    result.number("clusterP90Ms"),
                    result.text("notChecked"),
                    load,
                    QuietMachine.load(),
                    largestGroups(result.text("threadsAtPeak"), 4));
        }
        out.flush();
        return results;
    }
}
