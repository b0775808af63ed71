package io.konnectivity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.sandbox.SandboxPki;
import io.konnectivity.sandbox.SandboxPki.IssuedCertificate;
import io.konnectivity.sandbox.SandboxPki.KeyType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Clients authenticate with the kubeconfig's certificate from memory and note the chain the server showed. */
class KubernetesClientsTest {

    private static final Instant NOW = Instant.now();

    private final SandboxPki pki = SandboxPki.generate("clients");
    private final IssuedCertificate serving =
            pki.issueServing(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void presentsTheKubeconfigClientCertificateToAServerThatRequiresOne(KeyType keyType, @TempDir Path directory)
            throws Exception {
        IssuedCertificate client = pki.issueClient(
                "CN=operator,O=ops", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), keyType);
        try (ClientAuthServer server = new ClientAuthServer(pki, serving)) {
            KubeconfigFile kubeconfig = KubeconfigFile.load(inlineKubeconfig(directory, server.url(), client));

            Config config = kubeconfig.clientConfig("c", Duration.ofSeconds(10));
            try (KubernetesClients.Opened opened = new KubernetesClients().open(config)) {
                assertThat(config.getClientKeyData())
                        .as("the key is offered from memory, not from a key store fabric8 builds")
                        .isNull();
                assertThat(opened.servingChain().chain()).isEmpty();

                assertThat(opened.client().getKubernetesVersion().getGitVersion())
                        .isEqualTo("v1.30.0");

                assertThat(server.clientCertificates()).containsExactly(client.certificate());
                assertThat(opened.servingChain().chain())
                        .as("the chain as the server sent it, without the CA the client trusts")
                        .hasValueSatisfying(chain -> assertThat(chain).containsExactly(serving.certificate()));
            }
        }
    }

