package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The konnectivity agent as AKS runs it (a Deployment of pods mounting the {@code konnectivity-certs} Secret) or as
 * upstream setups do (a DaemonSet, possibly authenticating with a service-account token).
 */
final class AgentWorkload {

    static final String NAME = "konnectivity-agent";
    static final String IMAGE = "mcr.microsoft.com/oss/kubernetes/apiserver-network-proxy/agent:v0.30.3";
    static final String TOKEN_PATH = "/var/run/secrets/tokens/konnectivity-agent-token";

    private static final String SAFE_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";

    private final SandboxScenario scenario;
    private final Random names;
    private final String templateHash;

    /** @param names the source of generated name suffixes, seeded so that a scenario always gets the same names */
    AgentWorkload(SandboxScenario scenario, Random names) {
        this.scenario = scenario;
        this.names = names;
        this.templateHash = suffix(10);
    }

    boolean isDeployment() {
        return scenario.workloadKind() == SandboxScenario.WorkloadKind.DEPLOYMENT;
    }

    Map<String, String> selector() {
        return isDeployment() ? Map.of("app", NAME) : Map.of("k8s-app", NAME);
    }

    /** The Deployment or DaemonSet, with a status saying every replica is ready. */
    HasMetadata workload() {
        int replicas = scenario.agentReplicas();
        if (isDeployment()) {
            return new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(NAME)
                    .withNamespace(AksObjects.KUBE_SYSTEM)
                    .withLabels(podLabels())
                    .addToLabels("addonmanager.kubernetes.io/mode", "Reconcile")
                    .addToLabels("kubernetes.azure.com/managedby", "aks")
                    .addToAnnotations("deployment.kubernetes.io/revision", "1")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector()
                    .withMatchLabels(selector())
                    .endSelector()
                    .withTemplate(template(podLabels()))
                    .endSpec()
                    .withNewStatus()
                    .withObservedGeneration(1L)
                    .withReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .endStatus()
                    .build();
        }
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(AksObjects.KUBE_SYSTEM)
                .withLabels(podLabels())
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(selector())
                .endSelector()
                .withTemplate(template(podLabels()))
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withDesiredNumberScheduled(replicas)
                .withCurrentNumberScheduled(replicas)
                .withNumberReady(replicas)
                .withNumberAvailable(replicas)
                .withUpdatedNumberScheduled(replicas)
                .withNumberMisscheduled(0)
                .endStatus()
                .build();
    }

    /** The ReplicaSet a Deployment's pods belong to. */
    ReplicaSet replicaSet(HasMetadata deployment) {
        return replicaSet(deployment, template(podLabels()), templateHash, scenario.agentReplicas());
    }

    /** A running, ready agent pod of the seeded template on the given node, owned by the ReplicaSet or DaemonSet. */
    Pod pod(HasMetadata owner, AksObjects.Node node, Instant started, Map<String, String> loadedCertificate) {
        return pod(owner, template(podLabels()), templateHash, node, started, loadedCertificate);
    }

    /**
     * A running, ready agent pod made from a template, as the ReplicaSet or DaemonSet controller makes it, annotated
     * with what the agent loaded when it started.
     */
    Pod pod(
            HasMetadata owner,
            PodTemplateSpec template,
            String hash,
            AksObjects.Node node,
            Instant started,
            Map<String, String> loadedCertificate) {
        return pod(owner, template, hash, node, started, loadedCertificate, true);
    }

    /**
     * An agent pod as above that is Ready, or Running but not Ready ({@code ContainersNotReady}), as a pod whose
     * readiness probe fails is.
     */
    Pod pod(
            HasMetadata owner,
            PodTemplateSpec template,
            String hash,
            AksObjects.Node node,
            Instant started,
            Map<String, String> loadedCertificate,
            boolean ready) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        String name;
        if (isDeployment()) {
            labels.put("pod-template-hash", hash);
            name = NAME + "-" + hash + "-" + suffix(5);
        } else {
            labels.put("controller-revision-hash", hash);
            labels.put("pod-template-generation", "1");
            name = NAME + "-" + suffix(5);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata().getAnnotations() != null) {
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.putAll(loadedCertificate);
        PodSpec spec =
                new PodSpecBuilder(template.getSpec()).withNodeName(node.name()).build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(AksObjects.KUBE_SYSTEM)
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(ownerReference(owner))
                .endMetadata()
                .withSpec(spec)
                .withNewStatus()
                .withPhase("Running")
                .withHostIP(node.internalIp())
                .withPodIP(node.podIp())
                .addNewPodIP(node.podIp())
                .withStartTime(started.toString())
                .withQosClass("Burstable")
                .addNewCondition()
                .withType("Initialized")
                .withStatus("True")
                .withLastTransitionTime(started.toString())
                .endCondition()
                .addToConditions(readiness("Ready", ready, started))
                .addToConditions(readiness("ContainersReady", ready, started))
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("True")
                .withLastTransitionTime(started.toString())
                .endCondition()
                .addNewContainerStatus()
                .withName(NAME)
                .withImage(IMAGE)
                .withImageID(IMAGE + "@sha256:" + hex(64))
                .withContainerID("containerd://" + hex(64))
                .withReady(ready)
                .withStarted(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning(started.plusSeconds(2).toString())
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    /** The pod as it is once its readiness probe passes. */
    static Pod markedReady(Pod pod, Instant now) {
        PodBuilder ready = new PodBuilder(pod);
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType())) {
                conditions.add(readiness(condition.getType(), true, now.minusSeconds(4)));
            } else {
                conditions.add(condition);
            }
        }
        ready.editStatus().withConditions(conditions).endStatus();
        Pod result = ready.build();
        result.getStatus().getContainerStatuses().forEach(status -> status.setReady(true));
        return result;
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static PodCondition readiness(String type, boolean ready, Instant started) {
        PodConditionBuilder condition = new PodConditionBuilder()
                .withType(type)
                .withStatus(ready ? "True" : "False")
                .withLastTransitionTime(started.plusSeconds(ready ? 4 : 0).toString());
        if (!ready) {
            condition.withReason("ContainersNotReady").withMessage("containers with unready status: [" + NAME + "]");
        }
        return condition.build();
    }

