package io.konnectivity.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Finds the agent's Deployment or DaemonSet and reads how many run and how they authenticate. */
public final class AgentWorkloadReader {

    private static final Map<String, String> AKS_LABELS = Map.of("app", "konnectivity-agent");
    private static final Map<String, String> UPSTREAM_LABELS = Map.of("k8s-app", "konnectivity-agent");

    private AgentWorkloadReader() {}

    /** The agent workload named {@code name} in {@code namespace}, or else the one carrying the usual labels. */
    public static Optional<Found> find(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (deployment == null) {
            deployment =
                    client.apps().deployments().inNamespace(namespace).withLabels(AKS_LABELS).list().getItems().stream()
                            .filter(candidate ->
                                    !candidate.getMetadata().getName().endsWith("-autoscaler"))
                            .findFirst()
                            .orElse(null);
        }
        if (deployment != null) {
            int ready = deployment.getStatus() == null
                    ? 0
                    : zeroIfNull(deployment.getStatus().getReadyReplicas());
            return Optional.of(new Found(
                    "Deployment",
                    deployment.getMetadata().getName(),
                    zeroIfNull(deployment.getSpec().getReplicas()),
                    ready,
                    deployment.getSpec().getTemplate(),
                    selector(deployment.getSpec().getSelector())));
        }
        DaemonSet daemonSet =
                client.apps().daemonSets().inNamespace(namespace).withName(name).get();
        if (daemonSet == null) {
            daemonSet =
                    client
                            .apps()
                            .daemonSets()
                            .inNamespace(namespace)
                            .withLabels(UPSTREAM_LABELS)
                            .list()
                            .getItems()
                            .stream()
                            .findFirst()
                            .orElse(null);
        }
        if (daemonSet == null) {
            return Optional.empty();
        }
        var status = daemonSet.getStatus();
        return Optional.of(new Found(
                "DaemonSet",
                daemonSet.getMetadata().getName(),
                status == null ? 0 : zeroIfNull(status.getDesiredNumberScheduled()),
                status == null ? 0 : zeroIfNull(status.getNumberReady()),
                daemonSet.getSpec().getTemplate(),
                selector(daemonSet.getSpec().getSelector())));
    }

    /**
     * How the agent authenticates, read from its containers' arguments and its volumes: a service-account token path
     * means a token; certificate arguments or the certificate Secret as a volume mean a client certificate.
     */
    public static AgentAuthentication authentication(PodTemplateSpec template, String certificateSecret) {
        List<String> arguments = new ArrayList<>();
        for (Container container : template.getSpec().getContainers()) {
            if (container.getCommand() != null) {
                arguments.addAll(container.getCommand());
            }
            if (container.getArgs() != null) {
                arguments.addAll(container.getArgs());
            }
        }
        if (arguments.stream().anyMatch(argument -> argument.startsWith("--service-account-token-path"))) {
            return AgentAuthentication.SERVICE_ACCOUNT_TOKEN;
        }
        boolean certificateArguments = arguments.stream()
                .anyMatch(argument -> argument.startsWith("--agent-cert") || argument.startsWith("--agent-key"));
        if (certificateArguments
                || mountedSecret(template).filter(certificateSecret::equals).isPresent()) {
            return AgentAuthentication.CLIENT_CERTIFICATE;
        }
        return AgentAuthentication.UNKNOWN;
    }

    /** The Secret mounted as a volume into the agent pods, if any. */
    public static Optional<String> mountedSecret(PodTemplateSpec template) {
        List<Volume> volumes = template.getSpec().getVolumes();
        if (volumes == null) {
            return Optional.empty();
        }
        return volumes.stream()
                .map(Volume::getSecret)
                .filter(Objects::nonNull)
                .map(secret -> secret.getSecretName())
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static Map<String, String> selector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null || selector.getMatchLabels() == null) {
            return Map.of();
        }
        return Map.copyOf(selector.getMatchLabels());
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }

    /** A workload as found, with what the checks need from its spec. */
    public record Found(
            String kind, String name, int desired, int ready, PodTemplateSpec template, Map<String, String> selector) {

        public AgentWorkload describe(String namespace, String certificateSecret, String secretMode) {
            return new AgentWorkload(
                    kind,
                    namespace,
                    name,
                    desired,
                    ready,
                    authentication(template, certificateSecret),
                    mountedSecret(template).orElse(null),
                    secretMode);
        }

        /** The name of the agent container: the one named like the workload, or else the first. */
        public String containerName() {
            List<Container> containers = template.getSpec().getContainers();
            return containers.stream()
                    .map(Container::getName)
                    .filter(name()::equals)
                    .findFirst()
                    .orElse(containers.get(0).getName());
        }
    }
}
