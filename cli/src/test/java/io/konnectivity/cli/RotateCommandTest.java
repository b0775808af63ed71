package io.konnectivity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateCommandTest {

    @TempDir
    Path directory;

    @Test
    void rotatesWithYesAndPrintsTheReport() throws Exception {
        try (SandboxCluster cluster = expiring()) {
            CliRun run = CliRun.of(
                    "rotate",
                    "--kubeconfig",
                    cluster.kubeconfig().toString(),
                    "--yes",
                    "--format",
                    "json",
                    "--output-dir",
                    directory.resolve("reports").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("kind").asText()).isEqualTo("rotation");
            assertThat(run.err()).contains("preflight").contains("verify").contains("cleanup");
            assertThat(directory.resolve("reports").resolve("konnectivity-rotation.html"))
                    .exists();
            assertThat(cluster.tunnelUp()).isTrue();
        }
    }

    @Test
    void withoutYesOffATerminalNothingIsChanged() throws Exception {
        try (SandboxCluster cluster = expiring()) {
            String before = cluster.adminClient()
                    .secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .get()
                    .getMetadata()
                    .getResourceVersion();

            CliRun run =
                    CliRun.of("rotate", "--kubeconfig", cluster.kubeconfig().toString());

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("pass --yes");
            assertThat(cluster.adminClient()
                            .secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .get()
                            .getMetadata()
                            .getResourceVersion())
                    .isEqualTo(before);
        }
    }

    @Test
    void dryRunNeedsNoConfirmationAndPrintsThePlan() {
        try (SandboxCluster cluster = expiring()) {
            CliRun run =
                    CliRun.of("rotate", "--kubeconfig", cluster.kubeconfig().toString(), "--dry-run");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("PLANNED").contains("CertificateSigningRequest");
        }
    }

    @Test
    void nightlyRunWithIfExpiresWithinSkipsWhenNotDue() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            CliRun run = CliRun.of(
                    "rotate", "--kubeconfig", cluster.kubeconfig().toString(), "--yes", "--if-expires-within", "30");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Not due");
        }
    }

    @Test
    void localBackupFileIsOwnerOnly() throws Exception {
        try (SandboxCluster cluster = expiring()) {
            Path backup = directory.resolve("konnectivity-certs.yaml");

            CliRun run = CliRun.of(
                    "rotate",
                    "--kubeconfig",
                    cluster.kubeconfig().toString(),
                    "--yes",
                    "--backup-file",
                    backup.toString());

            assertThat(run.exitCode()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(backup)).contains("client.key").contains("kind: \"Secret\"");
            assertThat(run.out() + run.err()).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void validityBelowTenMinutesIsRefusedBeforeAnything() {
        try (SandboxCluster cluster = expiring()) {
            CliRun run = CliRun.of(
                    "rotate", "--kubeconfig", cluster.kubeconfig().toString(), "--yes", "--validity", "0.001");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("below the CSR API's minimum of 600 s");
        }
    }

    @Test
    void fullRotationIsRefusedWithoutAcceptingDowntime() {
        CliRun run = CliRun.of(
                "rotate",
                "--mode",
                "FULL",
                "--azure-cluster",
                "rg/aks",
                "--subscription",
                "00000000-0000-0000-0000-000000000000",
                "--yes");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("downtime");
    }

    @Test
    void backupsListsWhatARotationMadeAndRestorePutsItBack() {
        try (SandboxCluster cluster = expiring()) {
            String original = cluster.adminClient()
                    .secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .get()
                    .getData()
                    .get("client.crt");
            assertThat(CliRun.of("rotate", "--kubeconfig", cluster.kubeconfig().toString(), "--yes")
                            .exitCode())
                    .isZero();

            CliRun list =
                    CliRun.of("backups", "--kubeconfig", cluster.kubeconfig().toString());
            String name = list.out()
                    .lines()
                    .filter(line -> line.startsWith("konnectivity-certs-backup-"))
                    .findFirst()
                    .orElseThrow()
                    .split("\\s+")[0];
            CliRun restore =
                    CliRun.of("restore", "--kubeconfig", cluster.kubeconfig().toString(), "--backup", name, "--yes");

            assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
            assertThat(cluster.adminClient()
                            .secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .get()
                            .getData()
                            .get("client.crt"))
                    .isEqualTo(original);
        }
    }

    @Test
    void restoreWithoutYesIsRefused() {
        CliRun run = CliRun.of("restore", "--backup", "x");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--yes");
    }

    private static SandboxCluster expiring() {
        return SandboxCluster.start(SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(5))
                .build());
    }
}
