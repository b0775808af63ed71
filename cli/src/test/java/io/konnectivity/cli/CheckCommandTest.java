package io.konnectivity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxFleet;
import io.konnectivity.sandbox.SandboxScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @Test
    void healthyClusterExitsZeroWithAPlainTable() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            CliRun run = CliRun.of("check", "--kubeconfig", cluster.kubeconfig().toString());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("konnectivity-certs").contains("OK").doesNotContain("\u001b[");
        }
    }

    @Test
    void exitCodeFollowsTheWorstStatus() {
        assertThat(exitCodeFor(Duration.ofDays(20))).isEqualTo(1);
        assertThat(exitCodeFor(Duration.ofDays(3))).isEqualTo(2);
        assertThat(exitCodeFor(Duration.ofDays(-1))).isEqualTo(2);
    }

    @Test
    void thresholdsComeFromTheOptions() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(20).plusHours(1))
                .build())) {
            CliRun run = CliRun.of(
                    "check",
                    "--kubeconfig",
                    cluster.kubeconfig().toString(),
                    "--warn-days",
                    "14",
                    "--critical-days",
                    "7");

            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void jsonGoesToStandardOutputAndEveryReportToTheDirectory(@TempDir Path reports) throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            CliRun run = CliRun.of(
                    "check",
                    "--kubeconfig",
                    cluster.kubeconfig().toString(),
                    "--format",
                    "json",
                    "--output-dir",
                    reports.toString());

            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(json.get("clusters").get(0).get("name").asText()).isEqualTo(cluster.context());
            try (var files = Files.list(reports)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .anyMatch(name -> name.endsWith(".json"))
                        .anyMatch(name -> name.endsWith(".html"))
                        .anyMatch(name -> name.endsWith(".xml"))
                        .anyMatch(name -> name.endsWith(".md"))
                        .anyMatch(name -> name.endsWith(".prom"));
            }
        }
    }

    @Test
    void allContextsReportsProgressPerCluster() {
        try (SandboxFleet fleet = SandboxFleet.start(3, 1, index -> SandboxScenario.defaults())) {
            CliRun run = CliRun.of("check", "--kubeconfig", fleet.kubeconfig().toString(), "--all-contexts");

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).contains("[1/3]").contains("[3/3]");
        }
    }

    @Test
    void unreachableClusterExitsThreeWithOneLine() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            cluster.stopServing();

            CliRun run = CliRun.of("check", "--kubeconfig", cluster.kubeconfig().toString(), "--format", "markdown");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("Cannot reach");
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void missingKubeconfigAndUnknownFormatAreOneLineErrors(@TempDir Path directory) {
        CliRun missing =
                CliRun.of("check", "--kubeconfig", directory.resolve("nope").toString());
        CliRun format;
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            format = CliRun.of("check", "--kubeconfig", cluster.kubeconfig().toString(), "--format", "pdf");
        }

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err().strip())
                .isEqualTo("konnectivity: The kubeconfig " + directory.resolve("nope") + " does not exist.");
        assertThat(format.exitCode()).isEqualTo(3);
        assertThat(format.err()).contains("pdf").doesNotContain("\tat ");
    }

    @Test
    void badOptionValueNamesTheOption() {
        CliRun run = CliRun.of("check", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--timeout").contains("Try 'konnectivity check --help'.");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command :
                new String[] {"check", "inspect", "rotate", "backups", "restore", "fleet", "nodes", "sandbox", "demo"
                }) {
            CliRun run = CliRun.of(command, "--help");

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: konnectivity " + command);
        }
        assertThat(CliRun.of("--help").out())
                .contains("Exit codes:")
                .contains("3")
                .contains("check");
    }

    private static int exitCodeFor(Duration agentExpiresIn) {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.builder()
                .agentCertificateExpiresIn(agentExpiresIn)
                .build())) {
            return CliRun.of("check", "--kubeconfig", cluster.kubeconfig().toString())
                    .exitCode();
        }
    }
}
