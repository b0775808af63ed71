package io.konnectivity.cert;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one X.509 certificate says about itself, in plain values.
 *
 * @param serial the serial number in lower-case hexadecimal
 * @param sha256Fingerprint the SHA-256 of the DER encoding, upper-case hex pairs joined by colons
 * @param keySize the key size in bits (RSA modulus, EC field size, 255 for Ed25519)
 * @param keyUsages key usage names such as {@code digitalSignature}; empty when the extension is absent
 * @param extendedKeyUsages extended key usage names such as {@code clientAuth}; empty when absent
 */
public record CertificateFacts(
        String subject,
        String issuer,
        String serial,
        String sha256Fingerprint,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        int keySize,
        List<String> keyUsages,
        List<String> extendedKeyUsages,
        boolean ca,
        boolean selfSigned)
        implements Serializable {

    public CertificateFacts {
        keyUsages = List.copyOf(keyUsages);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }

    /** Whole days from {@code at} until expiry; negative once expired. */
    public long daysLeft(Instant at) {
        return Math.floorDiv(Duration.between(at, notAfter).toSeconds(), 86_400L);
    }

    public boolean isExpiredAt(Instant at) {
        return !at.isBefore(notAfter);
    }

    public boolean isNotYetValidAt(Instant at) {
        return at.isBefore(notBefore);
    }

    /** Whether the certificate may be used for TLS client authentication (no EKU at all allows any use). */
    public boolean allowsClientAuth() {
        return extendedKeyUsages.isEmpty()
                || extendedKeyUsages.contains("clientAuth")
                || extendedKeyUsages.contains("anyExtendedKeyUsage");
    }
}
