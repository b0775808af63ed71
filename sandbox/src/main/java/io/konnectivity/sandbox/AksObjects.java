package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/** The objects of an AKS cluster that the Konnectivity tunnel involves, seeded into a sandbox's store. */
final class AksObjects {

    static final String KUBE_SYSTEM = "kube-system";
    static final String SECRET = "konnectivity-certs";
    static final String MODE_LABEL = "addonmanager.kubernetes.io/mode";

    private static final String NODE_POOL = "aks-nodepool1-12345678-vmss";

    /** A node of the cluster's only node pool. */
    record Node(String name, int index) {
        String internalIp() {
            return "10.224.0." + (4 + index);
        }

        String podIp() {
            return "10.244." + index + ".12";
        }
    }

    private final SandboxScenario scenario;
    private final SandboxPki pki;
    private final SandboxPki.IssuedCertificate agentCertificate;
    private final Instant now;

    AksObjects(SandboxScenario scenario, SandboxPki pki, SandboxPki.IssuedCertificate agentCertificate) {
        this.scenario = scenario;
        this.pki = pki;
        this.agentCertificate = agentCertificate;
        this.now = scenario.clock().instant();
    }

    /** Creates every object through {@code store}, which returns the object as stored (with its uid). */
    void seed(UnaryOperator<HasMetadata> store) {
        store.apply(namespace(KUBE_SYSTEM));
        store.apply(namespace("default"));
        int nodes = Math.max(1, scenario.agentReplicas());
        for (int i = 0; i < nodes; i++) {
            store.apply(node(new Node(nodeName(i), i)));
        }
        store.apply(agentSecret());

        Instant started =
                agentCertificate.certificate().getNotBefore().toInstant().plus(Duration.ofMinutes(5));
        AgentWorkload agent =
                new AgentWorkload(scenario, new Random(scenario.clusterName().hashCode()));
        Map<String, String> loaded = agent.usesCertificate()
                ? LoadedCertificate.valid(agentCertificate.certificate()).annotations()
                : Map.of();
        seedCompanions(store, agent);
        HasMetadata workload = store.apply(agent.workload());
        HasMetadata owner = agent.isDeployment() ? store.apply(agent.replicaSet(workload)) : workload;
        for (int i = 0; i < scenario.agentReplicas(); i++) {
            store.apply(agent.pod(owner, new Node(nodeName(i), i), started, loaded));
        }

        if (scenario.extraTlsSecrets()) {
            seedOtherCertificates(store);
        }
    }

    private void seedCompanions(UnaryOperator<HasMetadata> store, AgentWorkload agent) {
        store.apply(new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(AgentWorkload.NAME)
                .withNamespace(KUBE_SYSTEM)
                .endMetadata()
                .build());
        store.apply(new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(AgentWorkload.NAME)
                .withNamespace(KUBE_SYSTEM)
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(agent.selector())
                .endSelector()
                .endSpec()
                .build());
        store.apply(new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(AgentWorkload.NAME)
                .withNamespace(KUBE_SYSTEM)
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(agent.selector())
                .endPodSelector()
                .withPolicyTypes("Egress")
                .addNewEgress()
                .endEgress()
                .endSpec()
                .build());
        if (agent.isDeployment()) {
            store.apply(autoscaler());
        }
    }

