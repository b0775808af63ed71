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
import java.util.function.UnaryOperator;
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

        assertThat(KeyMatch.matches(altered(key, spec -> spec), RSA.getPublic()))
                .as("the same values, rebuilt")
                .isTrue();
        assertThat(KeyMatch.matches(
                        altered(
                                key,
                                spec -> new RSAPrivateCrtKeySpec(
                                        spec.getModulus(),
                                        spec.getPublicExponent(),
                                        spec.getPrivateExponent().flipBit(3),
                                        spec.getPrimeP(),
                                        spec.getPrimeQ(),
                                        spec.getPrimeExponentP().flipBit(3),
                                        spec.getPrimeExponentQ(),
                                        spec.getCrtCoefficient())),
                        RSA.getPublic()))
                .as("a damaged private exponent, with the modulus and primes intact")
                .isFalse();
        assertThat(KeyMatch.matches(
                        altered(
                                key,
                                spec -> new RSAPrivateCrtKeySpec(
                                        spec.getModulus(),
                                        spec.getPublicExponent(),
                                        spec.getPrivateExponent(),
                                        spec.getPrimeP(),
                                        spec.getPrimeQ(),
                                        spec.getPrimeExponentP(),
                                        spec.getPrimeExponentQ(),
                                        spec.getCrtCoefficient().add(BigInteger.ONE))),
                        RSA.getPublic()))
                .as("a damaged CRT coefficient")
                .isFalse();
    }

    private static PrivateKey altered(RSAPrivateCrtKey key, UnaryOperator<RSAPrivateCrtKeySpec> change)
            throws Exception {
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(
                key.getModulus(),
                key.getPublicExponent(),
                key.getPrivateExponent(),
                key.getPrimeP(),
                key.getPrimeQ(),
                key.getPrimeExponentP(),
                key.getPrimeExponentQ(),
                key.getCrtCoefficient());
        return KeyFactory.getInstance("RSA").generatePrivate(change.apply(spec));
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
