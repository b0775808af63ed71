package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultInjectionTest {

    private static final String SECRET = "/api/v1/namespaces/kube-system/secrets/konnectivity-certs";

    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxScenario.builder()
                .agentKeyType(SandboxPki.KeyType.EC_P256)
                .extraTlsSecrets(false)
                .build());
        client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig());
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        cluster.faults().clear();
        cluster.faults().clearRequests();
    }

    @ParameterizedTest
    @CsvSource({
        "500, InternalError, Internal error occurred",
        "409, Conflict, Operation cannot be fulfilled on secrets \"konnectivity-certs\": the object has been modified",
        "403, Forbidden, secrets \"konnectivity-certs\" is forbidden: User \"sandbox-admin\" cannot get resource",
        "429, TooManyRequests, 'Too many requests, please try again later.'",
        "503, ServiceUnavailable, the server is currently unable to handle the request"
    })
    void anInjectedStatusAnswersWithTheStatusBodyTheApiServerWouldSend(int code, String reason, String message) {
        cluster.faults().inject(Fault.on("GET", SECRET).status(code));

        assertThatThrownBy(() -> readSecret(client))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException failure = (KubernetesClientException) e;
                    assertThat(failure.getCode()).isEqualTo(code);
                    assertThat(failure.getStatus().getReason()).isEqualTo(reason);
                    assertThat(failure.getStatus().getMessage()).startsWith(message);
                });
    }

    @Test
    void aFaultForTheNthMatchOnlyPassesTheOthersThrough() {
        Fault second = cluster.faults().inject(Fault.on("GET", SECRET).onlyNth(2));

        assertThat(readSecret(client)).isNotNull();
        assertThatThrownBy(() -> readSecret(client)).isInstanceOf(KubernetesClientException.class);
        assertThat(readSecret(client)).isNotNull();
        assertThat(client.pods().inNamespace("kube-system").list().getItems()).isNotEmpty();

        assertThat(cluster.faults().matched(second)).isEqualTo(3);
        assertThat(cluster.faults().fired(second)).isEqualTo(1);
    }

    @Test
    void aFaultFromTheNthMatchFailsThatOneAndEveryLaterOneUntilCleared() {
        Fault fromSecond =
                cluster.faults().inject(Fault.on(null, SECRET).fromNth(2).status(503));

        assertThat(readSecret(client)).isNotNull();
        assertThatThrownBy(() -> readSecret(client)).isInstanceOf(KubernetesClientException.class);
        assertThatThrownBy(() -> readSecret(client)).isInstanceOf(KubernetesClientException.class);
        assertThat(cluster.faults().matched(fromSecond)).isEqualTo(3);

        cluster.faults().clear();

        assertThat(readSecret(client)).isNotNull();
        assertThat(cluster.faults().matched(fromSecond)).isZero();
    }

    @Test
    void aFaultWithoutServingLeavesTheObjectUnchangedAndOneAfterServingChangesIt() {
        cluster.faults().inject(Fault.on("PUT", SECRET).onlyNth(1).status(500));
        cluster.faults().inject(Fault.on("PUT", SECRET).onlyNth(2).status(500).afterServing());

        assertThatThrownBy(() -> writeLabel(client, "refused")).isInstanceOf(KubernetesClientException.class);
        assertThat(readSecret(client).getMetadata().getLabels()).doesNotContainEntry("attempt", "refused");

        assertThatThrownBy(() -> writeLabel(client, "applied")).isInstanceOf(KubernetesClientException.class);
        assertThat(readSecret(client).getMetadata().getLabels()).containsEntry("attempt", "applied");
    }

    @Test
    void aTimeoutLetsTheClientsRequestTimeoutFireWhileOtherRequestsAreAnswered() {
        cluster.faults().inject(Fault.on("GET", SECRET).timeout());
        Config impatient = new ConfigBuilder(cluster.config())
                .withRequestTimeout(500)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient slow =
                new KubernetesClientBuilder().withConfig(impatient).build()) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> readSecret(slow)).isInstanceOf(KubernetesClientException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.pods().inNamespace("kube-system").list().getItems())
                    .isNotEmpty();
        }
        assertThat(cluster.faults().requests())
                .filteredOn(ServedRequest::faulted)
                .singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(504));
    }

    @Test
    void theRequestLogListsEveryCallWithItsStatusSoEachCanBeFailedInTurn() {
        Secret secret = readSecret(client);
        client.secrets()
                .inNamespace("kube-system")
                .resource(labelledSecret(secret, "logged"))
                .update();
        client.pods()
                .inNamespace("kube-system")
                .withLabel("app", "konnectivity-agent")
                .list();

        List<ServedRequest> requests = cluster.faults().requests();

        assertThat(requests)
                .extracting(ServedRequest::call)
                .containsExactly("GET " + SECRET, "PUT " + SECRET, "GET /api/v1/namespaces/kube-system/pods");
        assertThat(requests.get(2).query()).isEqualTo("labelSelector=app%3Dkonnectivity-agent");
        assertThat(requests).extracting(ServedRequest::status).containsExactly(200, 200, 200);
        assertThat(requests).noneMatch(ServedRequest::faulted);

        Fault atThePut = cluster.faults().inject(Fault.matching(requests.get(1)).onlyNth(1));
        Secret current = readSecret(client);
        assertThatThrownBy(() -> client.secrets()
                        .inNamespace("kube-system")
                        .resource(labelledSecret(current, "again"))
                        .update())
                .isInstanceOf(KubernetesClientException.class);
        assertThat(cluster.faults().fired(atThePut)).isEqualTo(1);
        assertThat(cluster.faults().requests().get(requests.size() + 1)).satisfies(request -> {
            assertThat(request.call()).isEqualTo("PUT " + SECRET);
            assertThat(request.status()).isEqualTo(500);
            assertThat(request.faulted()).isTrue();
        });
    }

    @Test
    void aFaultOnTheNthRequestOfAnyKindFailsThatRequestWhateverItIs() {
        cluster.faults().inject(Fault.any().onlyNth(2));

        assertThat(readSecret(client)).isNotNull();
        assertThatThrownBy(() -> client.pods().inNamespace("kube-system").list())
                .isInstanceOf(KubernetesClientException.class);
        assertThat(readSecret(client)).isNotNull();
    }

    private static Secret readSecret(KubernetesClient client) {
        return client.secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .get();
    }

    private static void writeLabel(KubernetesClient client, String attempt) {
        client.secrets()
                .inNamespace("kube-system")
                .resource(labelledSecret(readSecret(client), attempt))
                .update();
    }

    private static Secret labelledSecret(Secret secret, String attempt) {
        return new SecretBuilder(secret)
                .editMetadata()
                .addToLabels("attempt", attempt)
                .endMetadata()
                .build();
    }
}
