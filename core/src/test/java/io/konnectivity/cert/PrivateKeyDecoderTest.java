package io.konnectivity.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.sandbox.SandboxPki;
import io.konnectivity.sandbox.SandboxPki.KeyType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class PrivateKeyDecoderTest {

    @Test
    void readsRsaPkcs1() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.RSA_2048);
        String pem = SandboxPki.toPem(pair.getPrivate());

        assertThat(pem).contains("BEGIN RSA PRIVATE KEY");
        assertMatches(PrivateKeyDecoder.decode(bytes(pem), "client.key"), pair);
    }

    @Test
    void readsRsaPkcs8() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.RSA_2048);
        String pem = pkcs8(pair.getPrivate());

        assertThat(pem).contains("BEGIN PRIVATE KEY");
        assertMatches(PrivateKeyDecoder.decode(bytes(pem), "client.key"), pair);
    }

    @Test
    void readsEcSec1WithAndWithoutParametersBlock() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.EC_P256);
        String sec1 = SandboxPki.toPem(pair.getPrivate());
        String withParameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + sec1;

        assertThat(sec1).contains("BEGIN EC PRIVATE KEY");
        assertMatches(PrivateKeyDecoder.decode(bytes(sec1), "client.key"), pair);
        assertMatches(PrivateKeyDecoder.decode(bytes(withParameters), "client.key"), pair);
    }

    @Test
    void readsEcPkcs8() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.EC_P256);

        assertMatches(PrivateKeyDecoder.decode(bytes(pkcs8(pair.getPrivate())), "client.key"), pair);
    }

    @Test
    void readsEd25519Pkcs8() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        PrivateKey key = PrivateKeyDecoder.decode(bytes(pkcs8(pair.getPrivate())), "client.key");

        assertMatches(key, pair);
    }

    @Test
    void readsPkcs8Der() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.EC_P256);

        assertMatches(PrivateKeyDecoder.decode(pair.getPrivate().getEncoded(), "client.key"), pair);
    }

    @Test
    void rejectsEncryptedPkcs8Key() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.EC_P256);
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword("secret".toCharArray())
                .build();
        String pem = write(new JcaPKCS8Generator(pair.getPrivate(), encryptor).generate());

        assertThatThrownBy(() -> PrivateKeyDecoder.decode(bytes(pem), "client.key"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("client.key holds an encrypted private key");
    }

    @Test
    void rejectsLegacyEncryptedPemKey() throws Exception {
        KeyPair pair = SandboxPki.newKeyPair(KeyType.RSA_2048);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(
                    pair.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC")
                            .setProvider(new BouncyCastleProvider())
                            .build("pw".toCharArray()));
        }

        assertThatThrownBy(() -> PrivateKeyDecoder.decode(bytes(out.toString()), "client.key"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("encrypted private key");
    }

    @Test
    void rejectsCertificateWhereKeyWasExpected() {
        SandboxPki pki = SandboxPki.generate("keys");

        assertThatThrownBy(() -> PrivateKeyDecoder.decode(bytes(pki.caPem()), "client.key"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessage("client.key holds a certificate where a private key was expected (RSA, EC or Ed25519).");
    }

    @Test
    void rejectsOpenSshKeyWithAdvice() {
        String pem =
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

        assertThatThrownBy(() -> PrivateKeyDecoder.decode(bytes(pem), "client.key"))
                .hasMessageContaining("OpenSSH private key")
                .hasMessageContaining("ssh-keygen");
    }

    @Test
    void rejectsMalformedKeyWithoutEchoingIt() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzZ1xY2FyZWZ1bGx5bm90YWtleQ==\n"
                + "-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> PrivateKeyDecoder.decode(bytes(pem), "client.key"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageStartingWith("client.key holds")
                .hasMessageNotContaining("MIIEowIBAAKCAQEAzZ1xY2FyZWZ1bGx5bm90YWtleQ");
    }

    @Test
    void keysOfAnotherPairDoNotMatch() throws Exception {
        KeyPair one = SandboxPki.newKeyPair(KeyType.EC_P256);
        KeyPair other = SandboxPki.newKeyPair(KeyType.EC_P256);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("EC");
        rsa.initialize(new ECGenParameterSpec("secp384r1"));

        assertThat(KeyMatch.matches(one.getPrivate(), other.getPublic())).isFalse();
        assertThat(KeyMatch.matches(one.getPrivate(), rsa.generateKeyPair().getPublic()))
                .isFalse();
        assertThat(KeyMatch.matches(
                        one.getPrivate(),
                        SandboxPki.newKeyPair(KeyType.RSA_2048).getPublic()))
                .isFalse();
    }

    @Test
    void rsaKeysMatchOnlyTheirOwnPublicKey() throws Exception {
        KeyPair one = SandboxPki.newKeyPair(KeyType.RSA_2048);
        KeyPair other = SandboxPki.newKeyPair(KeyType.RSA_2048);

        assertThat(KeyMatch.matches(one.getPrivate(), one.getPublic())).isTrue();
        assertThat(KeyMatch.matches(one.getPrivate(), other.getPublic())).isFalse();
        assertThat(KeyMatch.matches(other.getPrivate(), one.getPublic())).isFalse();
        assertThat(KeyMatch.matches(
                        one.getPrivate(), SandboxPki.newKeyPair(KeyType.EC_P256).getPublic()))
                .isFalse();
    }

    private static void assertMatches(PrivateKey key, KeyPair pair) {
        assertThat(KeyMatch.matches(key, pair.getPublic())).isTrue();
    }

    private static String pkcs8(PrivateKey key) throws Exception {
        return write(new JcaPKCS8Generator(key, null).generate());
    }

    private static String write(PemObject object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
