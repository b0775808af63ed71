package io.konnectivity.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
            "cli-jar");

    private final List<Integer> sizes;
    private final List<Integer> concurrencies;
    private final int servers;
    private final int latencyMillis;
    private final String heapLimit;
    private final String smallHeapLimit;
    private final int runs;
    private final int timeoutSeconds;
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
        this.cliJar = Path.of(options.text("cli-jar", "cli/target/konnectivity.jar"));
    }

    void run(PrintStream out) throws Exception {
        out.printf(
                Locale.ROOT,
                "== 3. Fleets with %d ms latency on every response, sandbox in its own JVM (%d servers), checker"
                        + " -Xmx%s ==%n",
                latencyMillis,
                servers,
                heapLimit);
        out.printf(
                Locale.ROOT,
                "%9s %6s %4s %9s %9s %9s %9s %9s %8s %8s %7s %9s %9s  %s%n",
                "clusters",
                "conc.",
                "run",
                "wall",
                "JVM wall",
                "pool peak",
                "sampled",
                "retained",
                "cpu",
                "sandbox",
                "threads",
                "cluster",
                "not",
                "threads at peak");
        out.printf(
                Locale.ROOT,
                "%9s %6s %4s %9s %9s %9s %9s %9s %8s %8s %7s %9s %9s%n",
                "",
                "",
                "",
                "(s)",
                "(s)",
                "heap(MB)",
                "peak(MB)",
                "(MB)",
                "(s)",
                "cpu (s)",
                "peak",
                "p50 (ms)",
                "checked");
        for (int size : sizes) {
            try (SandboxProcess sandbox =
                    SandboxProcess.start(cliJar, size, Math.min(servers, size), latencyMillis, Duration.ofMinutes(5))) {
                Optional<Integer> best = Optional.empty();
                double bestWall = Double.MAX_VALUE;
                for (int concurrency : effectiveConcurrencies(concurrencies, size)) {
                    for (ResultLine result : check(sandbox, concurrency, heapLimit, out)) {
                        if (result.number("wallMs") < bestWall && result.number("notChecked") == 0) {
                            bestWall = result.number("wallMs");
                            best = Optional.of(concurrency);
                        }
                    }
                }
                if (size >= 100 && best.isPresent() && !smallHeapLimit.equals(heapLimit)) {
                    out.printf(Locale.ROOT, "  the fastest concurrency again, with -Xmx%s:%n", smallHeapLimit);
                    check(sandbox, best.get(), smallHeapLimit, out);
                }
            }
        }
    }

    /** The concurrencies worth running for a fleet: above its size they all mean one thread per cluster. */
    static List<Integer> effectiveConcurrencies(List<Integer> concurrencies, int clusters) {
        Set<Integer> effective = new LinkedHashSet<>();
        for (int concurrency : concurrencies) {
            effective.add(Math.min(concurrency, clusters));
        }
        return new ArrayList<>(effective);
    }

    private List<ResultLine> check(SandboxProcess sandbox, int concurrency, String heap, PrintStream out)
            throws Exception {
        List<String> command =
                new ArrayList<>(List.of(JavaCommand.java(), "-Xmx" + heap, "-cp", JavaCommand.classPath()));
        command.addAll(List.of(CheckBenchmark.class.getName(), "fleet-check", "--kubeconfig"));
        command.addAll(List.of(sandbox.kubeconfig().toString(), "--concurrency", String.valueOf(concurrency)));
        command.addAll(List.of("--timeout-seconds", String.valueOf(timeoutSeconds), "--runs", String.valueOf(runs)));

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
                    "%9s %6s %4s %9.2f %9.2f %9.0f %9.0f %9.0f %8.2f %8.2f %7s %9.0f %9s  %s%n",
                    result.text("clusters"),
                    result.text("concurrency"),
                    result.text("run"),
                    result.number("wallMs") / 1000,
                    jvmSeconds,
                    result.number("poolPeakMb"),
                    result.number("sampledPeakMb"),
                    result.number("retainedMb"),
                    result.number("cpuMs") / 1000,
                    sandboxCpuSeconds,
                    result.text("peakThreads"),
                    result.number("clusterMedianMs"),
                    result.text("notChecked"),
                    result.text("threadsAtPeak"));
        }
        out.flush();
        return results;
    }
}
