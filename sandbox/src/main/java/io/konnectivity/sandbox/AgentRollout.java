package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Stands in for the controllers that replace konnectivity agent pods, since the CRUD store runs none: an eviction
 * replaces its pod at once, and a changed pod template ({@code kubectl rollout restart}) replaces every agent pod.
 * Each new pod loads what the Secret holds at that moment. A plain pod DELETE is not reconciled.
 */
final class AgentRollout {

    private static final String PODS = "/api/v1/namespaces/" + AksObjects.KUBE_SYSTEM + "/pods";

    private final ObjectStore store;
    private final SandboxScenario scenario;
    private final X509Certificate clusterCa;
    private final AgentWorkload agent;
    private volatile boolean agentsBecomeReady;

    AgentRollout(ObjectStore store, SandboxScenario scenario, X509Certificate clusterCa) {
        this.store = store;
        this.scenario = scenario;
        this.clusterCa = clusterCa;
        this.agent = new AgentWorkload(scenario, new Random());
        this.agentsBecomeReady = scenario.agentsBecomeReady();
    }

    boolean agentsBecomeReady() {
        return agentsBecomeReady;
    }

    /**
     * Whether agent pods started from now on become Ready. Turned on, it also makes every agent pod that is waiting to
     * become ready Ready now, as when the cause of a failing readiness probe goes away.
     */
    synchronized void setAgentsBecomeReady(boolean ready) {
        agentsBecomeReady = ready;
        if (!ready) {
            return;
        }
        Instant now = scenario.clock().instant();
        boolean changed = false;
        for (Pod pod : agentPods()) {
            if (!AgentWorkload.isReady(pod)) {
                store.replace(AgentWorkload.markedReady(pod, now));
                changed = true;
            }
        }
        if (changed) {
            refreshStatus();
        }
    }

    /** The agent pods as stored now, by name. */
    synchronized List<Pod> agentPods() {
        return store.list(labelled(Pod.class, agent.selector()), Pod.class).stream()
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .toList();
    }

    /**
     * A write to the agent workload, through {@code write}, followed by the rollout its pod template change causes.
     */
    synchronized MockResponse writeWorkload(ApiRequest request, Supplier<MockResponse> write) {
        PodTemplateSpec before = currentTemplate(request);
        MockResponse written = write.get();
        if (written.code() / 100 == 2) {
            afterWorkloadWrite(request, before);
        }
        return written;
    }

    /** Whether a write to this request's object may change the agent's pod template. */
    static boolean isAgentWorkloadWrite(ApiRequest request) {
        return AksObjects.KUBE_SYSTEM.equals(request.namespace())
                && AgentWorkload.NAME.equals(request.name())
                && request.subresource() == null
                && (request.resource().equals("deployments")
                        || request.resource().equals("daemonsets"));
    }

    /** The eviction API: refused with 429 while the PodDisruptionBudget forbids it, else the pod is replaced. */
    synchronized MockResponse evict(ApiRequest request) {
        Optional<Pod> pod = store.get(podPath(request.name()), Pod.class);
        if (pod.isEmpty()) {
            return ApiResponses.notFound(request);
        }
        if (!disruptionAllowed(pod.get())) {
            return ApiResponses.json(
                    429,
                    new StatusBuilder()
                            .withStatus("Failure")
                            .withCode(429)
                            .withReason("TooManyRequests")
                            .withMessage("Cannot evict pod as it would violate the pod's disruption budget.")
                            .withNewMetadata()
                            .endMetadata()
                            .build());
        }
        store.delete(pod.get());
        replace(pod.get());
        refreshStatus();
        return ApiResponses.json(
                201,
                new StatusBuilder()
                        .withStatus("Success")
                        .withCode(201)
                        .withNewMetadata()
                        .endMetadata()
                        .build());
    }

    /** Rolls every agent pod if the write changed the workload's pod template. */
    private void afterWorkloadWrite(ApiRequest request, PodTemplateSpec templateBefore) {
        Class<? extends HasMetadata> type =
                request.resource().equals("deployments") ? Deployment.class : DaemonSet.class;
        Optional<? extends HasMetadata> written = store.get(request.objectPath(), type);
        if (written.isEmpty() || Objects.equals(templateBefore, template(written.get()))) {
            return;
        }
        if (written.get() instanceof Deployment deployment) {
            rollDeployment(deployment);
        } else {
            rollDaemonSet((DaemonSet) written.get());
        }
    }

    /** The pod template of the agent workload as stored now, or null if there is none. */
    private PodTemplateSpec currentTemplate(ApiRequest request) {
        Class<? extends HasMetadata> type =
                request.resource().equals("deployments") ? Deployment.class : DaemonSet.class;
        return store.get(request.objectPath(), type).map(AgentRollout::template).orElse(null);
    }

