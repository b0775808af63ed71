package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxFleetTest {

    @Test
    void twentyClustersOnThreeServersShareThemRoundRobin() {
        try (SandboxFleet fleet = SandboxFleet.start(
                20,
                3,
                index -> SandboxScenario.builder()
                        .clusterName("aks")
                        .agentCertificateExpiresIn(Duration.ofDays(10 + index))
                        .extraTlsSecrets(false)
                        .build())) {
            List<String> contexts = fleet.contexts();

            assertThat(fleet.servers()).hasSize(3);
            assertThat(contexts).hasSize(20).startsWith("aks-0001", "aks-0002").endsWith("aks-0020");
            for (int i = 0; i < contexts.size(); i++) {
                SandboxCluster server = fleet.servers().get(i % 3);
                assertThat(fleet.serverOf(contexts.get(i))).isSameAs(server);
                try (KubernetesClient client = Kubeconfigs.clientFor(fleet.kubeconfig(), contexts.get(i))) {
                    Secret secret = client.secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .get();

                    assertThat(client.getConfiguration().getMasterUrl()).startsWith(server.serverUrl());
                    assertThat(SandboxClusterTest.decode(secret.getData().get("ca.crt")))
                            .isEqualTo(server.pki().caPem());
                    assertThat(SandboxClusterTest.decode(secret.getData().get("client.crt")))
                            .isEqualTo(server.agentCertificate().certificatePem());
                }
            }
            assertThat(fleet.servers().stream()
                            .mapToInt(SandboxCluster::requestCount)
                            .sum())
                    .isEqualTo(20);
        }
    }

    @Test
    void fewerClustersThanServersStartOnlyAsManyServers() {
        try (SandboxFleet fleet = SandboxFleet.start(
                2,
                5,
                index -> SandboxScenario.builder()
                        .clusterName("edge")
                        .extraTlsSecrets(false)
                        .build())) {
            assertThat(fleet.servers()).hasSize(2);
            assertThat(fleet.contexts()).containsExactly("edge-0001", "edge-0002");
        }
    }
}
