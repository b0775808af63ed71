package io.konnectivity.cert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Tells whether a private key belongs to a certificate's public key: for an RSA key with its CRT factors by comparing
 * the modulus and exponent (and that the factors make the modulus), otherwise by signing and verifying a challenge.
 */
public final class KeyMatch {

    private KeyMatch() {}

    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!sameFamily(privateKey.getAlgorithm(), publicKey.getAlgorithm())) {
            return false;
        }
        if (privateKey instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus())
                    && rsa.getPublicExponent().equals(rsaPublic.getPublicExponent())
                    && rsa.getPrimeP().multiply(rsa.getPrimeQ()).equals(rsa.getModulus());
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            String algorithm = signatureAlgorithm(publicKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The JCA signature algorithm that suits a key, as used for challenges and certificate requests. */
    public static String signatureAlgorithm(PublicKey key) {
        return switch (normalise(key.getAlgorithm())) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            default ->
                throw new IllegalArgumentException(
                        "Unsupported key algorithm " + key.getAlgorithm() + "; expected RSA, EC or Ed25519.");
        };
    }

    private static boolean sameFamily(String privateAlgorithm, String publicAlgorithm) {
        return normalise(privateAlgorithm).equals(normalise(publicAlgorithm))
                || (isEdwards(privateAlgorithm) && isEdwards(publicAlgorithm));
    }

    private static boolean isEdwards(String algorithm) {
        return normalise(algorithm).startsWith("ED");
    }

    private static String normalise(String algorithm) {
        String upper = algorithm.toUpperCase(java.util.Locale.ROOT);
        return switch (upper) {
            case "ECDSA" -> "EC";
            case "EDDSA" -> "ED25519";
            default -> upper;
        };
    }
}
