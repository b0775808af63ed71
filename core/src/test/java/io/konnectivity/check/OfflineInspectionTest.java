package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.sandbox.SandboxPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineInspectionTest {

    private final Instant now = Instant.parse("2026-12-03T12:00:00Z");
    private final OfflineInspection inspection =
            new OfflineInspection(Clock.fixed(now, ZoneOffset.UTC), Thresholds.DEFAULT);
    private final SandboxPki pki = SandboxPki.generate("offline");
    private final SandboxPki.IssuedCertificate agent = pki.issueClient(
            "CN=konnectivity-agent",
            now.minus(Duration.ofDays(300)),
            now.plus(Duration.ofDays(6)),
            SandboxPki.KeyType.EC_P256);

    @TempDir
    Path directory;

    @Test
    void judgesCertificateKeyAndCaFiles() throws Exception {
        Path certificate = write("client.crt", agent.certificatePem());
        Path key = write("client.key", agent.privateKeyPem());
        Path ca = write("ca.crt", pki.caPem());

        CheckReport report = inspection.files(certificate, key, ca);

        CertificateCheck client = report.byExpiry().get(0).certificate();
        assertThat(client.role()).isEqualTo(CertificateRole.AGENT_CLIENT);
        assertThat(client.status()).isEqualTo(Status.CRITICAL);
        assertThat(client.daysLeft()).isEqualTo(6);
        assertThat(client.location().file()).isEqualTo(certificate.toString());
        assertThat(report.status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void judgesASecretSavedByKubectlAsYaml() throws Exception {
        Path saved = write(
                "secret.yaml",
                "apiVersion: v1\nkind: Secret\ntype: Opaque\nmetadata:\n"
                        + "  name: konnectivity-certs\n  namespace: kube-system\ndata:\n"
                        + "  ca.crt: " + base64(pki.caPem()) + "\n"
                        + "  client.crt: " + base64(agent.certificatePem()) + "\n"
                        + "  client.key: " + base64(agent.privateKeyPem()) + "\n");

        CheckReport report = inspection.savedSecret(saved);

        CertificateCheck client = report.byExpiry().get(0).certificate();
        assertThat(client.location().describe()).isEqualTo("kube-system/konnectivity-certs[client.crt]");
        assertThat(client.problems()).isEmpty();
        assertThat(client.status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void judgesASecretSavedAsJson() throws Exception {
        Path saved = write(
                "secret.json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\","
                        + "\"namespace\":\"kube-system\"},\"data\":{\"client.crt\":\"" + base64(agent.certificatePem())
                        + "\",\"client.key\":\"" + base64(agent.privateKeyPem()) + "\",\"ca.crt\":\""
                        + base64(pki.caPem())
                        + "\"}}");

        assertThat(inspection.savedSecret(saved).status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void aFileThatIsNotASecretIsNamed() throws Exception {
        Path saved = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\n");

        assertThatThrownBy(() -> inspection.savedSecret(saved))
                .hasMessage("The file " + saved + " holds ConfigMap, not a Secret.");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(directory.resolve(name), content);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
