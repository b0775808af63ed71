package io.konnectivity.cert;

/** Bytes that should hold a certificate or a key do not; the message says what was found instead. */
public class CertificateFormatException extends Exception {

    public CertificateFormatException(String message) {
        super(message);
    }

    public CertificateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
