package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForbiddenResourcesTest {

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(SandboxScenario.builder()
            .forbidden("secrets", "pods/log", "deployments")
            .build());

    @Test
    void readingAForbiddenSecretAnswers403WithTheApiServersWording(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            assertForbidden(
                    () -> client.secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .get(),
                    "secrets \"konnectivity-certs\" is forbidden: User \"sandbox-admin\" cannot get resource"
                            + " \"secrets\" in API group \"\" in the namespace \"kube-system\"");
        }
    }

    @Test
    void listingAForbiddenResourceUsesTheListWording(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            assertForbidden(
                    () -> client.secrets().inNamespace("kube-system").list(),
                    "secrets is forbidden: User \"sandbox-admin\" cannot list resource \"secrets\" in API group \"\""
                            + " in the namespace \"kube-system\"");
            assertForbidden(
                    () -> client.secrets().inAnyNamespace().list(),
                    "secrets is forbidden: User \"sandbox-admin\" cannot list resource \"secrets\" in API group \"\""
                            + " at the cluster scope");
        }
    }

    @Test
    void forbiddenResourcesOfAnApiGroupNameTheGroup(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            assertForbidden(
                    () -> client.apps()
                            .deployments()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent")
                            .get(),
                    "deployments.apps \"konnectivity-agent\" is forbidden: User \"sandbox-admin\" cannot get resource"
                            + " \"deployments\" in API group \"apps\" in the namespace \"kube-system\"");
        }
    }

    @Test
    void aForbiddenSubresourceLeavesItsResourceReadable(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            String pod = client.pods()
                    .inNamespace("kube-system")
                    .withLabel("app", "konnectivity-agent")
                    .list()
                    .getItems()
                    .get(0)
                    .getMetadata()
                    .getName();

            assertForbidden(
                    () -> client.pods()
                            .inNamespace("kube-system")
                            .withName(pod)
                            .tailingLines(1)
                            .getLog(),
                    "pods \"" + pod + "\" is forbidden: User \"sandbox-admin\" cannot get resource \"pods/log\" in"
                            + " API group \"\" in the namespace \"kube-system\"");
        }
    }

    @Test
    void writesToAForbiddenResourceAreForbiddenToo(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            assertForbidden(
                    () -> client.secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .delete(),
                    "secrets \"konnectivity-certs\" is forbidden: User \"sandbox-admin\" cannot delete resource"
                            + " \"secrets\" in API group \"\" in the namespace \"kube-system\"");
        }
    }

    private static void assertForbidden(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    KubernetesClientException failure = (KubernetesClientException) e;
                    assertThat(failure.getCode()).isEqualTo(403);
                    assertThat(failure.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(failure.getStatus().getMessage()).isEqualTo(message);
                });
    }
}
