package io.konnectivity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxClusterTest {

    @RegisterExtension
    final SandboxExtension sandbox = SandboxExtension.withDefaults();

    @Test
    void kubeconfigReachesTheApiServerOverHttpsTrustingOnlyTheClusterCa(SandboxCluster cluster) throws Exception {
        Config config = Kubeconfigs.config(cluster.kubeconfig(), null);
        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:");
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(decode(config.getCaCertData())).isEqualTo(cluster.pki().caPem());
        assertThat(config.getCurrentContext().getName()).isEqualTo("sandbox");

        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            Secret secret = client.secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .get();

            assertThat(secret.getType()).isEqualTo("Opaque");
            assertThat(secret.getMetadata().getLabels())
                    .containsEntry("addonmanager.kubernetes.io/mode", "EnsureExists");
            assertThat(decode(secret.getData().get("ca.crt")))
                    .isEqualTo(cluster.pki().caPem());
            assertThat(parse(decode(secret.getData().get("client.crt"))))
                    .isEqualTo(cluster.agentCertificate().certificate());
            assertThat(decode(secret.getData().get("client.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        }
    }

    @Test
    void agentCertificateIsTheKonnectivityAgentsAndExpiresWhenTheScenarioSays(SandboxCluster cluster) {
        X509Certificate agent = cluster.agentCertificate().certificate();

        assertThat(agent.getSubjectX500Principal().getName()).isEqualTo("CN=konnectivity-agent");
        assertThat(agent.getIssuerX500Principal())
                .isEqualTo(cluster.pki().caCertificate().getSubjectX500Principal());
        assertThat(Duration.between(
                        cluster.scenario().clock().instant(),
                        agent.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(200).minusMinutes(1), Duration.ofDays(200));
    }

    @Test
    void deploymentKeepsItsReadyStatusInTheStore(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            Deployment agent = client.apps()
                    .deployments()
                    .inNamespace("kube-system")
                    .withName("konnectivity-agent")
                    .get();

            assertThat(agent.getMetadata().getLabels())
                    .containsEntry("app", "konnectivity-agent")
                    .containsEntry("component", "tunnel");
            assertThat(agent.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("app");
            assertThat(agent.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getArgs())
                    .contains(
                            "--agent-cert=/certs/client.crt",
                            "--agent-key=/certs/client.key",
                            "--ca-cert=/certs/ca.crt",
                            "--proxy-server-host=sandbox.hcp.eastus.azmk8s.io",
                            "--proxy-server-port=443");
            assertThat(agent.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getVolumes()
                            .get(0)
                            .getSecret()
                            .getSecretName())
                    .isEqualTo("konnectivity-certs");
            assertThat(agent.getStatus().getReplicas()).isEqualTo(2);
            assertThat(agent.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(agent.getStatus().getAvailableReplicas()).isEqualTo(2);
            assertThat(agent.getStatus().getUpdatedReplicas()).isEqualTo(2);
        }
    }

    @Test
    void agentPodsRunOnNodesAndRecordTheCertificateTheyLoaded(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            List<Pod> pods = client.pods()
                    .inNamespace("kube-system")
                    .withLabel("app", "konnectivity-agent")
                    .list()
                    .getItems();

            assertThat(pods).hasSize(2);
            assertThat(pods).allSatisfy(pod -> {
                assertThat(pod.getMetadata().getName()).matches("konnectivity-agent-[a-z0-9]{10}-[a-z0-9]{5}");
                assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind())
                        .isEqualTo("ReplicaSet");
                assertThat(pod.getSpec().getNodeName()).matches("aks-nodepool1-12345678-vmss00000[01]");
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                assertThat(pod.getStatus().getConditions())
                        .anySatisfy(c ->
                                assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
                assertThat(pod.getMetadata().getAnnotations())
                        .containsEntry(
                                "sandbox.konnectivity.io/loaded-certificate-not-after",
                                cluster.agentCertificate()
                                        .certificate()
                                        .getNotAfter()
                                        .toInstant()
                                        .toString());
            });
            assertThat(client.nodes().list().getItems()).hasSize(2);
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent-autoscaler")
                            .get())
                    .isNotNull();
            assertThat(client.policy()
                            .v1()
                            .podDisruptionBudget()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent")
                            .get()
                            .getSpec()
                            .getMinAvailable()
                            .getIntVal())
                    .isEqualTo(1);
            assertThat(client.serviceAccounts()
                            .inNamespace("kube-system")
                            .withName("konnectivity-agent")
                            .get())
                    .isNotNull();
        }
    }

    @Test
    void otherNamespacesHoldCertificatesForAScanToFind(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            List<Secret> secrets = client.secrets().inAnyNamespace().list().getItems();

            assertThat(secrets)
                    .extracting(s -> s.getMetadata().getNamespace() + "/"
                            + s.getMetadata().getName())
                    .containsExactlyInAnyOrder(
                            "kube-system/konnectivity-certs", "ingress-basic/ingress-tls", "monitoring/webhook-ca");
            Secret ingress = secrets.stream()
                    .filter(s -> s.getMetadata().getName().equals("ingress-tls"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ingress.getType()).isEqualTo("kubernetes.io/tls");
            assertThat(ingress.getData()).containsOnlyKeys("tls.crt", "tls.key");
            assertThat(client.namespaces().list().getItems())
                    .extracting(n -> n.getMetadata().getName())
                    .containsExactlyInAnyOrder("kube-system", "default", "ingress-basic", "monitoring");
        }
    }

    @Test
    void servingCertificateSeenInTheHandshakeIsSignedByTheClusterCa(SandboxCluster cluster) throws Exception {
        URI server = URI.create(cluster.serverUrl());
        try (SSLSocket socket = (SSLSocket) trustingOnly(cluster.pki().caCertificate())
                .getSocketFactory()
                .createSocket(server.getHost(), server.getPort())) {
            socket.startHandshake();
            X509Certificate serving = (X509Certificate) socket.getSession().getPeerCertificates()[0];

            serving.verify(cluster.pki().caCertificate().getPublicKey());
            assertThat(serving.getSubjectAlternativeNames().stream()
                            .map(name -> name.get(1).toString())
                            .toList())
                    .containsExactlyInAnyOrder("localhost", "127.0.0.1");
            assertThat(socket.getApplicationProtocol()).isIn("http/1.1", "");
        }
    }

    @Test
    void versionIsTheScenariosKubernetesVersion(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.29.4");
            assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("29");
        }
    }

    @Test
    void requestCountCountsWhatTheApiServerAnswered(SandboxCluster cluster) {
        try (KubernetesClient client = Kubeconfigs.clientFor(cluster.kubeconfig())) {
            int before = cluster.requestCount();
            client.secrets().inNamespace("kube-system").list();
            client.pods().inNamespace("kube-system").list();

            assertThat(cluster.requestCount() - before).isEqualTo(2);
        }
    }

    @Test
    void stopServingMakesTheApiServerRefuseConnections(SandboxCluster cluster) {
        URI server = URI.create(cluster.serverUrl());
        try (KubernetesClient client = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            assertThat(client.secrets().inNamespace("kube-system").list().getItems())
                    .isNotEmpty();

            cluster.stopServing();

            // A kept-alive connection is cut (the client may see EOF or a refused reconnect); a new one is refused.
            assertThatThrownBy(() -> client.secrets().inNamespace("kube-system").list())
                    .isInstanceOf(KubernetesClientException.class)
                    .rootCause()
                    .isInstanceOf(IOException.class);
        }
        try (KubernetesClient fresh = Kubeconfigs.clientWithoutRetries(cluster.kubeconfig())) {
            assertThatThrownBy(() -> fresh.secrets().inNamespace("kube-system").list())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasRootCauseInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void kubeconfigIsReadableByItsOwnerOnlyAndGoesAwayOnClose() throws Exception {
        Path kubeconfig;
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            kubeconfig = cluster.kubeconfig();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(kubeconfig)).doesNotContain("PRIVATE KEY");
        }
        assertThat(kubeconfig).doesNotExist();
        assertThat(kubeconfig.getParent()).doesNotExist();
    }

    private static SSLContext trustingOnly(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }
}
