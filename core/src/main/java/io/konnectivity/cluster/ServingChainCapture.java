package io.konnectivity.cluster;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Notes the certificate chain the API server presented on a client's own connection, so that a check reads it without
 * a second TLS handshake. It is the chain as the server sent it, read from the TLS session (OkHttp's own record of the
 * handshake is cleaned: the trusted root added, stray certificates dropped), and only from a connection to the API
 * server itself, not to an identity provider the client may call to refresh its token.
 */
public final class ServingChainCapture implements Interceptor {

    private final String host;
    private final int port;
    private volatile List<X509Certificate> chain;

    /** @param server the API server's URL, whose connections alone are noted */
    public ServingChainCapture(String server) {
        HttpUrl url = HttpUrl.parse(server);
        this.host = url == null ? null : url.host();
        this.port = url == null ? -1 : url.port();
    }

    @Override
    public Response intercept(Chain call) throws IOException {
        if (chain == null && isApiServer(call.request().url())) {
            Connection connection = call.connection();
            Socket socket = connection == null ? null : connection.socket();
            if (socket instanceof SSLSocket tls) {
                note(tls);
            }
        }
        return call.proceed(call.request());
    }

    private boolean isApiServer(HttpUrl url) {
        return url.host().equalsIgnoreCase(host) && url.port() == port;
    }

    private void note(SSLSocket tls) {
        Certificate[] presented;
        try {
            presented = tls.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : presented) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (!certificates.isEmpty()) {
            chain = List.copyOf(certificates);
        }
    }

    /** The chain of the first TLS connection to the API server; empty before any request or without TLS. */
    public Optional<List<X509Certificate>> chain() {
        return Optional.ofNullable(chain);
    }
}
