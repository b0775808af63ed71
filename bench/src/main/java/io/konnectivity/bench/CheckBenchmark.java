package io.konnectivity.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures the check: {@code single} (one cluster in process), {@code startup} (the command line as a process against
 * kubectl and openssl), {@code fleet} (1 to 1000 clusters with latency), or {@code all}. Run it through
 * {@code bench/run.sh}, which builds what it needs; {@code fleet-check} is the checking JVM that {@code fleet} starts.
 */
public final class CheckBenchmark {

    private CheckBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: CheckBenchmark single|startup|fleet|all [--option value ...]");
            System.exit(2);
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        PrintStream out = System.out;
        try {
            switch (command) {
                case "single" -> {
                    machine(out);
                    new SingleClusterBenchmark(Options.parse(rest, Set.copyOf(SingleClusterBenchmark.OPTIONS)))
                            .run(out);
                }
                case "startup" -> {
                    machine(out);
                    new StartupBenchmark(Options.parse(rest, Set.copyOf(StartupBenchmark.OPTIONS))).run(out);
                }
                case "fleet" -> {
                    machine(out);
                    new FleetBenchmark(Options.parse(rest, Set.copyOf(FleetBenchmark.OPTIONS))).run(out);
                }
                case "all" -> {
                    machine(out);
                    Set<String> known = new HashSet<>(SingleClusterBenchmark.OPTIONS);
                    known.addAll(StartupBenchmark.OPTIONS);
                    known.addAll(FleetBenchmark.OPTIONS);
                    Options options = Options.parse(rest, known);
                    new SingleClusterBenchmark(options).run(out);
                    machine(out);
                    new StartupBenchmark(options).run(out);
                    machine(out);
                    new FleetBenchmark(options).run(out);
                }
                case "fleet-check" ->
                    new FleetCheckRun(Options.parse(rest, Set.copyOf(FleetCheckRun.OPTIONS))).run(out);
                default ->
                    throw new IllegalArgumentException(
                            "Unknown benchmark '" + command + "'; choose single, startup, fleet or all.");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
        if (!command.equals("fleet-check")) {
            machine(out);
        }
        System.exit(0);
    }

    /** When, where and how busy: the load average tells whether other work shared the machine. */
    private static void machine(PrintStream out) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        out.printf(
                Locale.ROOT,
                "%s | %d cores | %s %s | %s %s | load average %.2f%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                os.getName(),
                os.getArch(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                os.getSystemLoadAverage());
    }
}
