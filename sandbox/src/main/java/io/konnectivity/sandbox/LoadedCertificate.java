package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * What a konnectivity agent makes of the Secret when it starts: the certificate it will present until that expires,
 * or the reason it cannot hold a tunnel at all. Kept on each agent pod as annotations.
 *
 * @param notAfter when the loaded client certificate expires, or null if there is none to read
 * @param fingerprint the SHA-256 fingerprint of the loaded client certificate ({@code AB:CD:...}), or null
 * @param problem why the agent cannot connect whatever the time, or null
 */
record LoadedCertificate(Instant notAfter, String fingerprint, String problem) {

    static final String NOT_AFTER_ANNOTATION = "sandbox.konnectivity.io/loaded-certificate-not-after";
    static final String FINGERPRINT_ANNOTATION = "sandbox.konnectivity.io/loaded-certificate-fingerprint";
    static final String PROBLEM_ANNOTATION = "sandbox.konnectivity.io/loaded-certificate-problem";

    /** A certificate of the cluster CA with its matching key, as the seeded agents load it. */
    static LoadedCertificate valid(X509Certificate certificate) {
        return new LoadedCertificate(certificate.getNotAfter().toInstant(), fingerprint(certificate), null);
    }

    /** The SHA-256 fingerprint of a certificate as upper-case hex pairs joined by colons, as core prints it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot take the SHA-256 of a parsed certificate", e);
        }
    }

    /**
     * Checks the Secret the way the two ends of the tunnel would: the konnectivity server trusts only client
     * certificates of the cluster CA, the agent verifies the server with {@code ca.crt}, and TLS needs the key that
     * matches the certificate.
     */
    static LoadedCertificate fromSecret(Secret secret, X509Certificate clusterCa) {
        if (secret == null || secret.getData() == null) {
            return new LoadedCertificate(null, null, "Secret kube-system/konnectivity-certs does not exist");
        }
        X509Certificate client;
        try {
            client = certificate(secret.getData().get("client.crt"));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new LoadedCertificate(null, null, "client.crt does not hold a PEM certificate");
        }
        Instant notAfter = client.getNotAfter().toInstant();
        String fingerprint = fingerprint(client);
        try {
            client.verify(clusterCa.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new LoadedCertificate(notAfter, fingerprint, "client.crt is not signed by the cluster CA");
        }
        try {
            if (!certificate(secret.getData().get("ca.crt")).equals(clusterCa)) {
                return new LoadedCertificate(notAfter, fingerprint, "ca.crt does not hold the cluster CA");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return new LoadedCertificate(notAfter, fingerprint, "ca.crt does not hold a PEM certificate");
        }
        if (!keyMatches(secret.getData().get("client.key"), client.getPublicKey())) {
            return new LoadedCertificate(notAfter, fingerprint, "client.key does not match client.crt");
        }
        return new LoadedCertificate(notAfter, fingerprint, null);
    }

    /** What a pod's annotations say it loaded; a pod without them holds no certificate tunnel and never fails. */
    static LoadedCertificate of(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null) {
            return new LoadedCertificate(null, null, null);
        }
        String notAfter = annotations.get(NOT_AFTER_ANNOTATION);
        return new LoadedCertificate(
                notAfter == null ? null : Instant.parse(notAfter),
                annotations.get(FINGERPRINT_ANNOTATION),
                annotations.get(PROBLEM_ANNOTATION));
    }

    boolean tunnelDownAt(Instant now) {
        return problem != null || (notAfter != null && now.isAfter(notAfter));
    }

    Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (notAfter != null) {
            annotations.put(NOT_AFTER_ANNOTATION, notAfter.toString());
        }
        if (fingerprint != null) {
            annotations.put(FINGERPRINT_ANNOTATION, fingerprint);
        }
        if (problem != null) {
            annotations.put(PROBLEM_ANNOTATION, problem);
        }
        return annotations;
    }

    private static X509Certificate certificate(String base64) throws GeneralSecurityException {
        byte[] pem = Base64.getDecoder().decode(base64);
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static boolean keyMatches(String base64, PublicKey publicKey) {
        if (base64 == null || base64.isEmpty()) {
            return false;
        }
        String pem = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey privateKey;
            if (parsed instanceof PEMKeyPair pair) {
                privateKey = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (parsed instanceof PrivateKeyInfo info) {
                privateKey = converter.getPrivateKey(info);
            } else {
                return false;
            }
            return signsFor(privateKey, publicKey);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signsFor(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = publicKey instanceof ECPublicKey ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = "konnectivity".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(challenge);
        return verifier.verify(signature);
    }
}
