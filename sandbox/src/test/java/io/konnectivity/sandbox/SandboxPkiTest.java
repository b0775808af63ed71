package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.sandbox.SandboxPki.IssuedCertificate;
import io.konnectivity.sandbox.SandboxPki.KeyType;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

class SandboxPkiTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final SandboxPki pki = SandboxPki.generate("aks-test", KeyType.RSA_2048, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void caIsAThirtyYearAuthorityNamedAfterTheCluster() throws Exception {
        X509Certificate ca = pki.caCertificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=aks-test-ca");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2055-02-28T12:00:00Z"));
        ca.verify(ca.getPublicKey());
        assertThat(SandboxClusterTest.parse(pki.caPem())).isEqualTo(ca);
    }

    @Test
    void rsaClientCertificatesAreForClientAuthWithSignatureAndEnciphermentAndAPkcs1Key() throws Exception {
        IssuedCertificate issued =
                pki.issueClient("CN=konnectivity-agent", NOW, NOW.plus(Duration.ofDays(365)), KeyType.RSA_2048);
        X509Certificate certificate = issued.certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=konnectivity-agent");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(keyUsage(certificate)).containsExactly("digitalSignature", "keyEncipherment");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        certificate.verify(pki.caCertificate().getPublicKey());
        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        assertThat(readKeyPair(issued.privateKeyPem()).getPrivate())
                .isEqualTo(issued.keyPair().getPrivate());
    }

    @Test
    void ecClientCertificatesSignOnlyAndHaveASec1KeyThatNamesItsCurve() throws Exception {
        IssuedCertificate issued =
                pki.issueClient("CN=konnectivity-agent", NOW, NOW.plus(Duration.ofDays(365)), KeyType.EC_P256);

        assertThat(keyUsage(issued.certificate())).containsExactly("digitalSignature");
        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        PemObject pem = new PemReader(new StringReader(issued.privateKeyPem())).readPemObject();
        ECPrivateKey sec1 = ECPrivateKey.getInstance(pem.getContent());
        assertThat(sec1.getParametersObject()).hasToString("1.2.840.10045.3.1.7");
        assertThat(sec1.getPublicKey()).isNotNull();
        assertThat(readKeyPair(issued.privateKeyPem()).getPublic())
                .isEqualTo(issued.keyPair().getPublic());
    }

    @Test
    void servingCertificatesNameLoopbackForServerAuth() throws Exception {
        IssuedCertificate serving = pki.issueServing(NOW, NOW.plus(Duration.ofDays(30)));

        assertThat(serving.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(serving.certificate().getSubjectAlternativeNames().stream()
                        .map(name -> name.get(1).toString())
                        .toList())
                .containsExactly("localhost", "127.0.0.1");
    }

    @Test
    void signingARequestKeepsItsSubjectAndKeyAndChainsToTheCa() throws Exception {
        KeyPair agentKey = SandboxPki.newKeyPair(KeyType.RSA_2048);
        PKCS10CertificationRequest csr = request("CN=konnectivity-agent", agentKey, agentKey);

        IssuedCertificate signed = pki.sign(csr, NOW, NOW.plus(Duration.ofDays(365)), true);

        assertThat(signed.certificate().getSubjectX500Principal())
                .isEqualTo(new X500Principal("CN=konnectivity-agent"));
        assertThat(signed.certificate().getPublicKey()).isEqualTo(agentKey.getPublic());
        assertThat(signed.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(signed.keyPair().getPrivate()).isNull();
        assertThat(signed.privateKeyPem()).isNull();
        assertThat(SandboxClusterTest.parse(signed.certificatePem())).isEqualTo(signed.certificate());
        assertChainsTo(signed.certificate(), pki.caCertificate());
    }

    @Test
    void signingRefusesARequestNotSignedByTheKeyItCarries() {
        KeyPair carried = SandboxPki.newKeyPair(KeyType.EC_P256);
        KeyPair other = SandboxPki.newKeyPair(KeyType.EC_P256);
        PKCS10CertificationRequest csr = request("CN=konnectivity-agent", carried, other);

        assertThatThrownBy(() -> pki.sign(csr, NOW, NOW.plus(Duration.ofDays(1)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CN=konnectivity-agent")
                .hasMessageContaining("not signed by the key it carries");
    }

    @Test
    void aCertificateMustStartBeforeItEnds() {
        assertThatThrownBy(() -> pki.issueClient("CN=backwards", NOW, NOW, KeyType.EC_P256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CN=backwards");
    }

    @Test
    void renewingWithTheSameKeyPairKeepsTheKey() {
        IssuedCertificate old =
                pki.issueClient("CN=konnectivity-agent", NOW, NOW.plus(Duration.ofDays(1)), KeyType.EC_P256);

        IssuedCertificate renewed =
                pki.issueClient("CN=konnectivity-agent", NOW, NOW.plus(Duration.ofDays(365)), old.keyPair());

        assertThat(renewed.certificate().getPublicKey())
                .isEqualTo(old.certificate().getPublicKey());
        assertThat(renewed.privateKeyPem()).isEqualTo(old.privateKeyPem());
    }

    private static PKCS10CertificationRequest request(String subject, KeyPair carried, KeyPair signer) {
        try {
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), carried.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertChainsTo(X509Certificate certificate, X509Certificate ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW.plus(Duration.ofDays(1))));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(certificate)), parameters);
    }

    private static KeyPair readKeyPair(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            PEMKeyPair pair = (PEMKeyPair) parser.readObject();
            return new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getKeyPair(pair);
        }
    }

    private static List<String> keyUsage(X509Certificate certificate) {
        String[] names = {
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
            "encipherOnly",
            "decipherOnly"
        };
        boolean[] bits = certificate.getKeyUsage();
        return java.util.stream.IntStream.range(0, bits.length)
                .filter(i -> bits[i])
                .mapToObj(i -> names[i])
                .toList();
    }
}
