package io.konnectivity.bench;

import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Part 2: the command line end to end, as a process, against the manual kubectl | base64 | openssl pipeline on the
 * same sandbox cluster, with the JVM start-up options that might shorten it. Every variant runs once per round, in the
 * same order, so that a load spike on the machine hits all of them alike.
 */
final class StartupBenchmark {

    static final List<String> OPTIONS = List.of("repetitions", "cli-jar", "work-dir", "max-load");

    private static final String ARCHIVE = "konnectivity-app.jsa";

    private final int repetitions;
    private final Path cliJar;
    private final Path workDirectory;
    private final QuietMachine quiet;

    StartupBenchmark(Options options) {
        this.repetitions = options.number("repetitions", 20);
        this.cliJar = Path.of(options.text("cli-jar", "cli/target/konnectivity.jar"));
        this.workDirectory = Path.of(options.text("work-dir", "bench/results")).toAbsolutePath();
        this.quiet = new QuietMachine(Double.parseDouble(options.text("max-load", "0")), Duration.ofMinutes(10));
    }

    /** One way of checking, with what its success looks like. */
    private record Invocation(List<String> command, Map<String, String> environment, Predicate<TimedCommand> done) {

        TimedCommand run() throws Exception {
            TimedCommand result = TimedCommand.run(command, environment);
            return result.require(done.test(result), "exit 0 and the expected output");
        }
    }

