package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessReviewTest {

    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxScenario.builder()
                .agentKeyType(SandboxPki.KeyType.EC_P256)
                .extraTlsSecrets(false)
                .forbidden("pods/log")
                .deniedPermissions("update secrets", "approve signers", "create pods/eviction", "* leases")
                .build());
        client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig());
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void anAccessReviewAllowsWhatTheScenarioNeitherForbidsNorDenies() {
        SubjectAccessReviewStatus status = review("", "secrets", null, "get", "kube-system", null);

        assertThat(status.getAllowed()).isTrue();
        assertThat(status.getReason()).contains("cluster-admin");
    }

    @Test
    void anAccessReviewDeniesADeniedPermissionAndSaysWhy() {
        SubjectAccessReviewStatus status = review("", "secrets", null, "update", "kube-system", "konnectivity-certs");

        assertThat(status.getAllowed()).isFalse();
        assertThat(status.getReason())
                .isEqualTo("User \"sandbox-admin\" cannot update resource \"secrets\" in API group \"\" in the"
                        + " namespace \"kube-system\"");
    }

    @Test
    void anAccessReviewDeniesOnlyTheDeniedVerb() {
        assertThat(review("", "secrets", null, "patch", "kube-system", null).getAllowed())
                .isTrue();
        assertThat(review("", "pods", "eviction", "create", "kube-system", null).getAllowed())
                .isFalse();
        assertThat(review("", "pods", null, "create", "kube-system", null).getAllowed())
                .isTrue();
    }

    @Test
    void aDeniedPermissionWithAStarVerbDeniesEveryVerb() {
        assertThat(review("coordination.k8s.io", "leases", null, "get", "kube-system", null)
                        .getAllowed())
                .isFalse();
        assertThat(review("coordination.k8s.io", "leases", null, "delete", "kube-system", null)
                        .getAllowed())
                .isFalse();
        assertThatThrownBy(() -> client.leases()
                        .inNamespace("kube-system")
                        .withName("konnectivity-certs-rotation")
                        .get())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("cannot get resource \"leases\" in API group \"coordination.k8s.io\"");
    }

    @Test
    void anAccessReviewDeniesApprovingForTheSignerAtTheClusterScope() {
        SubjectAccessReviewStatus status =
                review("certificates.k8s.io", "signers", null, "approve", null, "kubernetes.io/kube-apiserver-client");

        assertThat(status.getAllowed()).isFalse();
        assertThat(status.getReason())
                .isEqualTo("User \"sandbox-admin\" cannot approve resource \"signers\" in API group"
                        + " \"certificates.k8s.io\" at the cluster scope");
    }

    @Test
    void anAccessReviewDeniesEveryVerbOnAForbiddenResource() {
        assertThat(review("", "pods", "log", "get", "kube-system", null).getAllowed())
                .isFalse();
        assertThat(review("", "pods", null, "list", "kube-system", null).getAllowed())
                .isTrue();
    }

    @Test
    void aRequestNeedingADeniedPermissionAnswers403LikeAForbiddenOne() {
        var secret = client.secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .get();

        assertThatThrownBy(() -> client.secrets()
                        .inNamespace("kube-system")
                        .resource(new SecretBuilder(secret)
                                .editMetadata()
                                .addToLabels("touched", "yes")
                                .endMetadata()
                                .build())
                        .update())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException failure = (KubernetesClientException) e;
                    assertThat(failure.getCode()).isEqualTo(403);
                    assertThat(failure.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(failure.getStatus().getMessage())
                            .isEqualTo("secrets \"konnectivity-certs\" is forbidden: User \"sandbox-admin\" cannot"
                                    + " update resource \"secrets\" in API group \"\" in the namespace"
                                    + " \"kube-system\"");
                });
        assertThat(client.secrets()
                        .inNamespace("kube-system")
                        .withName("konnectivity-certs")
                        .get()
                        .getMetadata()
                        .getLabels())
                .doesNotContainKey("touched");
    }

    @Test
    void anEvictionWithoutTheEvictionPermissionIsForbiddenAndKeepsThePod() {
        String pod = cluster.agentPods().get(0).name();

        assertThatThrownBy(() ->
                        client.pods().inNamespace("kube-system").withName(pod).evict())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("cannot create resource \"pods/eviction\"");
        assertThat(cluster.agentPods()).extracting(AgentPod::name).contains(pod);
    }

    @Test
    void approvingWithoutTheApprovePermissionOnTheSignerIsRefusedByAdmission() {
        CsrFixtures.createForAgent(client, cluster, "not-mine-to-approve", Duration.ofDays(1));

        assertThatThrownBy(() -> CsrFixtures.approve(client, "not-mine-to-approve"))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException failure = (KubernetesClientException) e;
                    assertThat(failure.getCode()).isEqualTo(403);
                    assertThat(failure.getStatus().getMessage())
                            .isEqualTo("certificatesigningrequests.certificates.k8s.io \"not-mine-to-approve\" is"
                                    + " forbidden: user not permitted to approve requests with signerName"
                                    + " \"kubernetes.io/kube-apiserver-client\"");
                });
        var unapproved = CsrFixtures.get(client, "not-mine-to-approve");
        assertThat(
                        unapproved.getStatus() == null
                                ? List.of()
                                : unapproved.getStatus().getConditions())
                .isEmpty();
    }

    @Test
    void aDeniedPermissionMustNameAVerbAndAResource() {
        assertThatThrownBy(() ->
                        SandboxScenario.builder().deniedPermissions("secrets").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'verb resource'");
    }

    private static SubjectAccessReviewStatus review(
            String group, String resource, String subresource, String verb, String namespace, String name) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withGroup(group)
                        .withResource(resource)
                        .withSubresource(subresource)
                        .withVerb(verb)
                        .withNamespace(namespace)
                        .withName(name)
                        .build())
                .endSpec()
                .build();
        return client.authorization()
                .v1()
                .selfSubjectAccessReview()
                .create(review)
                .getStatus();
    }
}
