package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class SimulatedControllersTest {

    private static final SandboxScenario EXPIRED = SandboxScenario.builder()
            .agentCertificateExpiresIn(Duration.ofDays(-3))
            .extraTlsSecrets(false)
            .build();

    @Test
    void rolloutRestartReplacesEveryAgentPodAndTheNewPodsLoadTheRenewedCertificate() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            Set<String> before = agentPodNames(client);
            SandboxPki.IssuedCertificate renewed = renewInSecret(cluster, client);

            client.apps()
                    .deployments()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .rolling()
                    .restart();

            List<Pod> pods = agentPods(client);
            assertThat(pods)
                    .hasSize(2)
                    .noneMatch(pod -> before.contains(pod.getMetadata().getName()));
            assertThat(pods).allSatisfy(pod -> {
                assertThat(pod.getMetadata().getAnnotations())
                        .containsEntry(
                                LoadedCertificate.NOT_AFTER_ANNOTATION,
                                renewed.certificate().getNotAfter().toInstant().toString())
                        .containsKey("kubectl.kubernetes.io/restartedAt");
                assertThat(client.pods()
                                .inNamespace("kube-system")
                                .withName(pod.getMetadata().getName())
                                .tailingLines(1)
                                .getLog())
                        .contains("Connected to proxy server");
            });
            Deployment deployment = client.apps()
                    .deployments()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .get();
            assertThat(deployment.getStatus().getObservedGeneration())
                    .isEqualTo(deployment.getMetadata().getGeneration())
                    .isEqualTo(2L);
            assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
            assertThat(client.apps()
                            .replicaSets()
                            .inNamespace("kube-system")
                            .list()
                            .getItems())
                    .extracting(ReplicaSet::getStatus)
                    .extracting(status -> status.getReplicas())
                    .containsExactlyInAnyOrder(0, 2);
        }
    }

    @Test
    void evictionReplacesThePodOnItsNodeWhileTheDisruptionBudgetAllows() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            renewInSecret(cluster, client);
            Pod first = agentPods(client).get(0);

            boolean evicted = client.pods()
                    .inNamespace("kube-system")
                    .withName(first.getMetadata().getName())
                    .evict();

            assertThat(evicted).isTrue();
            List<Pod> pods = agentPods(client);
            assertThat(pods)
                    .hasSize(2)
                    .noneMatch(pod -> pod.getMetadata()
                            .getName()
                            .equals(first.getMetadata().getName()));
            Pod replacement = pods.stream()
                    .filter(pod ->
                            pod.getSpec().getNodeName().equals(first.getSpec().getNodeName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(replacement.getMetadata().getName()).startsWith("konnectivity-agent-");
            assertThat(client.pods()
                            .inNamespace("kube-system")
                            .withName(replacement.getMetadata().getName())
                            .getLog())
                    .contains("Connected to proxy server");
        }
    }

    @Test
    void evictingTheLastReadyAgentPodIsRefusedByTheDisruptionBudget() {
        SandboxScenario single = EXPIRED.toBuilder().agentReplicas(1).build();
        try (SandboxCluster cluster = SandboxCluster.start(single);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            String only = agentPods(client).get(0).getMetadata().getName();

            assertThat(client.pods().inNamespace("kube-system").withName(only).evict())
                    .isFalse();
            assertThat(agentPodNames(client)).containsExactly(only);
        }
    }

    @Test
    void aSecretWhoseCaWasOverwrittenKeepsTheTunnelDownAfterTheRestart() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            SandboxPki.IssuedCertificate renewed = renewInSecret(cluster, client);
            editSecret(client, Map.of("ca.crt", renewed.certificatePem()));

            client.apps()
                    .deployments()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .rolling()
                    .restart();

            Pod pod = agentPods(client).get(0);
            assertThat(pod.getMetadata().getAnnotations())
                    .containsEntry(LoadedCertificate.PROBLEM_ANNOTATION, "ca.crt does not hold the cluster CA");
            assertThatThrownBy(() -> client.pods()
                            .inNamespace("kube-system")
                            .withName(pod.getMetadata().getName())
                            .getLog())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("i/o timeout");
        }
    }

    @Test
    void approvingAClientCsrGetsItSignedByTheClusterCaForTheAskedDuration() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            KeyPair key = cluster.agentCertificate().keyPair();
            client.certificates()
                    .v1()
                    .certificateSigningRequests()
                    .resource(csr("renew-1", "CN=konnectivity-agent", key))
                    .create();

            approve(client, "renew-1");

            CertificateSigningRequest signed = client.certificates()
                    .v1()
                    .certificateSigningRequests()
                    .withName("renew-1")
                    .get();
            X509Certificate certificate = SandboxClusterTest.parse(
                    SandboxClusterTest.decode(signed.getStatus().getCertificate()));
            certificate.verify(cluster.pki().caCertificate().getPublicKey());
            assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
            assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
            assertThat(Duration.between(
                            certificate.getNotBefore().toInstant(),
                            certificate.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofDays(7).plusMinutes(5));
            assertThat(signed.getStatus().getConditions())
                    .extracting(condition -> condition.getType())
                    .containsExactly("Approved");
        }
    }

    @Test
    void aCsrForSystemMastersIsApprovedButFails() {
        try (SandboxCluster cluster = SandboxCluster.start(EXPIRED);
                KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            KeyPair key = SandboxPki.newKeyPair(SandboxPki.KeyType.EC_P256);
            client.certificates()
                    .v1()
                    .certificateSigningRequests()
                    .resource(csr("escalate", "CN=mallory,O=system:masters", key))
                    .create();

            approve(client, "escalate");

            CertificateSigningRequest failed = client.certificates()
                    .v1()
                    .certificateSigningRequests()
                    .withName("escalate")
                    .get();
            assertThat(failed.getStatus().getCertificate()).isNull();
            assertThat(failed.getStatus().getConditions()).anySatisfy(condition -> {
                assertThat(condition.getType()).isEqualTo("Failed");
                assertThat(condition.getMessage()).contains("system:masters");
            });
        }
    }

    private static void approve(KubernetesClient client, String name) {
        client.certificates()
                .v1()
                .certificateSigningRequests()
                .withName(name)
                .approve(new CertificateSigningRequestConditionBuilder()
                        .withType("Approved")
                        .withStatus("True")
                        .withReason("SandboxTest")
                        .withMessage("approved by the test")
                        .build());
    }

    private static CertificateSigningRequest csr(String name, String subject, KeyPair key) {
        try {
            String algorithm = key.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            String pem = SandboxPki.toPem(
                    new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), key.getPublic())
                            .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
            return new CertificateSigningRequestBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withNewSpec()
                    .withRequest(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))
                    .withSignerName("kubernetes.io/kube-apiserver-client")
                    .withUsages("digital signature", "key encipherment", "client auth")
                    .withExpirationSeconds((int) Duration.ofDays(7).toSeconds())
                    .endSpec()
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a fresh certificate for the agent's existing key into the Secret, as a renewal does. */
    private static SandboxPki.IssuedCertificate renewInSecret(SandboxCluster cluster, KubernetesClient client) {
        java.time.Instant now = cluster.scenario().clock().instant();
        SandboxPki.IssuedCertificate renewed = cluster.pki()
                .issueClient(
                        "CN=konnectivity-agent",
                        now,
                        now.plus(Duration.ofDays(365)),
                        cluster.agentCertificate().keyPair());
        editSecret(client, Map.of("client.crt", renewed.certificatePem()));
        return renewed;
    }

    private static void editSecret(KubernetesClient client, Map<String, String> pems) {
        client.secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .edit(secret -> {
                    Map<String, String> data = new HashMap<>(secret.getData());
                    pems.forEach((key, pem) ->
                            data.put(key, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
                    secret.setData(data);
                    return secret;
                });
    }

    private static List<Pod> agentPods(KubernetesClient client) {
        return client.pods()
                .inNamespace("kube-system")
                .withLabel("app", "konnectivity-agent")
                .list()
                .getItems();
    }

    private static Set<String> agentPodNames(KubernetesClient client) {
        return agentPods(client).stream()
                .map(pod -> pod.getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
