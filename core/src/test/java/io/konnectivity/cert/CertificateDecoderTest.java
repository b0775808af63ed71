package io.konnectivity.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.sandbox.SandboxPki;
import io.konnectivity.sandbox.SandboxPki.IssuedCertificate;
import io.konnectivity.sandbox.SandboxPki.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateDecoderTest {

    private static SandboxPki pki;
    private static IssuedCertificate client;

    @BeforeAll
    static void generate() {
        pki = SandboxPki.generate("decoder");
        Instant now = Instant.now();
        client = pki.issueClient(
                "CN=konnectivity-agent", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), KeyType.EC_P256);
    }

    @Test
    void readsOnePemCertificate() throws Exception {
        List<java.security.cert.X509Certificate> certificates =
                CertificateDecoder.decode(bytes(client.certificatePem()), "client.crt");

        assertThat(certificates).containsExactly(client.certificate());
    }

    @Test
    void readsSeveralBlocksWithCrlfSurroundingTextAndTrailingWhitespace() throws Exception {
        String bundle = "Bag Attributes\r\n  friendlyName: agent\r\n"
                + client.certificatePem().replace("\n", "\r\n") + "some text between\r\n" + pki.caPem() + "   \r\n\t\n";

        List<java.security.cert.X509Certificate> certificates = CertificateDecoder.decode(bytes(bundle), "bundle");

        assertThat(certificates).containsExactly(client.certificate(), pki.caCertificate());
    }

    @Test
    void readsDer() throws Exception {
        assertThat(CertificateDecoder.decodeFirst(client.certificate().getEncoded(), "client.der"))
                .isEqualTo(client.certificate());
    }

    @Test
    void rejectsEmptyInputNamingTheSource() {
        assertThatThrownBy(() -> CertificateDecoder.decode(new byte[0], "ns/s[client.crt]"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessage("ns/s[client.crt] is empty: expected a PEM or DER certificate.");
    }

    @Test
    void rejectsMalformedPemWithoutEchoingItsContent() {
        String broken = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQUJDREVGR0hJSktMTU5PUFFSU1RVVldY!!!\n"
                + "-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> CertificateDecoder.decode(bytes(broken), "client.crt"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageStartingWith("client.crt holds a malformed PEM block")
                .hasMessageNotContaining("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
    }

    @Test
    void rejectsPemHoldingOnlyAKey() {
        assertThatThrownBy(() -> CertificateDecoder.decode(bytes(client.privateKeyPem()), "client.crt"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessage("client.crt holds PEM blocks but no CERTIFICATE block.");
    }

    @Test
    void rejectsBytesThatAreNeitherPemNorDer() {
        assertThatThrownBy(() -> CertificateDecoder.decode(bytes("hello"), "x"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessage("x is neither PEM (no '-----BEGIN' line) nor a DER certificate.");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
