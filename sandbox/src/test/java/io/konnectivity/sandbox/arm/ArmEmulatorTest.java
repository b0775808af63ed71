package io.konnectivity.sandbox.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArmEmulatorTest {

    private static final String CLUSTERS = "subscriptions/" + EmulatedCluster.DEFAULT_SUBSCRIPTION
            + "/providers/Microsoft.ContainerService/managedClusters";

    private ArmEmulator arm;
    private SandboxCluster sandbox;
    private OkHttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        arm = ArmEmulator.start();
        sandbox = SandboxCluster.start(SandboxScenario.builder()
                .clusterName("arm")
                .extraTlsSecrets(false)
                .build());
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", arm.caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        http = new OkHttpClient.Builder()
                .sslSocketFactory(tls.getSocketFactory(), trust)
                .build();
    }

    @AfterEach
    void stop() {
        arm.close();
        sandbox.close();
    }

    @Test
    void fiveHundredClustersArePagedThroughNextLink() throws IOException {
        for (int i = 0; i < 500; i++) {
            arm.add(EmulatedCluster.builder(String.format("aks-%03d", i), sandbox)
                    .build());
        }

        int seen = 0;
        String next = arm.endpoint() + CLUSTERS + "?api-version=2025-05-01";
        while (next != null) {
            JsonNode page = get(next);
            seen += page.get("value").size();
            next = page.has("nextLink") ? page.get("nextLink").asText() : null;
        }

        assertThat(seen).isEqualTo(500);
        assertThat(arm.requestCount()).isEqualTo(5);
    }

    @Test
    void servesTheClusterAndItsKubeconfigInTheShapesOfTheSpecs() throws IOException {
        EmulatedCluster cluster =
                EmulatedCluster.builder("aks-1", sandbox).rbacEnabled(false).build();
        arm.add(cluster);

        JsonNode body = get(arm.endpoint() + cluster.id().substring(1) + "?api-version=2025-05-01");
        JsonNode credentials = post(arm.endpoint() + cluster.id().substring(1) + "/listClusterUserCredential");

        assertThat(body.at("/properties/enableRBAC").asBoolean()).isFalse();
        assertThat(body.at("/properties/powerState/code").asText()).isEqualTo("Running");
        assertThat(body.at("/properties/nodeResourceGroup").asText()).isEqualTo("MC_rg1_aks-1_westeurope");
        String kubeconfig = new String(
                Base64.getDecoder()
                        .decode(credentials.at("/kubeconfigs/0/value").asText()),
                StandardCharsets.UTF_8);
        assertThat(credentials.at("/kubeconfigs/0/name").asText()).isEqualTo("clusterUser");
        assertThat(kubeconfig).contains("server: " + sandbox.serverUrl()).contains("current-context: aks-1");
    }

    @Test
    void rotationIsALongRunningOperationThatRenewsTheAgentCertificate() throws IOException {
        EmulatedCluster cluster = EmulatedCluster.builder("aks-1", sandbox).build();
        arm.add(cluster).rotationPolls(2);

        Response accepted = call(new Request.Builder()
                .url(arm.endpoint() + cluster.id().substring(1) + "/rotateClusterCertificates?api-version=2025-05-01")
                .post(RequestBody.create(new byte[0], MediaType.get("application/json"))));

        assertThat(accepted.code()).isEqualTo(202);
        String status = accepted.header("Azure-AsyncOperation");
        assertThat(get(arm.endpoint() + cluster.id().substring(1))
                        .at("/properties/provisioningState")
                        .asText())
                .isEqualTo("RotatingClusterCertificates");
        assertThat(get(status).get("status").asText()).isEqualTo("InProgress");
        assertThat(get(status).get("status").asText()).isEqualTo("Succeeded");
        assertThat(call(new Request.Builder().url(accepted.header("Location")).get())
                        .code())
                .isEqualTo(204);
        assertThat(arm.rotations(cluster.subscription(), "rg1", "aks-1")).isEqualTo(1);
        String clientCrt = sandbox.adminClient()
                .secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .get()
                .getData()
                .get("client.crt");
        assertThat(clientCrt)
                .isNotEqualTo(Base64.getEncoder()
                        .encodeToString(
                                sandbox.agentCertificate().certificatePem().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void throttlesThenAnswersAndAddsLatency() throws IOException {
        arm.faults().throttle(1, Duration.ofSeconds(2));
        arm.latency(Duration.ofMillis(50));

        Response throttled =
                call(new Request.Builder().url(arm.endpoint() + CLUSTERS).get());
        long start = System.nanoTime();
        Response answered =
                call(new Request.Builder().url(arm.endpoint() + CLUSTERS).get());

        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("2");
        assertThat(answered.code()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    private JsonNode get(String url) throws IOException {
        try (Response response = call(new Request.Builder().url(url).get())) {
            return json.readTree(response.body().string());
        }
    }

    private JsonNode post(String url) throws IOException {
        try (Response response = call(new Request.Builder()
                .url(url)
                .post(RequestBody.create(new byte[0], MediaType.get("application/json"))))) {
            return json.readTree(response.body().string());
        }
    }

    private Response call(Request.Builder request) throws IOException {
        return http.newCall(
                        request.header("Authorization", "Bearer " + arm.token()).build())
                .execute();
    }
}
