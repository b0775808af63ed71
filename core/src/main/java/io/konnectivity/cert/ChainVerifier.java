package io.konnectivity.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Tells whether a certificate was signed, directly or through intermediates, by a CA of a bundle. Dates are left
 * out on purpose: expiry is judged on its own, and an expired certificate still chains to its CA.
 */
public final class ChainVerifier {

    private static final int MAX_DEPTH = 10;

    private ChainVerifier() {}

    /** Empty when the chain holds; otherwise one sentence saying where it breaks. */
    public static Optional<String> problem(
            X509Certificate leaf, List<X509Certificate> intermediates, List<X509Certificate> trusted, String bundle) {
        if (trusted.isEmpty()) {
            return Optional.of(bundle + " holds no certificate to chain to.");
        }
        X509Certificate current = leaf;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            X500Principal issuer = current.getIssuerX500Principal();
            Optional<X509Certificate> anchor = signer(current, trusted);
            if (anchor.isPresent()) {
                return Optional.empty();
            }
            Optional<X509Certificate> next = signer(current, intermediates);
            if (next.isEmpty() || next.get().equals(current)) {
                return Optional.of(describeBreak(current, issuer, trusted, bundle));
            }
            current = next.get();
        }
        return Optional.of("the chain is deeper than " + MAX_DEPTH + " certificates.");
    }

    private static Optional<X509Certificate> signer(X509Certificate certificate, List<X509Certificate> candidates) {
        return candidates.stream()
                .filter(candidate -> candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(candidate -> verifies(certificate, candidate))
                .findFirst();
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String describeBreak(
            X509Certificate certificate, X500Principal issuer, List<X509Certificate> trusted, String bundle) {
        boolean sameName =
                trusted.stream().anyMatch(ca -> ca.getSubjectX500Principal().equals(issuer));
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (sameName) {
            return subject + " names its issuer " + issuer.getName(X500Principal.RFC2253)
                    + ", but the signature does not verify with the certificate of that name in " + bundle
                    + " (a different CA with the same name).";
        }
        List<String> names = trusted.stream()
                .map(ca -> ca.getSubjectX500Principal().getName(X500Principal.RFC2253))
                .toList();
        return subject + " was issued by " + issuer.getName(X500Principal.RFC2253) + ", which " + bundle
                + " does not hold (it holds " + String.join("; ", names) + ").";
    }
}
