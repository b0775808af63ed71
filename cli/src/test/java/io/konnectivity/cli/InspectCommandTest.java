package io.konnectivity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.sandbox.SandboxPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path directory;

    @Test
    void inspectsFilesOfflineAndNeverPrintsTheKey() throws Exception {
        SandboxPki pki = SandboxPki.generate("files");
        SandboxPki.IssuedCertificate agent = pki.issueClient(
                "CN=konnectivity-agent",
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(90)),
                SandboxPki.KeyType.RSA_2048);
        Path certificate = Files.writeString(directory.resolve("client.crt"), agent.certificatePem());
        Path key = Files.writeString(directory.resolve("client.key"), agent.privateKeyPem());
        Path ca = Files.writeString(directory.resolve("ca.crt"), pki.caPem());

        CliRun run = CliRun.of(
                "inspect",
                "--cert",
                certificate.toString(),
                "--key",
                key.toString(),
                "--ca",
                ca.toString(),
                "--format",
                "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("CN=konnectivity-agent").doesNotContain("PRIVATE KEY");
    }

    @Test
    void keyOfTheWrongTypeIsAClearProblem() throws Exception {
        SandboxPki pki = SandboxPki.generate("files");
        SandboxPki.IssuedCertificate agent = pki.issueClient(
                "CN=konnectivity-agent",
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(90)),
                SandboxPki.KeyType.RSA_2048);
        Path certificate = Files.writeString(directory.resolve("client.crt"), agent.certificatePem());
        Path key = Files.writeString(directory.resolve("client.key"), pki.caPem());

        CliRun run = CliRun.of("inspect", "--cert", certificate.toString(), "--key", key.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("INVALID");
    }

    @Test
    void missingFileIsOneLine() {
        CliRun run = CliRun.of(
                "inspect", "--secret-file", directory.resolve("gone.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .isEqualTo("konnectivity: The file " + directory.resolve("gone.yaml") + " does not exist.");
    }
}
