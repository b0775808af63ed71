package io.konnectivity.bench;

import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 2: the command line end to end, as a process, against the manual kubectl | base64 | openssl pipeline on the
 * same sandbox cluster, with the JVM start-up options that might shorten it. Every variant runs once per round, in the
 * same order, so that a load spike on the machine hits all of them alike.
 */
final class StartupBenchmark {

    static final List<String> OPTIONS = List.of("repetitions", "cli-jar", "work-dir");

    private final int repetitions;
    private final Path cliJar;
    private final Path workDirectory;

    StartupBenchmark(Options options) {
        this.repetitions = options.number("repetitions", 20);
        this.cliJar = Path.of(options.text("cli-jar", "cli/target/konnectivity.jar"));
        this.workDirectory = Path.of(options.text("work-dir", "bench/results"));
    }

    void run(PrintStream out) throws Exception {
        out.println("== 2. Command line end to end versus kubectl | base64 -d | openssl ==");
        Files.createDirectories(workDirectory);
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            Path kubeconfig = cluster.kubeconfig();
            Path archive = train(kubeconfig, out);
            Map<String, List<String>> commands = commands(kubeconfig, archive);

            for (List<String> command : commands.values()) {
                run(command);
            }
            Map<String, List<Long>> nanos = new LinkedHashMap<>();
            commands.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
            for (int round = 0; round < repetitions; round++) {
                for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                    nanos.get(command.getKey()).add(run(command.getValue()).nanos());
                }
            }
            print(nanos, out);
        }
    }

    /** The training run: the same check, dumping the classes it loaded into an AppCDS archive at exit. */
    private Path train(Path kubeconfig, PrintStream out) throws Exception {
        Path archive = workDirectory.resolve("konnectivity-app.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-XX:ArchiveClassesAtExit=" + archive));
        command.addAll(cliCheck(kubeconfig));
        TimedCommand training = run(command);
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

    private Map<String, List<String>> commands(Path kubeconfig, Path archive) {
        String sharedArchive = "-XX:SharedArchiveFile=" + archive;
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("kubectl | base64 -d | openssl x509 -enddate", List.of("bash", "-c", pipeline(kubeconfig)));
        commands.put("java -jar konnectivity.jar check (JDK defaults)", java(kubeconfig));
        commands.put("  -Xshare:off (no class-data sharing at all)", java(kubeconfig, "-Xshare:off"));
        commands.put("  -XX:TieredStopAtLevel=1", java(kubeconfig, "-XX:TieredStopAtLevel=1"));
        commands.put("  -XX:+UseSerialGC", java(kubeconfig, "-XX:+UseSerialGC"));
        commands.put("  AppCDS (-XX:SharedArchiveFile)", java(kubeconfig, sharedArchive));
        commands.put("  AppCDS + TieredStopAtLevel=1", java(kubeconfig, sharedArchive, "-XX:TieredStopAtLevel=1"));
        commands.put(
                "  AppCDS + TieredStopAtLevel=1 + SerialGC",
                java(kubeconfig, sharedArchive, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        List<String> version = new ArrayList<>(List.of(JavaCommand.java(), "-jar", cliJar.toString(), "--version"));
        commands.put("java -jar konnectivity.jar --version (no check)", version);
        return commands;
    }

    private List<String> java(Path kubeconfig, String... flags) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java()));
        command.addAll(List.of(flags));
        command.addAll(cliCheck(kubeconfig));
        return command;
    }

    private List<String> cliCheck(Path kubeconfig) {
        return List.of("-jar", cliJar.toString(), "check", "--kubeconfig", kubeconfig.toString(), "--format", "json");
    }

    /** The manual check, exactly as an operator types it. */
    static String pipeline(Path kubeconfig) {
        return "set -o pipefail; kubectl --kubeconfig '" + kubeconfig
                + "' get secret konnectivity-certs -n kube-system -o jsonpath='{.data.client\\.crt}'"
                + " | base64 -d | openssl x509 -noout -enddate";
    }

    private static TimedCommand run(List<String> command) throws Exception {
        TimedCommand result = TimedCommand.run(command);
        if (command.get(0).equals("bash")) {
            return result.require(
                    result.exitCode() == 0 && result.output().startsWith("notAfter="), "exit 0 and notAfter=...");
        }
        if (command.contains("--version")) {
            return result.require(result.exitCode() == 0, "exit 0");
        }
        return result.require(
                result.exitCode() == 0 && result.output().contains("\"clusters\""), "exit 0 and a JSON report");
    }

    private static void print(Map<String, List<Long>> nanos, PrintStream out) {
        Map<String, Samples> samples = new LinkedHashMap<>();
        nanos.forEach((name, values) -> samples.put(name, Samples.ofNanos(values)));
        Samples pipeline = samples.values().iterator().next();
        Samples plain = new ArrayList<>(samples.values()).get(1);
        out.printf(
                Locale.ROOT,
                "%-50s %9s %9s %9s %12s %12s%n",
                "command (n = " + pipeline.count() + " each)",
                "median",
                "p90",
                "min",
                "/ pipeline",
                "vs defaults");
        samples.forEach((name, sample) -> out.printf(
                Locale.ROOT,
                "%-50s %6.0f ms %6.0f ms %6.0f ms %11.2fx %+9.0f ms%n",
                name,
                sample.medianMillis(),
                sample.percentileMillis(90),
                sample.minMillis(),
                sample.medianMillis() / pipeline.medianMillis(),
                sample.medianMillis() - plain.medianMillis()));
    }
}
