package io.konnectivity.cli.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.arm.ArmEmulator;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetCommandTest {

    @TempDir
    Path directory;

    private ArmEmulator arm;
    private SandboxCluster sandbox;
    private List<String> emulatorOptions;

    @BeforeEach
    void start() throws IOException {
        arm = ArmEmulator.start();
        sandbox = SandboxCluster.start(SandboxScenario.builder()
                .clusterName("fleet")
                .agentCertificateExpiresIn(Duration.ofDays(20))
                .extraTlsSecrets(false)
                .build());
        Path ca = Files.writeString(directory.resolve("arm-ca.pem"), arm.caPem());
        Path token = Files.writeString(directory.resolve("token"), arm.token() + "\n");
        emulatorOptions = List.of(
                "--subscription", EmulatedCluster.DEFAULT_SUBSCRIPTION,
                "--arm-endpoint", arm.endpoint(),
                "--arm-ca-file", ca.toString(),
                "--arm-token-file", token.toString(),
                "--arm-poll-interval-ms", "20");
    }

    @AfterEach
    void stop() {
        arm.close();
        sandbox.close();
    }

    @Test
    void checksTheFilteredClustersAndIgnoresStoppedOnesInTheExitCode() {
        arm.add(EmulatedCluster.builder("aks-prod-1", sandbox)
                .tag("env", "prod")
                .rbacEnabled(false)
                .build());
        arm.add(EmulatedCluster.builder("aks-prod-2", sandbox)
                .tag("env", "prod")
                .stopped()
                .build());
        arm.add(EmulatedCluster.builder("aks-test-1", sandbox)
                .tag("env", "test")
                .build());

        Run run = run(new FleetCommand(), "--tag", "env=prod", "--name-pattern", "aks-prod-*", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("rg1/aks-prod-1")
                .contains("AKS_RBAC_DISABLED")
                .contains("\"status\": \"SKIPPED\"")
                .contains("\"skipped\": \"The cluster is stopped (power state Stopped)")
                .doesNotContain("aks-test-1");
        assertThat(run.err()).contains("Subscription " + EmulatedCluster.DEFAULT_SUBSCRIPTION + ": 2 AKS clusters");
    }

    @Test
    void aFleetOfOnlyStoppedClustersSucceeds() {
        arm.add(EmulatedCluster.builder("aks-dev-1", sandbox).stopped().build());

        Run run = run(new FleetCommand(), "-o", "table");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rg1/aks-dev-1").contains("SKIPPED").contains("skipped: The cluster is stopped");
    }

    @Test
    void nodesCommandReadsEveryPool() {
        arm.add(EmulatedCluster.builder("aks-1", sandbox)
                .pool("system", 2, "System")
                .pool("user", 1, "User")
                .build());

        Run run = run(new NodesCommand(), "rg1/aks-1", "-o", "markdown");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("/etc/kubernetes/certs/apiserver.crt").contains("aks-user-");
    }

    @Test
    void secretComesFromTheEnvironmentAndNeverFromAPlainDefault() throws Exception {
        AzureOptions options = new AzureOptions();
        new CommandLine(options).parseArgs("--credential", "client-secret", "--tenant", "t", "--client-id", "c");
        options.environment = Map.of("AZURE_CLIENT_SECRET", "from-env")::get;

        assertThat(options.credential().secret()).isEqualTo("from-env");
        assertThat(options.credential().toString()).doesNotContain("from-env");

        options.environment = name -> null;
        org.assertj.core.api.Assertions.assertThatThrownBy(options::credential)
                .hasMessageContaining("$AZURE_CLIENT_SECRET");
    }

    @Test
    void secretFileIsRead() throws Exception {
        Path file = Files.writeString(directory.resolve("secret"), "from-file\n");
        AzureOptions options = new AzureOptions();
        new CommandLine(options)
                .parseArgs(
                        "--credential",
                        "client-secret",
                        "--tenant",
                        "t",
                        "--client-id",
                        "c",
                        "--client-secret-file",
                        file.toString(),
                        "--cloud",
                        "AzureChinaCloud");

        assertThat(options.credential().secret()).isEqualTo("from-file");
        assertThat(options.credential().cloud()).isEqualTo(io.konnectivity.azure.AzureCloud.CHINA);
    }

    private Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(emulatorOptions);
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