    /** A fresh pod-template-hash, as a changed template gets. */
    String newTemplateHash() {
        return suffix(10);
    }

    ReplicaSet replicaSet(HasMetadata deployment, PodTemplateSpec template, String hash, int replicas) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        Map<String, String> selector = new LinkedHashMap<>(selector());
        selector.put("pod-template-hash", hash);
        PodTemplateSpec hashed = new PodTemplateSpecBuilder(template)
                .editMetadata()
                .withLabels(labels)
                .endMetadata()
                .build();
        return new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(NAME + "-" + hash)
                .withNamespace(AksObjects.KUBE_SYSTEM)
                .withLabels(labels)
                .withOwnerReferences(ownerReference(deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withTemplate(hashed)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withFullyLabeledReplicas(replicas)
                .endStatus()
                .build();
    }

    boolean usesCertificate() {
        return scenario.agentAuthentication() == SandboxScenario.AgentAuth.CLIENT_CERTIFICATE;
    }

    private Map<String, String> podLabels() {
        if (isDeployment()) {
            return Map.of("app", NAME, "component", "tunnel");
        }
        return Map.of("k8s-app", NAME);
    }

    private PodTemplateSpec template(Map<String, String> labels) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withSpec(podSpec())
                .build();
    }

    private PodSpec podSpec() {
        return new PodSpecBuilder()
                .withServiceAccountName(NAME)
                .withPriorityClassName("system-cluster-critical")
                .withContainers(container())
                .withVolumes(volume())
                .build();
    }

    private Container container() {
        List<String> args = new ArrayList<>();
        args.add("--logtostderr=true");
        if (usesCertificate()) {
            args.add("--ca-cert=/certs/ca.crt");
            args.add("--agent-cert=/certs/client.crt");
            args.add("--agent-key=/certs/client.key");
        } else {
            args.add("--ca-cert=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
        }
        args.add("--proxy-server-host=" + scenario.clusterName() + ".hcp.eastus.azmk8s.io");
        args.add("--proxy-server-port=443");
        args.add("--health-server-port=8082");
        args.add("--admin-server-port=8083");
        if (!usesCertificate()) {
            args.add("--service-account-token-path=" + TOKEN_PATH);
        }
        return new ContainerBuilder()
                .withName(NAME)
                .withImage(IMAGE)
                .withCommand("/proxy-agent")
                .withArgs(args)
                .withVolumeMounts(volumeMount())
                .withNewResources()
                .addToRequests("cpu", new Quantity("20m"))
                .addToRequests("memory", new Quantity("50Mi"))
                .addToLimits("cpu", new Quantity("1"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/healthz")
                .withNewPort(8082)
                .endHttpGet()
                .withInitialDelaySeconds(15)
                .withTimeoutSeconds(15)
                .endLivenessProbe()
                .build();
    }

    private VolumeMount volumeMount() {
        if (usesCertificate()) {
            return new VolumeMountBuilder()
                    .withName("certs")
                    .withMountPath("/certs")
                    .withReadOnly(true)
                    .build();
        }
        return new VolumeMountBuilder()
                .withName("konnectivity-agent-token")
                .withMountPath("/var/run/secrets/tokens")
                .build();
    }

    private Volume volume() {
        if (usesCertificate()) {
            return new VolumeBuilder()
                    .withName("certs")
                    .withNewSecret()
                    .withSecretName(AksObjects.SECRET)
                    .endSecret()
                    .build();
        }
        return new VolumeBuilder()
                .withName("konnectivity-agent-token")
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withPath("konnectivity-agent-token")
                .withAudience("system:konnectivity-server")
                .withExpirationSeconds(3600L)
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .build();
    }

    private static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private String suffix(int length) {
        StringBuilder suffix = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            suffix.append(SAFE_CHARACTERS.charAt(names.nextInt(SAFE_CHARACTERS.length())));
        }
        return suffix.toString();
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(names.nextInt(16), 16));
        }
        return hex.toString();
    }
}
