package io.konnectivity.cert;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads an unencrypted private key: RSA (PKCS#1 or PKCS#8), EC (SEC1, with or without a preceding
 * {@code EC PARAMETERS} block, or PKCS#8) and Ed25519 (PKCS#8). Error messages never contain key material.
 */
public final class PrivateKeyDecoder {

    private PrivateKeyDecoder() {}

    public static PrivateKey decode(byte[] bytes, String what) throws CertificateFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new CertificateFormatException(what + " is empty: expected a PEM private key.");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN ")) {
            return decodePkcs8Der(bytes, what);
        }
        if (text.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            throw new CertificateFormatException(
                    what + " is an OpenSSH private key; expected PEM PKCS#1, PKCS#8 or SEC1 (convert it with"
                            + " ssh-keygen -p -m PEM).");
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters) {
                    continue;
                }
                return toPrivateKey(object, what);
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateFormatException(
                    what + " holds a malformed PEM private key: " + PemProblems.describe(e), e);
        }
        throw new CertificateFormatException(what + " holds no PRIVATE KEY block.");
    }

    private static PrivateKey toPrivateKey(Object object, String what) throws CertificateFormatException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateFormatException(
                    what + " holds a private key of an unsupported type: " + PemProblems.describe(e), e);
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new CertificateFormatException(
                    what + " holds an encrypted private key; the agent needs it unencrypted, and so does this tool.");
        }
        throw new CertificateFormatException(
                what + " holds a " + describeBlock(object) + " where a private key was expected (RSA, EC or Ed25519).");
    }

    private static String describeBlock(Object object) {
        String name = object.getClass().getSimpleName();
        if (name.contains("Certificate")) {
            return "certificate";
        }
        return name.replace("Holder", "").replace("Info", "");
    }

    private static PrivateKey decodePkcs8Der(byte[] bytes, String what) throws CertificateFormatException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(bytes);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (Exception e) {
                // not this algorithm; the next one may fit
            }
        }
        throw new CertificateFormatException(
                what + " is neither PEM (no '-----BEGIN' line) nor a DER PKCS#8 RSA, EC or Ed25519 key.");
    }
}