    void run(PrintStream out) throws Exception {
        out.println("== 2. Command line end to end versus kubectl | base64 -d | openssl ==");
        Files.createDirectories(workDirectory);
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            Path kubeconfig = cluster.kubeconfig();
            Path kubectlHome = KubectlHome.seed(workDirectory.resolve("kubectl-home"), cluster.serverUrl());
            Path archive = train(kubeconfig, out);
            Map<String, Invocation> invocations = invocations(kubeconfig, kubectlHome, archive);

            for (Invocation invocation : invocations.values()) {
                invocation.run();
            }
            Map<String, List<TimedCommand>> results = new LinkedHashMap<>();
            invocations.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            List<Long> loads = new ArrayList<>();
            for (int round = 0; round < repetitions; round++) {
                loads.add(Math.round(quiet.await() * 100));
                for (Map.Entry<String, Invocation> invocation : invocations.entrySet()) {
                    results.get(invocation.getKey()).add(invocation.getValue().run());
                }
            }
            print(results, out);
            out.printf(
                    Locale.ROOT,
                    "rounds started at load averages %.2f to %.2f%n",
                    loads.stream().mapToLong(Long::longValue).min().orElse(0) / 100.0,
                    loads.stream().mapToLong(Long::longValue).max().orElse(0) / 100.0);
            anatomy(kubeconfig, archive, out);
        }
    }

    /** Where one command-line check spends itself, with and without the AppCDS archive, from the JVM's own logs. */
    private void anatomy(Path kubeconfig, Path archive, PrintStream out) throws Exception {
        out.println("anatomy of one command-line check (-XX:+CITime, -Xlog:class+load, -Xlog:gc):");
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("JDK defaults", List.of());
        variants.put("AppCDS", List.of("-XX:SharedArchiveFile=" + archive));
        variants.put(
                "AppCDS + TieredStopAtLevel=1", List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"));
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            Path classLog = workDirectory.resolve("class-load.log");
            Path gcLog = workDirectory.resolve("gc.log");
            List<String> flags = new ArrayList<>(variant.getValue());
            flags.addAll(JvmAnatomy.flags(classLog.toString(), gcLog.toString()));
            TimedCommand run = check(kubeconfig, flags.toArray(String[]::new)).run();
            JvmAnatomy anatomy = JvmAnatomy.parse(run.output(), Files.readString(classLog), Files.readString(gcLog));
            out.printf(
                    Locale.ROOT,
                    "  %-30s wall %5.0f ms, CPU %5.0f ms: %s%n",
                    variant.getKey(),
                    run.nanos() / 1e6,
                    run.cpuNanos() / 1e6,
                    anatomy.describe());
            Files.deleteIfExists(classLog);
            Files.deleteIfExists(gcLog);
        }
    }

    /** The training run: the same check, dumping the classes it loaded into an AppCDS archive at exit. */
    private Path train(Path kubeconfig, PrintStream out) throws Exception {
        Path archive = workDirectory.resolve(ARCHIVE);
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-XX:ArchiveClassesAtExit=" + archive));
        command.addAll(cliCheck(kubeconfig));
        TimedCommand training = new Invocation(command, Map.of(), StartupBenchmark::reported).run();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("The training run wrote no archive at " + archive + ": "
                    + training.output().strip());
        }
        out.printf(
                Locale.ROOT,
                "AppCDS training run: %.0f ms, archive %s (%.1f MB)%n",
                training.nanos() / 1e6,
                archive,
                Files.size(archive) / 1_048_576.0);
        return archive;
    }

    private Map<String, Invocation> invocations(Path kubeconfig, Path kubectlHome, Path archive) {
        String sharedArchive = "-XX:SharedArchiveFile=" + archive;
        Map<String, Invocation> invocations = new LinkedHashMap<>();
        invocations.put(
                "kubectl | base64 -d | openssl x509 -enddate",
                new Invocation(
                        List.of("bash", "-c", pipeline(kubeconfig)),
                        Map.of("HOME", kubectlHome.toString()),
                        result -> result.exitCode() == 0 && result.output().startsWith("notAfter=")));
        invocations.put("java -jar konnectivity.jar check (JDK defaults)", check(kubeconfig));
        invocations.put("  -Xshare:off (no class-data sharing at all)", check(kubeconfig, "-Xshare:off"));
        invocations.put("  -XX:TieredStopAtLevel=1", check(kubeconfig, "-XX:TieredStopAtLevel=1"));
        invocations.put("  -XX:+UseSerialGC", check(kubeconfig, "-XX:+UseSerialGC"));
        invocations.put("  AppCDS (-XX:SharedArchiveFile)", check(kubeconfig, sharedArchive));
        invocations.put("  AppCDS + TieredStopAtLevel=1", check(kubeconfig, sharedArchive, "-XX:TieredStopAtLevel=1"));
        invocations.put(
                "  AppCDS + TieredStopAtLevel=1 + SerialGC",
                check(kubeconfig, sharedArchive, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        invocations.put(
                "java -jar konnectivity.jar --version (no check)",
                new Invocation(
                        List.of(JavaCommand.java(), "-jar", cliJar.toString(), "--version"),
                        Map.of(),
                        result -> result.exitCode() == 0));
        return invocations;
    }

    private Invocation check(Path kubeconfig, String... flags) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java()));
        command.addAll(List.of(flags));
        command.addAll(cliCheck(kubeconfig));
        return new Invocation(command, Map.of(), StartupBenchmark::reported);
    }

    private List<String> cliCheck(Path kubeconfig) {
        return List.of("-jar", cliJar.toString(), "check", "--kubeconfig", kubeconfig.toString(), "--format", "json");
    }

    private static boolean reported(TimedCommand result) {
        return result.exitCode() == 0 && result.output().contains("\"clusters\"");
    }

    /** The manual check, exactly as an operator types it. */
    static String pipeline(Path kubeconfig) {
        return "set -o pipefail; kubectl --kubeconfig '" + kubeconfig
                + "' get secret konnectivity-certs -n kube-system -o jsonpath='{.data.client\\.crt}'"
                + " | base64 -d | openssl x509 -noout -enddate";
    }

    private static void print(Map<String, List<TimedCommand>> results, PrintStream out) {
        Map<String, Samples> wall = new LinkedHashMap<>();
        Map<String, Samples> cpu = new LinkedHashMap<>();
        results.forEach((name, runs) -> {
            wall.put(
                    name, Samples.ofNanos(runs.stream().map(TimedCommand::nanos).toList()));
            cpu.put(
                    name,
                    Samples.ofNanos(runs.stream().map(TimedCommand::cpuNanos).toList()));
        });
        List<Samples> ordered = new ArrayList<>(wall.values());
        Samples pipeline = ordered.get(0);
        Samples defaults = ordered.get(1);
        out.printf(
                Locale.ROOT,
                "%-50s %9s %9s %9s %11s %12s %10s%n",
                "command (n = " + pipeline.count() + " each)",
                "median",
                "p90",
                "min",
                "/ pipeline",
                "vs defaults",
                "CPU p50");
        wall.forEach((name, sample) -> out.printf(
                Locale.ROOT,
                "%-50s %6.0f ms %6.0f ms %6.0f ms %10.1fx %+9.0f ms %7.0f ms%n",
                name,
                sample.medianMillis(),
                sample.percentileMillis(90),
                sample.minMillis(),
                sample.medianMillis() / pipeline.medianMillis(),
                sample.medianMillis() - defaults.medianMillis(),
                cpu.get(name).medianMillis()));
    }
}