    @Test
    void theServingChainIsTheApiServersEvenWhenTheClientCallsAnotherServerFirst(@TempDir Path directory)
            throws Exception {
        IssuedCertificate client = pki.issueClient(
                "CN=operator", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), KeyType.RSA_2048);
        IssuedCertificate otherServing = pki.issueServing(NOW.minus(2, ChronoUnit.DAYS), NOW.plus(9, ChronoUnit.DAYS));
        try (ClientAuthServer apiServer = new ClientAuthServer(pki, serving);
                ClientAuthServer other = new ClientAuthServer(pki, otherServing)) {
            KubeconfigFile kubeconfig = KubeconfigFile.load(inlineKubeconfig(directory, apiServer.url(), client));

            try (KubernetesClients.Opened opened = open(kubeconfig)) {
                // Such as a token refresh at an identity provider, through the same client.
                assertThat(opened.client().raw(other.url() + "/version")).contains("v1.30.0");
                assertThat(opened.servingChain().chain()).isEmpty();

                opened.client().getKubernetesVersion();

                assertThat(opened.servingChain().chain())
                        .hasValueSatisfying(chain -> assertThat(chain).containsExactly(serving.certificate()));
            }
        }
    }

    @Test
    void clientCertificateAndKeyFilesResolveAgainstTheKubeconfigDirectory(@TempDir Path directory) throws Exception {
        IssuedCertificate client = pki.issueClient(
                "CN=operator", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), KeyType.RSA_2048);
        Files.writeString(directory.resolve("client.crt"), client.certificatePem());
        Files.writeString(directory.resolve("client.key"), client.privateKeyPem());
        Files.writeString(directory.resolve("ca.crt"), pki.caPem());
        try (ClientAuthServer server = new ClientAuthServer(pki, serving)) {
            KubeconfigFile kubeconfig = written(
                    directory,
                    server.url(),
                    "certificate-authority: ca.crt",
                    "client-certificate: client.crt",
                    "client-key: client.key");

            assertThat(kubeconfig.clientCertificate("c"))
                    .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.US_ASCII))
                            .isEqualTo(client.certificatePem()));
            try (KubernetesClients.Opened opened = open(kubeconfig)) {
                opened.client().getKubernetesVersion();
            }
            assertThat(server.clientCertificates()).containsExactly(client.certificate());
        }
    }

    @Test
    void aServerThatRequiresACertificateRefusesAClientWithout(@TempDir Path directory) throws Exception {
        try (ClientAuthServer server = new ClientAuthServer(pki, serving)) {
            KubeconfigFile kubeconfig = written(
                    directory,
                    server.url(),
                    "certificate-authority-data: " + base64(pki.caPem()),
                    "token: not-a-certificate");

            try (KubernetesClients.Opened opened = open(kubeconfig)) {
                assertThatThrownBy(() -> opened.client().getKubernetesVersion())
                        .isInstanceOf(KubernetesClientException.class);
            }
            assertThat(server.clientCertificates()).isEmpty();
        }
    }

    @Test
    void configurationsAreNewForEachClientSoOneClientCannotChangeAnother(@TempDir Path directory) throws Exception {
        IssuedCertificate client = pki.issueClient(
                "CN=operator", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), KeyType.EC_P256);
        KubeconfigFile kubeconfig = KubeconfigFile.load(inlineKubeconfig(directory, "https://127.0.0.1:1", client));

        new KubernetesClients()
                .open(kubeconfig.clientConfig("c", Duration.ofSeconds(1)))
                .close();

        assertThat(kubeconfig.clientConfig("c", Duration.ofSeconds(1)).getClientCertData())
                .isNotBlank();
        assertThat(kubeconfig.clientCertificate("c")).isPresent();
        assertThat(kubeconfig.server("c")).isEqualTo("https://127.0.0.1:1");
    }

    private static KubernetesClients.Opened open(KubeconfigFile kubeconfig) throws ClusterAccessException {
        return new KubernetesClients().open(kubeconfig.clientConfig("c", Duration.ofSeconds(10)));
    }

    private static KubeconfigFile written(Path directory, String url, String clusterLine, String... userLines)
            throws Exception {
        Path file = directory.resolve("kubeconfig");
        Files.writeString(file, kubeconfig(url, clusterLine, userLines));
        return KubeconfigFile.load(file);
    }

    private Path inlineKubeconfig(Path directory, String url, IssuedCertificate client) throws IOException {
        Path file = directory.resolve("kubeconfig");
        Files.writeString(
                file,
                kubeconfig(
                        url,
                        "certificate-authority-data: " + base64(pki.caPem()),
                        "client-certificate-data: " + base64(client.certificatePem()),
                        "client-key-data: " + base64(client.privateKeyPem())));
        return file;
    }

    private static String kubeconfig(String url, String clusterLine, String... userLines) {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: c\n")
                .append("clusters:\n- name: k\n  cluster:\n    server: ")
                .append(url)
                .append("\n    ")
                .append(clusterLine)
                .append(
                        "\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: u\nusers:\n- name: u\n  user:\n");
        for (String line : userLines) {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A TLS server that requires a client certificate from the CA and answers every request with a version. */
    private static final class ClientAuthServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final List<X509Certificate> clientCertificates = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        ClientAuthServer(SandboxPki pki, IssuedCertificate serving) throws Exception {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "serving", serving.keyPair().getPrivate(), password, new Certificate[] {serving.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", pki.caCertificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
            socket.setNeedClientAuth(true);
            acceptor = new Thread(this::serve, "client-auth-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "https://127.0.0.1:" + socket.getLocalPort();
        }

        List<X509Certificate> clientCertificates() {
            return clientCertificates;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket connection = (SSLSocket) socket.accept()) {
                    connection.startHandshake();
                    clientCertificates.add(
                            (X509Certificate) connection.getSession().getPeerCertificates()[0]);
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = reader.readLine()) != null && !line.isEmpty()) {
                        // The request's headers are not needed: every request gets the same answer.
                    }
                    byte[] body = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\"}"
                            .getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                    + "Content-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // A refused handshake or a closed server socket: the next accept decides which.
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5000);
        }
    }
}
