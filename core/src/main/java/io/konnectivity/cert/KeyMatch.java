package io.konnectivity.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Tells whether a private key belongs to a certificate's public key: for an RSA key with its CRT factors by comparing
 * the modulus and exponent and checking that the private values agree with them (so that the key can sign), otherwise
 * by signing and verifying a challenge.
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
                    && consistent(rsa);
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

    /**
     * Whether the private values of an RSA key agree: the primes make the modulus, the private exponent inverts the
     * public one, and the CRT values derive from them. Each is a few multiplications; a signature costs far more.
     */
    private static boolean consistent(RSAPrivateCrtKey key) {
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        BigInteger d = key.getPrivateExponent();
        if (p == null
                || q == null
                || d == null
                || key.getPrimeExponentP() == null
                || key.getPrimeExponentQ() == null
                || key.getCrtCoefficient() == null
                || p.signum() <= 0
                || q.signum() <= 0) {
            return false;
        }
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        BigInteger qMinusOne = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinusOne.divide(pMinusOne.gcd(qMinusOne)).multiply(qMinusOne);
        return p.multiply(q).equals(key.getModulus())
                && key.getPublicExponent().multiply(d).mod(lambda).equals(BigInteger.ONE)
                && d.mod(pMinusOne).equals(key.getPrimeExponentP())
                && d.mod(qMinusOne).equals(key.getPrimeExponentQ())
                && key.getCrtCoefficient().multiply(q).mod(p).equals(BigInteger.ONE);
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