    private void rollDeployment(Deployment deployment) {
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        String hash = agent.newTemplateHash();
        ReplicaSet replicaSet = store.create(agent.replicaSet(deployment, template(deployment), hash, replicas));
        for (ReplicaSet old :
                store.list(labelled(ReplicaSet.class, deployment.getSpec().getSelector()), ReplicaSet.class)) {
            if (!old.getMetadata().getName().equals(replicaSet.getMetadata().getName())) {
                old.getSpec().setReplicas(0);
                if (old.getStatus() == null) {
                    old.setStatus(new ReplicaSetStatus());
                }
                old.getStatus().setReplicas(0);
                old.getStatus().setReadyReplicas(0);
                old.getStatus().setAvailableReplicas(0);
                old.getStatus().setFullyLabeledReplicas(0);
                store.replace(old);
            }
        }
        deleteAgentPods(deployment.getSpec().getSelector());
        List<AksObjects.Node> nodes = nodes();
        LoadedCertificate loaded = loadSecret();
        for (int i = 0; i < replicas; i++) {
            store.create(newPod(replicaSet, template(deployment), hash, nodes.get(i % nodes.size()), loaded));
        }

        deployment.getStatus().setObservedGeneration(deployment.getMetadata().getGeneration());
        deployment.getStatus().setReplicas(replicas);
        deployment.getStatus().setUpdatedReplicas(replicas);
        store.replaceStatus(deployment);
        refreshStatus();
    }

    private void rollDaemonSet(DaemonSet daemonSet) {
        String hash = agent.newTemplateHash();
        deleteAgentPods(daemonSet.getSpec().getSelector());
        List<AksObjects.Node> nodes = nodes();
        LoadedCertificate loaded = loadSecret();
        for (AksObjects.Node node : nodes) {
            store.create(newPod(daemonSet, template(daemonSet), hash, node, loaded));
        }

        daemonSet.getStatus().setObservedGeneration(daemonSet.getMetadata().getGeneration());
        daemonSet.getStatus().setDesiredNumberScheduled(nodes.size());
        daemonSet.getStatus().setCurrentNumberScheduled(nodes.size());
        daemonSet.getStatus().setUpdatedNumberScheduled(nodes.size());
        store.replaceStatus(daemonSet);
        refreshStatus();
    }

    /**
     * Recounts the ready agent pods into the status of the workload and of its ReplicaSets, as their controllers do:
     * a pod that is not Ready is neither ready nor available.
     */
    private void refreshStatus() {
        List<Pod> pods = agentPods();
        int ready = (int) pods.stream().filter(AgentWorkload::isReady).count();
        String workloads = "/apis/apps/v1/namespaces/" + AksObjects.KUBE_SYSTEM;
        if (agent.isDeployment()) {
            Optional<Deployment> found = store.get(workloads + "/deployments/" + AgentWorkload.NAME, Deployment.class);
            if (found.isEmpty()) {
                return;
            }
            Deployment deployment = found.get();
            int desired =
                    Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            deployment.getStatus().setReadyReplicas(ready);
            deployment.getStatus().setAvailableReplicas(ready);
            deployment.getStatus().setUnavailableReplicas(ready >= desired ? null : desired - ready);
            store.replaceStatus(deployment);
            for (ReplicaSet replicaSet :
                    store.list(labelled(ReplicaSet.class, deployment.getSpec().getSelector()), ReplicaSet.class)) {
                String hash = replicaSet.getMetadata().getLabels().get("pod-template-hash");
                int own = (int) pods.stream()
                        .filter(pod -> hash != null
                                && hash.equals(pod.getMetadata().getLabels().get("pod-template-hash")))
                        .filter(AgentWorkload::isReady)
                        .count();
                if (replicaSet.getStatus() != null
                        && !Objects.equals(replicaSet.getStatus().getReadyReplicas(), own)) {
                    replicaSet.getStatus().setReadyReplicas(own);
                    replicaSet.getStatus().setAvailableReplicas(own);
                    store.replaceStatus(replicaSet);
                }
            }
        } else {
            Optional<DaemonSet> found = store.get(workloads + "/daemonsets/" + AgentWorkload.NAME, DaemonSet.class);
            if (found.isEmpty()) {
                return;
            }
            DaemonSet daemonSet = found.get();
            int desired = Optional.ofNullable(daemonSet.getStatus().getDesiredNumberScheduled())
                    .orElse(pods.size());
            daemonSet.getStatus().setNumberReady(ready);
            daemonSet.getStatus().setNumberAvailable(ready);
            daemonSet.getStatus().setNumberUnavailable(ready >= desired ? null : desired - ready);
            store.replaceStatus(daemonSet);
        }
    }

