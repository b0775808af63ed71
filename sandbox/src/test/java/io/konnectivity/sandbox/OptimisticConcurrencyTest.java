package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptimisticConcurrencyTest {

    private static final String STALE_MESSAGE =
            "the object has been modified; please apply your changes to the latest version and try again";

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

    @Test
    void aSecretWriteGuardedByAStaleResourceVersionAnswers409Conflict() {
        Secret read = client.secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .get();
        client.secrets()
                .inNamespace("kube-system")
                .resource(labelled(read, "first"))
                .update();

        assertConflict(
                () -> client.secrets()
                        .inNamespace("kube-system")
                        .resource(labelled(read, "second"))
                        .update(),
                "Operation cannot be fulfilled on secrets \"konnectivity-certs\": " + STALE_MESSAGE);
        assertThat(client.secrets()
                        .inNamespace("kube-system")
                        .withName("konnectivity-certs")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry("writer", "first");
    }

    @Test
    void aDeploymentWriteGuardedByAStaleResourceVersionAnswers409ConflictAndRollsNothing() {
        Deployment read = client.apps()
                .deployments()
                .inNamespace("kube-system")
                .withName("konnectivity-agent")
                .get();
        client.apps()
                .deployments()
                .inNamespace("kube-system")
                .resource(new DeploymentBuilder(read)
                        .editMetadata()
                        .addToLabels("writer", "first")
                        .endMetadata()
                        .build())
                .update();
        List<String> podsBefore =
                cluster.agentPods().stream().map(AgentPod::name).toList();

        assertConflict(
                () -> client.apps()
                        .deployments()
                        .inNamespace("kube-system")
                        .resource(new DeploymentBuilder(read)
                                .editSpec()
                                .editTemplate()
                                .editMetadata()
                                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2024-05-01T00:00:00Z")
                                .endMetadata()
                                .endTemplate()
                                .endSpec()
                                .build())
                        .update(),
                "Operation cannot be fulfilled on deployments.apps \"konnectivity-agent\": " + STALE_MESSAGE);
        assertThat(cluster.agentPods()).extracting(AgentPod::name).isEqualTo(podsBefore);
    }

    @Test
    void aLeaseCanBeCreatedReadRenewedAndDeletedWithItsMicroTimesIntact() {
        ZonedDateTime acquired = ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 123_456_000, ZoneOffset.UTC);
        ZonedDateTime renewed = acquired.plusSeconds(20).plusNanos(654_321_000);
        client.leases()
                .inNamespace("kube-system")
                .resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName("konnectivity-certs-rotation")
                        .withNamespace("kube-system")
                        .addToAnnotations("konnectivity.io/rotation-state", "{\"phase\":\"started\"}")
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("tester@host")
                        .withLeaseDurationSeconds(60)
                        .withAcquireTime(acquired)
                        .withRenewTime(acquired)
                        .withLeaseTransitions(0)
                        .endSpec()
                        .build())
                .create();

        Lease read = lease();
        assertThat(read.getSpec().getAcquireTime().toInstant()).isEqualTo(acquired.toInstant());
        assertThat(read.getSpec().getHolderIdentity()).isEqualTo("tester@host");
        assertThat(read.getMetadata().getAnnotations())
                .containsEntry("konnectivity.io/rotation-state", "{\"phase\":\"started\"}");

        client.leases()
                .inNamespace("kube-system")
                .resource(new LeaseBuilder(read)
                        .editSpec()
                        .withRenewTime(renewed)
                        .endSpec()
                        .build())
                .update();
        assertThat(lease().getSpec().getRenewTime().toInstant()).isEqualTo(renewed.toInstant());
        assertThat(lease().getSpec().getAcquireTime().toInstant()).isEqualTo(acquired.toInstant());

        assertConflict(
                () -> client.leases()
                        .inNamespace("kube-system")
                        .resource(new LeaseBuilder(read)
                                .editSpec()
                                .withHolderIdentity("someone-else")
                                .endSpec()
                                .build())
                        .update(),
                "Operation cannot be fulfilled on leases.coordination.k8s.io \"konnectivity-certs-rotation\": "
                        + STALE_MESSAGE);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("tester@host");

        client.leases()
                .inNamespace("kube-system")
                .withName("konnectivity-certs-rotation")
                .delete();
        assertThat(lease()).isNull();
    }

    @Test
    void creatingALeaseThatExistsAnswers409AlreadyExists() {
        Lease lease = new LeaseBuilder()
                .withNewMetadata()
                .withName("taken")
                .withNamespace("kube-system")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("first")
                .endSpec()
                .build();
        client.leases().inNamespace("kube-system").resource(lease).create();

        assertThatThrownBy(() -> client.leases()
                        .inNamespace("kube-system")
                        .resource(lease)
                        .create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException failure = (KubernetesClientException) e;
                    assertThat(failure.getCode()).isEqualTo(409);
                    assertThat(failure.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(failure.getStatus().getMessage())
                            .isEqualTo("leases.coordination.k8s.io \"taken\" already exists");
                });
    }

    private static Lease lease() {
        return client.leases()
                .inNamespace("kube-system")
                .withName("konnectivity-certs-rotation")
                .get();
    }

    private static Secret labelled(Secret read, String writer) {
        return new SecretBuilder(read)
                .editMetadata()
                .addToLabels("writer", writer)
                .endMetadata()
                .build();
    }

    private static void assertConflict(ThrowingCallable write, String message) {
        assertThatThrownBy(write).isInstanceOf(KubernetesClientException.class).satisfies(e -> {
            KubernetesClientException failure = (KubernetesClientException) e;
            assertThat(failure.getCode()).isEqualTo(409);
            assertThat(failure.getStatus().getReason()).isEqualTo("Conflict");
            assertThat(failure.getStatus().getMessage()).isEqualTo(message);
        });
    }
}
