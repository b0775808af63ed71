package io.konnectivity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.arm.ArmEmulator;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check and rotate commands with nothing but an Azure credential, against the ARM emulator. */
class AzureClusterCommandsTest {

    @TempDir
    Path directory;

    private ArmEmulator arm;
    private SandboxCluster sandbox;
    private List<String> azure;

    @BeforeEach
    void start() throws Exception {
        arm = ArmEmulator.start();
        sandbox = SandboxCluster.start(SandboxScenario.builder()
                .clusterName("legacy")
                .agentCertificateExpiresIn(Duration.ofDays(20))
                .build());
        arm.add(EmulatedCluster.builder("aks-legacy", sandbox)
                .rbacEnabled(false)
                .build());
        azure = List.of(
                "--subscription", EmulatedCluster.DEFAULT_SUBSCRIPTION,
                "--arm-endpoint", arm.endpoint(),
                "--arm-ca-file",
                        Files.writeString(directory.resolve("ca.pem"), arm.caPem())
                                .toString(),
                "--arm-token-file",
                        Files.writeString(directory.resolve("token"), arm.token())
                                .toString(),
                "--arm-poll-interval-ms", "20");
    }

    @AfterEach
    void stop() {
        arm.close();
        sandbox.close();
    }

    @Test
    void checkWithAnAzureClusterExplainsThatRbacDisabledClustersNeverRotate() {
        CliRun run = run("check", "--azure-cluster", "rg1/aks-legacy");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("RBAC").contains("konnectivity-certs");
        assertThat(run.out() + run.err()).doesNotContain(arm.token());
    }

    @Test
    void csrRotationNeedsNothingButTheAzureCredential() {
        CliRun run = run("rotate", "--azure-cluster", "rg1/aks-legacy", "--yes");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(sandbox.tunnelUp()).isTrue();
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain("kubeconfig");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fullRotationRunsWhenDowntimeIsAccepted() {
        CliRun run = run("rotate", "--mode", "FULL", "--azure-cluster", "rg1/aks-legacy", "--accept-downtime", "--yes");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("FULL");
    }

    @Test
    void nodesOfAStoppedClusterAreSkippedWithTheReasonAndNoCommandRuns() {
        arm.add(EmulatedCluster.builder("aks-stopped", sandbox).stopped().build());
        arm.recordRequests(true);

        CliRun run = run("nodes", "rg1/aks-stopped", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("SKIPPED").contains("stopped");
        assertThat(arm.requests()).noneMatch(line -> line.endsWith("/runCommand"));
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(azure);
        return CliRun.of(all.toArray(String[]::new));
    }
}
