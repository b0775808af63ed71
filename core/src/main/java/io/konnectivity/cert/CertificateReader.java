package io.konnectivity.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** Reads the facts of an X.509 certificate into a {@link CertificateFacts}. */
public final class CertificateReader {

    private static final String[] KEY_USAGES = {
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

    private static final Map<String, String> EXTENDED_KEY_USAGES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            "2.5.29.37.0", "anyExtendedKeyUsage");

    private CertificateReader() {}

    public static CertificateFacts read(X509Certificate certificate) {
        return new CertificateFacts(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16),
                fingerprint(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                keyAlgorithm(certificate.getPublicKey()),
                keySize(certificate.getPublicKey()),
                keyUsages(certificate),
                extendedKeyUsages(certificate),
                certificate.getBasicConstraints() >= 0,
                isSelfSigned(certificate));
    }

    /** The SHA-256 fingerprint, as {@code AB:CD:...}. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate failed", e);
        }
    }

    static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey edKey) {
            return edKey.getParams().getName();
        }
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof EdECPublicKey edKey) {
            return "Ed448".equals(edKey.getParams().getName()) ? 448 : 255;
        }
        return 0;
    }

    private static List<String> keyUsages(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> usages = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
                if (bits[i]) {
                    usages.add(KEY_USAGES[i]);
                }
            }
        }
        return usages;
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate) {
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids == null) {
                return List.of();
            }
            return oids.stream()
                    .map(oid -> EXTENDED_KEY_USAGES.getOrDefault(oid, oid))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of("unreadable");
        }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
