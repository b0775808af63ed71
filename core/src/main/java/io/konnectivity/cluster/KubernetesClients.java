package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import okhttp3.OkHttpClient;

/**
 * Opens fabric8 clients the way every part of the project needs them: one Jackson serialization shared by all of them
 * (building its deserializers is the dearest part of a new client), the kubeconfig's client certificate offered from
 * memory, and the API server's certificate chain noted from the client's own connection.
 */
public final class KubernetesClients {

    private final KubernetesSerialization serialization;

    public KubernetesClients() {
        this(new KubernetesSerialization());
    }

    public KubernetesClients(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** A client for {@code config}, which this changes: pass a configuration of its own. */
    public Opened open(Config config) {
        ServingChainCapture capture = new ServingChainCapture(config.getMasterUrl());
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withHttpClientFactory(new CapturingFactory(capture))
                .withKubernetesSerialization(serialization);
        Optional<ClientIdentity> identity = ClientIdentity.of(config);
        if (identity.isPresent()) {
            ClientIdentity.removeFrom(config);
            builder.withHttpClientBuilderConsumer(
                    http -> http.sslContext(identity.get().keyManagers(), trustManagers(http, config)));
        }
        return new Opened(builder.withConfig(config).build(), capture);
    }

    /** The trust fabric8 already worked out for {@code config}, or the same worked out again. */
    private static TrustManager[] trustManagers(HttpClient.Builder http, Config config) {
        if (http instanceof StandardHttpClientBuilder<?, ?, ?> standard && standard.getTrustManagers() != null) {
            return standard.getTrustManagers();
        }
        try {
            return SSLUtils.trustManagers(config);
        } catch (Exception e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    /** An open client and what its connection showed of the API server. */
    public record Opened(KubernetesClient client, ServingChainCapture servingChain) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private static final class CapturingFactory extends OkHttpClientFactory {
        private final ServingChainCapture capture;

        CapturingFactory(ServingChainCapture capture) {
            this.capture = capture;
        }

        @Override
        protected OkHttpClient.Builder newOkHttpClientBuilder() {
            return super.newOkHttpClientBuilder()
                    .addNetworkInterceptor(capture)
                    .socketFactory(new NoDelaySocketFactory());
        }
    }

    /**
     * Sockets that send small writes at once. A request goes out as several small TLS records (with HTTP/2 the
     * preface, settings and headers); with Nagle's algorithm each waits for the previous one's acknowledgement, which
     * the server may delay by 40 ms.
     */
    private static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory sockets = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(sockets.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(sockets.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(sockets.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
