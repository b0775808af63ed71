package io.konnectivity.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/** Reads X.509 certificates from PEM (one or many blocks, with any text around them) or from DER. */
public final class CertificateDecoder {

    private static final String PEM_MARKER = "-----BEGIN ";

    private CertificateDecoder() {}

    /** Every certificate in {@code bytes}, in order; {@code what} names the source in error messages. */
    public static List<X509Certificate> decode(byte[] bytes, String what) throws CertificateFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new CertificateFormatException(what + " is empty: expected a PEM or DER certificate.");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains(PEM_MARKER)) {
            return List.of(decodeDer(bytes, what));
        }
        List<X509Certificate> certificates = decodePem(text, what);
        if (certificates.isEmpty()) {
            throw new CertificateFormatException(what + " holds PEM blocks but no CERTIFICATE block.");
        }
        return certificates;
    }

    /** The first certificate in {@code bytes}. */
    public static X509Certificate decodeFirst(byte[] bytes, String what) throws CertificateFormatException {
        return decode(bytes, what).get(0);
    }

    private static List<X509Certificate> decodePem(String text, String what) throws CertificateFormatException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
            return certificates;
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new CertificateFormatException(what + " holds a malformed PEM block: " + PemProblems.describe(e), e);
        }
    }

    private static X509Certificate decodeDer(byte[] bytes, String what) throws CertificateFormatException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateFormatException(
                    what + " is neither PEM (no '-----BEGIN' line) nor a DER certificate.", e);
        }
    }
}
