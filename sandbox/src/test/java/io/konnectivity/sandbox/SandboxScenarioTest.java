package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.konnectivity.sandbox.SandboxScenario.AgentAuth;
import io.konnectivity.sandbox.SandboxScenario.WorkloadKind;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxScenarioTest {

    @Test
    void defaultsDescribeAHealthyAksCluster() {
        SandboxScenario scenario = SandboxScenario.defaults();

        assertThat(scenario.clusterName()).isEqualTo("sandbox");
        assertThat(scenario.agentCertificateExpiresIn()).isEqualTo(Duration.ofDays(200));
        assertThat(scenario.agentKeyType()).isEqualTo(SandboxPki.KeyType.RSA_2048);
        assertThat(scenario.agentAuthentication()).isEqualTo(AgentAuth.CLIENT_CERTIFICATE);
        assertThat(scenario.workloadKind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(scenario.agentReplicas()).isEqualTo(2);
        assertThat(scenario.secretMode()).isEqualTo("EnsureExists");
        assertThat(scenario.tunnelError()).isEqualTo(SandboxScenario.TunnelError.IO_TIMEOUT);
        assertThat(scenario.latency()).isZero();
        assertThat(scenario.forbidden()).isEmpty();
        assertThat(scenario.extraTlsSecrets()).isTrue();
        assertThat(scenario.kubernetesVersion()).isEqualTo("1.29.4");
        assertThat(scenario.deniedPermissions()).isEmpty();
        assertThat(scenario.csrSigning()).isEqualTo(SandboxScenario.CsrSigningMode.SIGN);
        assertThat(scenario.maxCertificateLifetime()).isEqualTo(Duration.ofDays(365));
        assertThat(scenario.agentsBecomeReady()).isTrue();
        assertThat(scenario.toBuilder().build()).isEqualTo(scenario);
    }

    @Test
    void theControlPlaneOptionsSurviveToBuilderAndTheOlderConstructorDefaultsThem() {
        SandboxScenario scenario = SandboxScenario.builder()
                .deniedPermissions("update secrets", "approve signers")
                .csrSigning(SandboxScenario.CsrSigningMode.SHORTER)
                .maxCertificateLifetime(Duration.ofDays(30))
                .agentsBecomeReady(false)
                .build();

        assertThat(scenario.toBuilder().build()).isEqualTo(scenario);
        SandboxScenario older = new SandboxScenario(
                scenario.clusterName(),
                scenario.agentCertificateExpiresIn(),
                scenario.agentKeyType(),
                scenario.agentAuthentication(),
                scenario.workloadKind(),
                scenario.agentReplicas(),
                scenario.secretMode(),
                scenario.tunnelError(),
                scenario.latency(),
                scenario.forbidden(),
                scenario.extraTlsSecrets(),
                scenario.kubernetesVersion(),
                scenario.clock());
        assertThat(older)
                .isEqualTo(SandboxScenario.builder().clock(scenario.clock()).build());
    }

    @Test
    void clusterNamesMustBeDnsLabels() {
        assertThatThrownBy(() -> SandboxScenario.builder().clusterName("Prod_1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Prod_1'");
    }

    @Test
    void daemonSetScenarioSeedsAnUpstreamStyleDaemonSetAndItsPods() {
        SandboxScenario scenario = SandboxScenario.builder()
                .workloadKind(WorkloadKind.DAEMONSET)
                .agentReplicas(3)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            DaemonSet agent = client.apps()
                    .daemonSets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .get();
            List<Pod> pods = client.pods()
                    .inNamespace("kube-system")
                    .withLabel("k8s-app", "konnectivity-agent")
                    .list()
                    .getItems();

            assertThat(agent.getMetadata().getLabels()).containsEntry("k8s-app", "konnectivity-agent");
            assertThat(agent.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
            assertThat(agent.getStatus().getNumberReady()).isEqualTo(3);
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent")
                            .get())
                    .isNull();
            assertThat(pods).hasSize(3).allSatisfy(pod -> {
                assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind())
                        .isEqualTo("DaemonSet");
                assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid())
                        .isEqualTo(agent.getMetadata().getUid());
            });
            assertThat(pods)
                    .extracting(pod -> pod.getSpec().getNodeName())
                    .containsExactlyInAnyOrder(
                            "aks-nodepool1-12345678-vmss000000",
                            "aks-nodepool1-12345678-vmss000001",
                            "aks-nodepool1-12345678-vmss000002");
        }
    }

    @Test
    void tokenScenarioMountsAProjectedTokenInsteadOfTheCertificatesButKeepsTheSecret() {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentAuthentication(AgentAuth.SERVICE_ACCOUNT_TOKEN)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            Deployment agent = client.apps()
                    .deployments()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .get();
            Container container =
                    agent.getSpec().getTemplate().getSpec().getContainers().get(0);

            assertThat(container.getArgs())
                    .contains("--service-account-token-path=/var/run/secrets/tokens/konnectivity-agent-token")
                    .noneMatch(arg -> arg.startsWith("--agent-cert"));
            assertThat(agent.getSpec().getTemplate().getSpec().getVolumes())
                    .singleElement()
                    .satisfies(volume -> {
                        assertThat(volume.getSecret()).isNull();
                        assertThat(volume.getProjected()
                                        .getSources()
                                        .get(0)
                                        .getServiceAccountToken()
                                        .getPath())
                                .isEqualTo("konnectivity-agent-token");
                    });
            assertThat(client.secrets()
                            .inNamespace("kube-system")
                            .withName("konnectivity-certs")
                            .get())
                    .isNotNull();
            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withLabel("app", "konnectivity-agent")
                            .list()
                            .getItems())
                    .allSatisfy(pod -> assertThat(pod.getMetadata().getAnnotations())
                            .doesNotContainKey(LoadedCertificate.NOT_AFTER_ANNOTATION));
        }
    }

    @Test
    void secretWithoutModeHasNoAddonManagerLabelAndScanSecretsCanBeLeftOut() {
        SandboxScenario scenario = SandboxScenario.builder()
                .secretMode(null)
                .extraTlsSecrets(false)
                .agentKeyType(SandboxPki.KeyType.EC_P256)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            List<Secret> secrets = client.secrets().inAnyNamespace().list().getItems();

            assertThat(secrets).singleElement().satisfies(secret -> {
                assertThat(secret.getMetadata().getLabels()).doesNotContainKey("addonmanager.kubernetes.io/mode");
                assertThat(SandboxClusterTest.decode(secret.getData().get("client.key")))
                        .startsWith("-----BEGIN EC PRIVATE KEY-----");
            });
            assertThat(cluster.agentCertificate().certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        }
    }

    @Test
    void alreadyExpiredAgentCertificateStillStartsBeforeItEnds() {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(-400))
                .extraTlsSecrets(false)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            var agent = cluster.agentCertificate().certificate();

            assertThat(agent.getNotBefore()).isBefore(agent.getNotAfter());
            assertThat(agent.getNotAfter().toInstant())
                    .isBefore(scenario.clock().instant());
        }
    }

    @Test
    void latencyDelaysEveryResponse() {
        SandboxScenario scenario = SandboxScenario.builder()
                .latency(Duration.ofMillis(300))
                .extraTlsSecrets(false)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario);
                KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            client.getKubernetesVersion();

            long start = System.nanoTime();
            client.secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .get();
            client.secrets().inNamespace("kube-system").withName("missing").get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }
}
