package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.sandbox.SandboxScenario.TunnelError;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodLogTest {

    @Test
    void healthyTunnelServesTheAgentsLatestLogLine() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults());
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            Pod agent = firstAgentPod(client);

            String log = client.pods()
                    .inNamespace("kube-system")
                    .withName(agent.getMetadata().getName())
                    .tailingLines(1)
                    .getLog();

            assertThat(log)
                    .matches("I\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} {7}1 client\\.go:374\\] \"Connected to proxy"
                            + " server\" serverID=\"[0-9a-f-]{36}\"\n");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "IO_TIMEOUT   | Get \"https://10.224.0.4:10250/containerLogs/kube-system/{pod}/konnectivity-agent"
                        + "?tailLines=1\": dial tcp 10.224.0.4:10250: i/o timeout",
                "DIAL_BACKEND | error dialing backend: dial tcp 10.224.0.4:10250: i/o timeout",
                "NO_AGENT     | No agent available"
            })
    void expiredAgentCertificateMakesLogsFailWithTheFieldsErrorText(TunnelError error, String expectedText) {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(-3))
                .tunnelError(error)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            Pod agent = firstAgentPod(client);
            String podName = agent.getMetadata().getName();

            assertThat(agent.getStatus().getHostIP()).isEqualTo("10.224.0.4");
            assertThatThrownBy(() -> client.pods()
                            .inNamespace("kube-system")
                            .withName(podName)
                            .tailingLines(1)
                            .getLog())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining(expectedText.replace("{pod}", podName))
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode())
                            .isEqualTo(500))
                    .satisfies(e -> assertThat(
                                    ((KubernetesClientException) e).getStatus().getReason())
                            .isEqualTo("InternalError"));
        }
    }

    @Test
    void tunnelGoesDownOnceTheCertificateThePodLoadedExpires() {
        MovableClock clock = new MovableClock(Instant.parse("2025-06-01T08:00:00Z"));
        SandboxScenario scenario = SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(2))
                .clock(clock)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            String podName = firstAgentPod(client).getMetadata().getName();

            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withName(podName)
                            .getLog())
                    .contains("Connected to proxy server");

            clock.advance(Duration.ofDays(3));

            assertThatThrownBy(() -> client.pods()
                            .inNamespace("kube-system")
                            .withName(podName)
                            .getLog())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("dial tcp 10.224.0.4:10250: i/o timeout");
        }
    }

    @Test
    void logsOfAMissingPodAreNotFound() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults());
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            assertThatThrownBy(() -> client.pods()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent-gone")
                            .tailingLines(1)
                            .getLog())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("pods \"konnectivity-agent-gone\" not found")
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode())
                            .isEqualTo(404));
        }
    }

    @Test
    void tokenAuthenticatedAgentsKeepTheirTunnelWhateverTheSecretHolds() {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentAuthentication(SandboxScenario.AgentAuth.SERVICE_ACCOUNT_TOKEN)
                .agentCertificateExpiresIn(Duration.ofDays(-30))
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            String podName = firstAgentPod(client).getMetadata().getName();

            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withName(podName)
                            .getLog())
                    .contains("Connected to proxy server");
        }
    }

    private static Pod firstAgentPod(KubernetesClient client) {
        return client
                .pods()
                .inNamespace("kube-system")
                .withLabel("app", "konnectivity-agent")
                .list()
                .getItems()
                .stream()
                .filter(pod -> pod.getSpec().getNodeName().endsWith("vmss000000"))
                .findFirst()
                .orElseThrow();
    }
}
