package io.konnectivity.sandbox;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/** A cluster certificate authority generated at run time, and the certificates it issues. */
public final class SandboxPki {

    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Period CA_LIFETIME = Period.ofYears(30);

    /** The key algorithms the sandbox issues certificates for. */
    public enum KeyType {
        RSA_2048,
        EC_P256
    }

    /**
     * A certificate with its key pair and both as PEM, the way a Kubernetes Secret holds them: the private key is
     * PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. For a certificate signed from a request, the
     * requester keeps the private key, so {@code keyPair.getPrivate()} and {@code privateKeyPem} are null.
     */
    public record IssuedCertificate(
            X509Certificate certificate, KeyPair keyPair, String certificatePem, String privateKeyPem) {

        public IssuedCertificate {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(certificatePem, "certificatePem");
        }

        @Override
        public String toString() {
            return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + ", notAfter="
                    + certificate.getNotAfter().toInstant() + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final IssuedCertificate ca;

    private SandboxPki(Clock clock, IssuedCertificate ca) {
        this.clock = clock;
        this.ca = ca;
    }

    /** A PKI whose RSA 2048 CA is named {@code CN=<clusterName>-ca} and lives 30 years from yesterday. */
    public static SandboxPki generate(String clusterName) {
        return generate(clusterName, KeyType.RSA_2048, Clock.systemUTC());
    }

    /** A PKI like {@link #generate(String)} with the CA key type and the clock chosen by the caller. */
    public static SandboxPki generate(String clusterName, KeyType caKeyType, Clock clock) {
        Instant notBefore = clock.instant().minus(BACKDATE);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(CA_LIFETIME).toInstant();
        KeyPair keyPair = newKeyPair(caKeyType);
        X500Principal subject = new X500Principal("CN=" + clusterName + "-ca");
        SecureRandom random = new SecureRandom();

        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject, serial(random), Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        JcaX509ExtensionUtils extensions = extensionUtils();
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        addExtension(
                builder,
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
        X509Certificate certificate = sign(builder, keyPair);
        return new SandboxPki(clock, issued(certificate, keyPair));
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public String caPem() {
        return ca.certificatePem();
    }

    /** The clock this PKI dates its certificates by. */
    public Clock clock() {
        return clock;
    }

    /** A client certificate (extended key usage clientAuth) for a new key pair. */
    public IssuedCertificate issueClient(String subjectDn, Instant notBefore, Instant notAfter, KeyType keyType) {
        return issueClient(subjectDn, notBefore, notAfter, newKeyPair(keyType));
    }

    /** A client certificate for an existing key pair, as a renewal that keeps the key issues it. */
    public IssuedCertificate issueClient(String subjectDn, Instant notBefore, Instant notAfter, KeyPair keyPair) {
        X509Certificate certificate = issue(
                new X500Principal(subjectDn), keyPair.getPublic(), notBefore, notAfter, KeyPurposeId.id_kp_clientAuth);
        return issued(certificate, keyPair);
    }

    /** A serving certificate for {@code localhost} and {@code 127.0.0.1} with a new RSA 2048 key pair. */
    public IssuedCertificate issueServing(Instant notBefore, Instant notAfter) {
        return issueServing(notBefore, notAfter, KeyType.RSA_2048);
    }

    /** A serving certificate for {@code localhost} and {@code 127.0.0.1} with a new key pair of the given type. */
    public IssuedCertificate issueServing(Instant notBefore, Instant notAfter, KeyType keyType) {
        KeyPair keyPair = newKeyPair(keyType);
        X509Certificate certificate = issue(
                new X500Principal("CN=localhost"),
                keyPair.getPublic(),
                notBefore,
                notAfter,
                KeyPurposeId.id_kp_serverAuth);
        return issued(certificate, keyPair);
    }

    /**
     * Signs the subject and public key of a PKCS#10 request, as the API server's CSR signer would, for client auth or
     * server auth. The request's own signature must verify.
     */
    public IssuedCertificate sign(
            PKCS10CertificationRequest csr, Instant notBefore, Instant notAfter, boolean clientAuth) {
        PublicKey publicKey = verifiedPublicKey(csr);
        X500Principal subject = new X500Principal(encoded(csr));
        X509Certificate certificate = issue(
                subject,
                publicKey,
                notBefore,
                notAfter,
                clientAuth ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth);
        return new IssuedCertificate(certificate, new KeyPair(publicKey, null), toPem(certificate), null);
    }

    /** Signs the public key of a PKCS#10 request for client auth under another subject than the one requested. */
    IssuedCertificate sign(PKCS10CertificationRequest csr, String subjectDn, Instant notBefore, Instant notAfter) {
        PublicKey publicKey = verifiedPublicKey(csr);
        X509Certificate certificate =
                issue(new X500Principal(subjectDn), publicKey, notBefore, notAfter, KeyPurposeId.id_kp_clientAuth);
        return new IssuedCertificate(certificate, new KeyPair(publicKey, null), toPem(certificate), null);
    }

    /**
     * PEM text of a certificate, key, key pair or request, written by Bouncy Castle's JcaPEMWriter. EC private keys
     * are SEC1 with their curve named inside, as OpenSSL writes them: the JDK's own encoding leaves the curve out, and
     * fabric8's kubeconfig reader then cannot load the key.
     */
    public static String toPem(Object object) {
        if (object instanceof KeyPair pair && pair.getPrivate() instanceof ECPrivateKey key) {
            return write(sec1(key, pair.getPublic()));
        }
        if (object instanceof ECPrivateKey key) {
            return write(sec1(key, null));
        }
        return write(object);
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a " + object.getClass().getSimpleName() + " as PEM", e);
        }
        return text.toString();
    }

    private static PemObject sec1(ECPrivateKey key, PublicKey publicKey) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            ASN1BitString publicKeyBits = publicKey == null
                    ? null
                    : SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData();
            org.bouncycastle.asn1.sec.ECPrivateKey structure = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    key.getParams().getOrder().bitLength(), key.getS(), publicKeyBits, curve);
            return new PemObject("EC PRIVATE KEY", structure.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode an EC private key", e);
        }
    }

    /** A new key pair of the given type, from the platform's default providers. */
    public static KeyPair newKeyPair(KeyType keyType) {
        try {
            KeyPairGenerator generator;
            if (keyType == KeyType.EC_P256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate " + keyType + " keys", e);
        }
    }

    private X509Certificate issue(
            X500Principal subject, PublicKey publicKey, Instant notBefore, Instant notAfter, KeyPurposeId purpose) {
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("A certificate for " + subject.getName() + " must start (" + notBefore
                    + ") before it ends (" + notAfter + ")");
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                ca.certificate(), serial(random), Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        JcaX509ExtensionUtils extensions = extensionUtils();
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(builder, Extension.keyUsage, true, keyUsageFor(publicKey));
        addExtension(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        addExtension(builder, Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
        addExtension(
                builder,
                Extension.authorityKeyIdentifier,
                false,
                extensions.createAuthorityKeyIdentifier(ca.keyPair().getPublic()));
        if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
            addExtension(builder, Extension.subjectAlternativeName, false, loopbackNames());
        }
        return sign(builder, ca.keyPair());
    }

    private static KeyUsage keyUsageFor(PublicKey publicKey) {
        if (publicKey instanceof ECPublicKey) {
            return new KeyUsage(KeyUsage.digitalSignature);
        }
        return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }

    private static GeneralNames loopbackNames() {
        return new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        });
    }

    private static PublicKey verifiedPublicKey(PKCS10CertificationRequest csr) {
        try {
            PublicKey publicKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("The certificate request for " + csr.getSubject()
                        + " is not signed by the key it carries; make it again with that key");
            }
            return publicKey;
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException(
                    "The certificate request for " + csr.getSubject() + " cannot be verified: " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(PKCS10CertificationRequest csr) {
        try {
            return csr.getSubject().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the subject of a certificate request", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a sandbox certificate", e);
        }
    }

    private static void addExtension(
            X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new UncheckedIOException("Cannot add extension " + oid + " to a sandbox certificate", e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-1 digest for key identifiers", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static IssuedCertificate issued(X509Certificate certificate, KeyPair keyPair) {
        return new IssuedCertificate(certificate, keyPair, toPem(certificate), toPem(keyPair));
    }
}