    /** Recreates an evicted agent pod from its owner's current template, on the same node. */
    private void replace(Pod evicted) {
        if (evicted.getMetadata().getOwnerReferences() == null
                || evicted.getMetadata().getOwnerReferences().isEmpty()) {
            return;
        }
        String ownerKind = evicted.getMetadata().getOwnerReferences().get(0).getKind();
        String ownerName = evicted.getMetadata().getOwnerReferences().get(0).getName();
        String ownerPath = "/apis/apps/v1/namespaces/" + AksObjects.KUBE_SYSTEM + "/"
                + ("ReplicaSet".equals(ownerKind) ? "replicasets/" : "daemonsets/") + ownerName;
        Class<? extends HasMetadata> ownerType = "ReplicaSet".equals(ownerKind) ? ReplicaSet.class : DaemonSet.class;
        Optional<? extends HasMetadata> owner = store.get(ownerPath, ownerType);
        if (owner.isEmpty()) {
            return;
        }
        Map<String, String> labels = evicted.getMetadata().getLabels();
        String hash = labels.getOrDefault("pod-template-hash", labels.getOrDefault("controller-revision-hash", ""));
        store.create(newPod(owner.get(), template(owner.get()), hash, node(evicted), loadSecret()));
    }

    private Pod newPod(
            HasMetadata owner, PodTemplateSpec template, String hash, AksObjects.Node node, LoadedCertificate loaded) {
        Map<String, String> annotations = agent.usesCertificate() ? loaded.annotations() : Map.of();
        return agent.pod(owner, template, hash, node, scenario.clock().instant(), annotations, agentsBecomeReady);
    }

    private boolean disruptionAllowed(Pod pod) {
        for (PodDisruptionBudget budget : store.list(
                "/apis/policy/v1/namespaces/" + pod.getMetadata().getNamespace() + "/poddisruptionbudgets",
                PodDisruptionBudget.class)) {
            Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
            if (budget.getSpec().getMinAvailable() == null
                    || !pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            long ready = store.list(labelled(Pod.class, budget.getSpec().getSelector()), Pod.class).stream()
                    .filter(AgentWorkload::isReady)
                    .count();
            if (ready - 1 < budget.getSpec().getMinAvailable().getIntVal()) {
                return false;
            }
        }
        return true;
    }

    private void deleteAgentPods(LabelSelector selector) {
        store.list(labelled(Pod.class, selector), Pod.class).forEach(store::delete);
    }

    private LoadedCertificate loadSecret() {
        Secret secret = store.get(
                        "/api/v1/namespaces/" + AksObjects.KUBE_SYSTEM + "/secrets/" + AksObjects.SECRET, Secret.class)
                .orElse(null);
        return LoadedCertificate.fromSecret(secret, clusterCa);
    }

    private List<AksObjects.Node> nodes() {
        List<Node> nodes = store.list("/api/v1/nodes", Node.class);
        if (nodes.isEmpty()) {
            return List.of(new AksObjects.Node(AksObjects.nodeName(0), 0));
        }
        return nodes.stream()
                .map(node -> node.getMetadata().getName())
                .sorted()
                .map(name -> new AksObjects.Node(name, AksObjects.nodeIndex(name)))
                .toList();
    }

    private static AksObjects.Node node(Pod pod) {
        String name = pod.getSpec().getNodeName() == null
                ? AksObjects.nodeName(0)
                : pod.getSpec().getNodeName();
        return new AksObjects.Node(name, AksObjects.nodeIndex(name));
    }

    private static PodTemplateSpec template(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate();
        }
        if (workload instanceof ReplicaSet replicaSet) {
            return replicaSet.getSpec().getTemplate();
        }
        return ((DaemonSet) workload).getSpec().getTemplate();
    }

    private static String labelled(Class<? extends HasMetadata> type, LabelSelector selector) {
        return labelled(type, selector.getMatchLabels());
    }

    private static String labelled(Class<? extends HasMetadata> type, Map<String, String> matchLabels) {
        String collection = type == Pod.class
                ? PODS
                : "/apis/apps/v1/namespaces/" + AksObjects.KUBE_SYSTEM + "/" + HasMetadata.getPlural(type);
        String labels = matchLabels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .sorted()
                .collect(Collectors.joining(","));
        return collection + "?labelSelector=" + URLEncoder.encode(labels, StandardCharsets.UTF_8);
    }

    private static String podPath(String name) {
        return PODS + "/" + name;
    }
}
