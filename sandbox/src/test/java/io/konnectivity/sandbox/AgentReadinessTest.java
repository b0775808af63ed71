package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentReadinessTest {

    private static final SandboxScenario EXPIRED = SandboxScenario.builder()
            .agentCertificateExpiresIn(Duration.ofDays(-3))
            .agentKeyType(SandboxPki.KeyType.EC_P256)
            .extraTlsSecrets(false)
            .build();

    @Test
    void agentPodsReportTheCertificateEachLoadedAndTheTunnelFollowsARenewalAndRestart() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            String seeded =
                    LoadedCertificate.fingerprint(cluster.agentCertificate().certificate());
            assertThat(cluster.agentPods()).hasSize(2).allSatisfy(pod -> {
                assertThat(pod.certificateFingerprint()).isEqualTo(seeded);
                assertThat(pod.certificateNotAfter())
                        .isEqualTo(cluster.agentCertificate()
                                .certificate()
                                .getNotAfter()
                                .toInstant());
                assertThat(pod.ready()).isTrue();
                assertThat(pod.tunnelUp()).isFalse();
            });
            assertThat(cluster.tunnelUp()).isFalse();

            SandboxPki.IssuedCertificate renewed = CsrFixtures.renewInSecret(cluster, client);
            assertThat(cluster.tunnelUp())
                    .as("pods keep what they loaded until they restart")
                    .isFalse();
            CsrFixtures.rolloutRestart(client);

            assertThat(cluster.agentPods()).hasSize(2).allSatisfy(pod -> {
                assertThat(pod.certificateFingerprint())
                        .isEqualTo(LoadedCertificate.fingerprint(renewed.certificate()))
                        .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
                assertThat(pod.certificateProblem()).isNull();
                assertThat(pod.tunnelUp()).isTrue();
            });
            assertThat(cluster.tunnelUp()).isTrue();
        }
    }

    @Test
    void whenAgentsDoNotBecomeReadyARolloutLeavesRunningPodsThatAreNotReady() {
        try (SandboxCluster cluster = SandboxCluster.start(
                        EXPIRED.toBuilder().agentsBecomeReady(false).build());
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            assertThat(cluster.agentPods()).as("the seeded pods are ready").allMatch(AgentPod::ready);

            CsrFixtures.rolloutRestart(client);

            List<Pod> pods = agentPods(client);
            assertThat(pods).hasSize(2).allSatisfy(pod -> {
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                PodCondition ready = condition(pod, "Ready");
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("ContainersNotReady");
                assertThat(ready.getMessage()).isEqualTo("containers with unready status: [konnectivity-agent]");
                assertThat(condition(pod, "ContainersReady").getStatus()).isEqualTo("False");
                assertThat(pod.getStatus().getContainerStatuses().get(0).getReady())
                        .isFalse();
            });
            Deployment deployment = deployment(client);
            assertThat(deployment.getStatus().getReadyReplicas()).isZero();
            assertThat(deployment.getStatus().getAvailableReplicas()).isZero();
            assertThat(deployment.getStatus().getUnavailableReplicas()).isEqualTo(2);
            assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
        }
    }

    @Test
    void anUnreadyReplacementLowersTheReadyCountAndTheDisruptionBudgetThenRefusesTheNextEviction() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            cluster.setAgentsBecomeReady(false);
            List<String> seeded =
                    cluster.agentPods().stream().map(AgentPod::name).toList();

            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withName(seeded.get(0))
                            .evict())
                    .isTrue();

            assertThat(deployment(client).getStatus().getReadyReplicas()).isEqualTo(1);
            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withName(seeded.get(1))
                            .evict())
                    .as("evicting the last ready pod would break minAvailable 1")
                    .isFalse();
            assertThat(cluster.agentPods()).extracting(AgentPod::ready).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void turningReadinessBackOnMakesTheWaitingPodsReadyAndLaterOnesStartReady() {
        try (SandboxCluster cluster = SandboxCluster.start(
                        EXPIRED.toBuilder().agentsBecomeReady(false).build());
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            CsrFixtures.rolloutRestart(client);
            assertThat(cluster.agentPods()).noneMatch(AgentPod::ready);

            cluster.setAgentsBecomeReady(true);

            assertThat(cluster.agentsBecomeReady()).isTrue();
            assertThat(cluster.agentPods()).hasSize(2).allMatch(AgentPod::ready);
            assertThat(deployment(client).getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(deployment(client).getStatus().getUnavailableReplicas()).isNull();
            CsrFixtures.rolloutRestart(client);
            assertThat(cluster.agentPods()).hasSize(2).allMatch(AgentPod::ready);
        }
    }

    @Test
    void aDaemonSetCountsItsUnreadyPodsToo() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED.toBuilder()
                        .workloadKind(SandboxScenario.WorkloadKind.DAEMONSET)
                        .agentsBecomeReady(false)
                        .build());
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            client.apps()
                    .daemonSets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .edit(daemonSet -> new DaemonSetBuilder(daemonSet)
                            .editSpec()
                            .editTemplate()
                            .editMetadata()
                            .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2024-05-01T00:00:00Z")
                            .endMetadata()
                            .endTemplate()
                            .endSpec()
                            .build());

            DaemonSet daemonSet = client.apps()
                    .daemonSets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .get();
            assertThat(daemonSet.getStatus().getNumberReady()).isZero();
            assertThat(daemonSet.getStatus().getNumberUnavailable()).isEqualTo(2);
            assertThat(cluster.agentPods()).hasSize(2).noneMatch(AgentPod::ready);
        }
    }

    private static Deployment deployment(KubernetesClient client) {
        return client.apps()
                .deployments()
                .inNamespace("kube-system")
                .withName("konnectivity-agent")
                .get();
    }

    private static List<Pod> agentPods(KubernetesClient client) {
        return client.pods()
                .inNamespace("kube-system")
                .withLabel("app", "konnectivity-agent")
                .list()
                .getItems();
    }

    private static PodCondition condition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType()))
                .findFirst()
                .orElseThrow();
    }
}
