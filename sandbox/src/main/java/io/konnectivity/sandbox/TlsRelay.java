package io.konnectivity.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS on loopback with a certificate of the sandbox CA and relays the bytes to a plain HTTP server, because
 * the mock server's own HTTPS uses a self-signed certificate that cannot be replaced. HTTP/1.1 only, no client
 * certificate required: the simulated API server authorises nobody by certificate.
 */
final class TlsRelay implements AutoCloseable {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final SSLServerSocket serverSocket;
    private final InetSocketAddress backend;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private TlsRelay(SSLServerSocket serverSocket, InetSocketAddress backend) {
        this.serverSocket = serverSocket;
        this.backend = backend;
    }

    /** Listens on an ephemeral loopback port and relays every connection to {@code backend}. */
    static TlsRelay start(SandboxPki.IssuedCertificate serving, SandboxPki pki, InetSocketAddress backend) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(serving, pki), null, null);
            SSLServerSocket socket = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            parameters.setNeedClientAuth(false);
            parameters.setWantClientAuth(false);
            socket.setSSLParameters(parameters);
            TlsRelay relay = new TlsRelay(socket, backend);
            Thread acceptor = new Thread(relay::acceptConnections, "sandbox-tls-relay-" + socket.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback for the sandbox API server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS for the sandbox API server", e);
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Stops listening and cuts every open connection, so that clients then see connection refused. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        openSockets.forEach(TlsRelay::closeQuietly);
        openSockets.clear();
    }

    private void acceptConnections() {
        while (!closed) {
            try {
                Socket client = serverSocket.accept();
                relay(client);
            } catch (IOException e) {
                // Once closed, accept fails and the loop ends; before that, a failed accept loses one client only.
            }
        }
    }

    private void relay(Socket client) {
        Socket server = new Socket();
        openSockets.add(client);
        openSockets.add(server);
        if (closed) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        int id = connections.incrementAndGet();
        try {
            // Small TLS records back to back would otherwise wait for delayed acknowledgements (Nagle).
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        startPump(
                "sandbox-tls-relay-" + port() + "-" + id + "-in",
                () -> {
                    server.connect(backend, 5_000);
                    server.setTcpNoDelay(true);
                    startPump(
                            "sandbox-tls-relay-" + port() + "-" + id + "-out",
                            () -> copy(server.getInputStream(), client.getOutputStream()),
                            client,
                            server);
                    copy(client.getInputStream(), server.getOutputStream());
                },
                client,
                server);
    }

    private void startPump(String name, IoTask task, Socket client, Socket server) {
        Thread thread = new Thread(
                () -> {
                    try {
                        task.run();
                    } catch (IOException e) {
                        // The other side closed or the relay was stopped: either way the connection is over.
                    } finally {
                        closeQuietly(client);
                        closeQuietly(server);
                        openSockets.remove(client);
                        openSockets.remove(server);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    private static KeyManager[] keyManagers(SandboxPki.IssuedCertificate serving, SandboxPki pki)
            throws GeneralSecurityException, IOException {
        // The store lives in memory only; its password protects nothing and is never written anywhere.
        char[] password = "sandbox-relay".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("serving", serving.keyPair().getPrivate(), password, new Certificate[] {
            serving.certificate(), pki.caCertificate()
        });
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort: the socket may already be closed by the other pump.
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }
}
