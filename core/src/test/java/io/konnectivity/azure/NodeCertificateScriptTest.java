package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.Location;
import io.konnectivity.check.Status;
import io.konnectivity.check.Thresholds;
import io.konnectivity.sandbox.SandboxPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCertificateScriptTest {

    private static final String API_SERVER = "/etc/kubernetes/certs/apiserver.crt";

    @Test
    void readsTheLinesOutOfRunCommandsWrappedMessage() {
        String message = "Enable succeeded: \n[stdout]\n"
                + "konnectivity-node-cert|" + API_SERVER + "|ok|notBefore=Mar  5 12:00:00 2024 GMT|"
                + "notAfter=Mar  5 12:00:00 2026 GMT|serial=0A1B|sha256 Fingerprint=AB:CD|issuer=CN=ca|"
                + "subject=CN=apiserver|\n"
                + "konnectivity-node-cert|/etc/kubernetes/certs/ca.crt|missing\n"
                + "\n[stderr]\nkonnectivity-node-cert|/should/not|ok|notAfter=Jan 1 00:00:00 2030 GMT|\n";

        List<NodeCertificateScript.Line> lines = NodeCertificateScript.parse(message);

        assertThat(lines)
                .extracting(NodeCertificateScript.Line::path)
                .containsExactly(API_SERVER, "/etc/kubernetes/certs/ca.crt");
        NodeCertificateScript.Line first = lines.get(0);
        assertThat(first.state()).isEqualTo(NodeCertificateScript.State.OK);
        assertThat(first.fields())
                .containsEntry("notAfter", "Mar  5 12:00:00 2026 GMT")
                .containsEntry("sha256", "AB:CD")
                .containsEntry("subject", "CN=apiserver");
        assertThat(NodeCertificateScript.date(first.fields().get("notAfter")))
                .isEqualTo(Instant.parse("2026-03-05T12:00:00Z"));
        assertThat(lines.get(1).state()).isEqualTo(NodeCertificateScript.State.MISSING);
    }

    @Test
    void toleratesNoiseCarriageReturnsACutFirstLineAndOldOpenssl() {
        String message = "Enable succeeded: \r\n[stdout]\r\n"
                + "ert|/var/lib/kubelet/pki/kubelet-client-current.pem|ok|notAfter=Jan  1 00:00:00 2027 GMT|\r\n"
                + "bash: warning: setlocale: LC_ALL: cannot change locale\r\n"
                + "  konnectivity-node-cert|" + API_SERVER + "|ok|notAfter=Dec 31 23:59:59 2027 GMT|"
                + "SHA256 Fingerprint=01:02|subject=CN=a|b,O=x|\r\n"
                + "konnectivity-node-cert|/etc/kubernetes/certs/ca.crt|error|unable to load certificate\r\n"
                + "konnectivity-node-cert|/etc/kubernetes/certs/ca.crt|o\r\n"
                + "[stderr]\r\nsome warning\r\n";

        List<NodeCertificateScript.Line> lines = NodeCertificateScript.parse(message);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).fields()).containsEntry("sha256", "01:02").containsEntry("subject", "CN=a|b,O=x");
        assertThat(lines.get(1).state()).isEqualTo(NodeCertificateScript.State.ERROR);
        assertThat(lines.get(1).error()).isEqualTo("unable to load certificate");
        assertThat(NodeCertificateScript.stderr(message)).isEqualTo("some warning");
    }

    @Test
    void messageWithoutMarkersOrLinesGivesNothing() {
        assertThat(NodeCertificateScript.parse(null)).isEmpty();
        assertThat(NodeCertificateScript.parse("Enable failed: the VM agent is not ready"))
                .isEmpty();
    }

    @Test
    void judgesAParsedCertificateByItsDates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        NodeCertificateScript.Line line = NodeCertificateScript.parse("konnectivity-node-cert|" + API_SERVER
                        + "|ok|notBefore=Jan  1 00:00:00 2025 GMT|notAfter=Jan 11 00:00:00 2026 GMT|serial=00FF|"
                        + "sha256 Fingerprint=ab:cd|issuer=CN=ca|subject=CN=ca|")
                .get(0);

        CertificateCheck check =
                NodeCertificates.judge(line, Location.file("vmss/0:" + API_SERVER, 0), Thresholds.DEFAULT, now);

        assertThat(check.status()).isEqualTo(Status.WARNING);
        assertThat(check.daysLeft()).isEqualTo(10);
        assertThat(check.facts().serial()).isEqualTo("ff");
        assertThat(check.facts().sha256Fingerprint()).isEqualTo("AB:CD");
        assertThat(check.facts().selfSigned()).isTrue();
        assertThat(check.location().describe()).isEqualTo("vmss/0:" + API_SERVER);
    }

    @Test
    void eachFileTheScriptReadsHasItsOwnRole() {
        assertThat(NodeCertificateScript.PATHS)
                .extracting(NodeCertificateScript::role)
                .containsExactly(CertificateRole.NODE_SERVING, CertificateRole.NODE_CA, CertificateRole.KUBELET_CLIENT);
        assertThat(NodeCertificateScript.role("/etc/other.crt")).isEqualTo(CertificateRole.FILE);
    }

    @Test
    void judgesAKubeletClientCertificateWithoutKnownUsagesByItsDatesAlone() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String path = NodeCertificateScript.KUBELET_CLIENT_CERTIFICATE;
        NodeCertificateScript.Line line = NodeCertificateScript.parse("konnectivity-node-cert|" + path
                        + "|ok|notBefore=Dec  1 00:00:00 2025 GMT|notAfter=Dec  1 00:00:00 2026 GMT|serial=01|"
                        + "sha256 Fingerprint=ab:cd|issuer=CN=ca|subject=CN=system:node:vmss000000,O=system:nodes|")
                .get(0);

        CertificateCheck check =
                NodeCertificates.judge(line, Location.file("vmss/0:" + path, 0), Thresholds.DEFAULT, now);

        assertThat(check.role()).isEqualTo(CertificateRole.KUBELET_CLIENT);
        assertThat(check.facts().extendedKeyUsages()).isEmpty();
        assertThat(check.problems()).isEmpty();
        assertThat(check.status()).isEqualTo(Status.OK);
    }

    @Test
    void aFileTheNodeCouldNotParseKeepsTheRoleOfItsPath() {
        NodeCertificateScript.Line line = NodeCertificateScript.parse(
                        "konnectivity-node-cert|" + NodeCertificateScript.CLUSTER_CA + "|ok|notAfter=someday|")
                .get(0);

        CertificateCheck check = NodeCertificates.judge(
                line, Location.file(NodeCertificateScript.CLUSTER_CA, 0), Thresholds.DEFAULT, Instant.now());

        assertThat(check.role()).isEqualTo(CertificateRole.NODE_CA);
        assertThat(check.status()).isEqualTo(Status.INVALID);
    }

    @Test
    void theScriptReadsRealCertificatesWithTheLocalOpenssl(@TempDir Path root) throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).exists();
        SandboxPki pki = SandboxPki.generate("node");
        Instant notAfter = Instant.parse("2030-06-01T10:20:30Z");
        SandboxPki.IssuedCertificate serving =
                pki.issueServing(notAfter.minus(Duration.ofDays(700)), notAfter, SandboxPki.KeyType.EC_P256);
        write(root, API_SERVER, serving.certificatePem());
        write(root, "/etc/kubernetes/certs/ca.crt", "not a certificate\n");

        String stdout = run(root, String.join("\n", NodeCertificateScript.lines()));
        List<NodeCertificateScript.Line> lines = NodeCertificateScript.parse("Enable succeeded: \n[stdout]\n" + stdout);

        assertThat(lines)
                .extracting(NodeCertificateScript.Line::state)
                .containsExactly(
                        NodeCertificateScript.State.OK,
                        NodeCertificateScript.State.ERROR,
                        NodeCertificateScript.State.MISSING);
        CertificateCheck check = NodeCertificates.judge(
                lines.get(0), Location.file(API_SERVER, 0), Thresholds.DEFAULT, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(check.role()).isEqualTo(CertificateRole.NODE_SERVING);
        assertThat(check.facts().notAfter()).isEqualTo(notAfter);
        assertThat(check.facts().sha256Fingerprint())
                .isEqualTo(io.konnectivity.cert.CertificateReader.fingerprint(serving.certificate()));
        assertThat(check.facts().subject()).isEqualTo("CN=localhost");
        assertThat(check.facts().serial())
                .isEqualTo(serving.certificate().getSerialNumber().toString(16));
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String run(Path root, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(false);
        builder.environment().put("KONNECTIVITY_ROOT", root.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
