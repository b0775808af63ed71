package io.konnectivity.cert;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Writes certificates and requests as PEM text. */
public final class Pem {

    private Pem() {}

    public static String encode(Object certificateOrRequest) {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificateOrRequest);
        } catch (IOException e) {
            throw new UncheckedIOException("PEM encoding in memory failed", e);
        }
        return pem.toString();
    }
}
