package io.konnectivity.cluster;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Connection;
import okhttp3.Handshake;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Notes the certificate chain the API server presented on a client's own connection, so that a check reads it without
 * a second TLS handshake.
 */
public final class ServingChainCapture implements Interceptor {

    private volatile List<X509Certificate> chain;

    @Override
    public Response intercept(Chain call) throws IOException {
        if (chain == null) {
            Connection connection = call.connection();
            Handshake handshake = connection == null ? null : connection.handshake();
            if (handshake != null) {
                List<X509Certificate> presented = new ArrayList<>();
                for (Certificate certificate : handshake.peerCertificates()) {
                    if (certificate instanceof X509Certificate x509) {
                        presented.add(x509);
                    }
                }
                if (!presented.isEmpty()) {
                    chain = List.copyOf(presented);
                }
            }
        }
        return call.proceed(call.request());
    }

    /** The chain of the first TLS connection the client made; empty before any request or without TLS. */
    public Optional<List<X509Certificate>> chain() {
        return Optional.ofNullable(chain);
    }
}
