package io.konnectivity.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import org.junit.jupiter.api.Test;

class KeyMatchTest {

    private static final KeyPair RSA = generate("RSA", 2048);

    @Test
    void anRsaKeyMatchesItsOwnPublicKeyAndNoOther() throws Exception {
        assertThat(KeyMatch.matches(RSA.getPrivate(), RSA.getPublic())).isTrue();
        assertThat(KeyMatch.matches(RSA.getPrivate(), generate("RSA", 2048).getPublic()))
                .isFalse();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        assertThat(KeyMatch.matches(RSA.getPrivate(), ec.generateKeyPair().getPublic()))
                .isFalse();
    }

    @Test
    void anRsaKeyWhosePrivateValuesDisagreeWithItsModulusDoesNotMatch() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) RSA.getPrivate();

        BigInteger d = key.getPrivateExponent();
        BigInteger dP = key.getPrimeExponentP();
        BigInteger qInv = key.getCrtCoefficient();

        assertThat(KeyMatch.matches(rebuilt(key, d, dP, qInv), RSA.getPublic()))
                .as("the same values, rebuilt")
                .isTrue();
        assertThat(KeyMatch.matches(rebuilt(key, d.flipBit(3), dP.flipBit(3), qInv), RSA.getPublic()))
                .as("a damaged private exponent, with the modulus and primes intact")
                .isFalse();
        assertThat(KeyMatch.matches(rebuilt(key, d, dP, qInv.add(BigInteger.ONE)), RSA.getPublic()))
                .as("a damaged CRT coefficient")
                .isFalse();
    }

    /** {@code key} with its private exponent, first CRT exponent and CRT coefficient replaced. */
    private static PrivateKey rebuilt(RSAPrivateCrtKey key, BigInteger d, BigInteger dP, BigInteger qInv)
            throws Exception {
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateCrtKeySpec(
                        key.getModulus(),
                        key.getPublicExponent(),
                        d,
                        key.getPrimeP(),
                        key.getPrimeQ(),
                        dP,
                        key.getPrimeExponentQ(),
                        qInv));
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