    private Secret agentSecret() {
        Map<String, String> labels = new LinkedHashMap<>();
        if (scenario.secretMode() != null) {
            labels.put(MODE_LABEL, scenario.secretMode());
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(SECRET)
                .withNamespace(KUBE_SYSTEM)
                .withLabels(labels)
                .endMetadata()
                .withType("Opaque")
                .addToData("ca.crt", base64(pki.caPem()))
                .addToData("client.crt", base64(agentCertificate.certificatePem()))
                .addToData("client.key", base64(agentCertificate.privateKeyPem()))
                .build();
    }

    private HasMetadata autoscaler() {
        String name = AgentWorkload.NAME + "-autoscaler";
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(KUBE_SYSTEM)
                .addToLabels("app", name)
                .addToLabels(MODE_LABEL, "Reconcile")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(AgentWorkload.NAME)
                .addNewContainer()
                .withName("autoscaler")
                .withImage("mcr.microsoft.com/oss/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.8.9")
                .withCommand("/cluster-proportional-autoscaler")
                .withArgs(
                        "--namespace=" + KUBE_SYSTEM,
                        "--configmap=" + name,
                        "--target=deployment/" + AgentWorkload.NAME,
                        "--logtostderr=true")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(1)
                .withReadyReplicas(1)
                .withAvailableReplicas(1)
                .withUpdatedReplicas(1)
                .endStatus()
                .build();
    }

    /** Certificates a scan of every Secret should find besides the agent's: an ingress's and a webhook CA. */
    private void seedOtherCertificates(UnaryOperator<HasMetadata> store) {
        store.apply(namespace("ingress-basic"));
        SandboxPki.IssuedCertificate ingress = pki.issueServing(
                now.minus(Duration.ofDays(70)), now.plus(Duration.ofDays(20)), SandboxPki.KeyType.EC_P256);
        store.apply(new SecretBuilder()
                .withNewMetadata()
                .withName("ingress-tls")
                .withNamespace("ingress-basic")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToData("tls.crt", base64(ingress.certificatePem()))
                .addToData("tls.key", base64(ingress.privateKeyPem()))
                .build());

        store.apply(namespace("monitoring"));
        SandboxPki webhookCa = SandboxPki.generate("monitoring-webhook", SandboxPki.KeyType.EC_P256, scenario.clock());
        store.apply(new SecretBuilder()
                .withNewMetadata()
                .withName("webhook-ca")
                .withNamespace("monitoring")
                .endMetadata()
                .withType("Opaque")
                .addToData("ca.crt", base64(webhookCa.caPem()))
                .build());
    }

    private Namespace namespace(String name) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/metadata.name", name)
                .endMetadata()
                .withNewStatus()
                .withPhase("Active")
                .endStatus()
                .build();
    }

    private HasMetadata node(Node node) {
        String resourceGroup = "MC_rg-" + scenario.clusterName() + "_" + scenario.clusterName() + "_eastus";
        return new NodeBuilder()
                .withNewMetadata()
                .withName(node.name())
                .addToLabels("agentpool", "nodepool1")
                .addToLabels("kubernetes.azure.com/agentpool", "nodepool1")
                .addToLabels("kubernetes.azure.com/cluster", resourceGroup)
                .addToLabels("kubernetes.io/hostname", node.name())
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("node.kubernetes.io/instance-type", "Standard_D4s_v3")
                .addToLabels("topology.kubernetes.io/region", "eastus")
                .endMetadata()
                .withNewSpec()
                .withProviderID("azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                        + resourceGroup.toLowerCase() + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
                        + NODE_POOL + "/virtualMachines/" + node.index())
                .endSpec()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(node.internalIp())
                .endAddress()
                .addNewAddress()
                .withType("Hostname")
                .withAddress(node.name())
                .endAddress()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .withMessage("kubelet is posting ready status")
                .endCondition()
                .withNewNodeInfo()
                .withKubeletVersion("v" + scenario.kubernetesVersion())
                .withKubeProxyVersion("v" + scenario.kubernetesVersion())
                .withOsImage("Ubuntu 22.04.4 LTS")
                .withKernelVersion("5.15.0-1061-azure")
                .withContainerRuntimeVersion("containerd://1.7.15-1")
                .withOperatingSystem("linux")
                .withArchitecture("amd64")
                .endNodeInfo()
                .endStatus()
                .build();
    }

    /** Scale-set instance names: a base-36 instance id padded to six characters. */
    static String nodeName(int index) {
        String instance = Integer.toString(index, 36);
        return NODE_POOL + "0".repeat(Math.max(0, 6 - instance.length())) + instance;
    }

    /** The node index a scale-set instance name carries, or 0 for a name of another pool. */
    static int nodeIndex(String nodeName) {
        if (!nodeName.startsWith(NODE_POOL)) {
            return 0;
        }
        try {
            return Integer.parseInt(nodeName.substring(NODE_POOL.length()), 36);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
