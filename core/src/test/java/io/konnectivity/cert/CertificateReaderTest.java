package io.konnectivity.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.sandbox.SandboxPki;
import io.konnectivity.sandbox.SandboxPki.IssuedCertificate;
import io.konnectivity.sandbox.SandboxPki.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateReaderTest {

    private final SandboxPki pki = SandboxPki.generate("reader");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void readsTheFactsOfAClientCertificate() {
        IssuedCertificate client = pki.issueClient(
                "CN=konnectivity-agent,O=system:nodes",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(10)),
                KeyType.RSA_2048);

        CertificateFacts facts = CertificateReader.read(client.certificate());

        assertThat(facts.subject()).isEqualTo("CN=konnectivity-agent,O=system:nodes");
        assertThat(facts.issuer()).isEqualTo("CN=reader-ca");
        assertThat(facts.serial())
                .isEqualTo(client.certificate().getSerialNumber().toString(16));
        assertThat(facts.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(facts.notAfter()).isEqualTo(now.plus(Duration.ofDays(10)));
        assertThat(facts.keyAlgorithm()).isEqualTo("RSA");
        assertThat(facts.keySize()).isEqualTo(2048);
        assertThat(facts.keyUsages()).contains("digitalSignature");
        assertThat(facts.extendedKeyUsages()).containsExactly("clientAuth");
        assertThat(facts.ca()).isFalse();
        assertThat(facts.selfSigned()).isFalse();
        assertThat(facts.allowsClientAuth()).isTrue();
        assertThat(facts.daysLeft(now)).isEqualTo(10);
        assertThat(facts.daysLeft(now.plus(Duration.ofDays(10)).minusSeconds(1)))
                .isZero();
        assertThat(facts.daysLeft(now.plus(Duration.ofDays(11)))).isEqualTo(-1);
    }

    @Test
    void readsTheCaAsSelfSignedEcOrRsa() {
        CertificateFacts facts = CertificateReader.read(pki.caCertificate());

        assertThat(facts.ca()).isTrue();
        assertThat(facts.selfSigned()).isTrue();
        assertThat(facts.keyUsages()).contains("keyCertSign");
    }

    @Test
    void readsEcKeySizeAndServingUsage() {
        IssuedCertificate serving = pki.issueServing(now, now.plus(Duration.ofDays(365)), KeyType.EC_P256);

        CertificateFacts facts = CertificateReader.read(serving.certificate());

        assertThat(facts.keyAlgorithm()).isEqualTo("EC");
        assertThat(facts.keySize()).isEqualTo(256);
        assertThat(facts.extendedKeyUsages()).containsExactly("serverAuth");
        assertThat(facts.allowsClientAuth()).isFalse();
    }

    @Test
    void chainHoldsForTheIssuingCaAndBreaksForAnother() {
        IssuedCertificate client =
                pki.issueClient("CN=konnectivity-agent", now, now.plus(Duration.ofDays(10)), KeyType.EC_P256);
        SandboxPki other = SandboxPki.generate("other");
        SandboxPki sameName = SandboxPki.generate("reader");

        assertThat(ChainVerifier.problem(client.certificate(), List.of(), List.of(pki.caCertificate()), "ca.crt"))
                .isEmpty();
        assertThat(ChainVerifier.problem(client.certificate(), List.of(), List.of(other.caCertificate()), "ca.crt"))
                .hasValue("CN=konnectivity-agent was issued by CN=reader-ca, which ca.crt does not hold"
                        + " (it holds CN=other-ca).");
        assertThat(ChainVerifier.problem(client.certificate(), List.of(), List.of(sameName.caCertificate()), "ca.crt"))
                .get()
                .asString()
                .contains("a different CA with the same name");
    }

    @Test
    void expiredCertificatesStillChain() {
        IssuedCertificate expired = pki.issueClient(
                "CN=konnectivity-agent",
                now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(35)),
                KeyType.EC_P256);

        assertThat(ChainVerifier.problem(expired.certificate(), List.of(), List.of(pki.caCertificate()), "ca.crt"))
                .isEmpty();
    }
}
