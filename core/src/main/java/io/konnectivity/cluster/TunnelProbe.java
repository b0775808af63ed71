package io.konnectivity.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/**
 * Proves the tunnel carries traffic by fetching the last log line of a running agent pod: the API server reaches the
 * node's kubelet for it, and on AKS that call travels through the Konnectivity tunnel.
 */
public final class TunnelProbe {

    private TunnelProbe() {}

    public static TunnelState probe(KubernetesClient client, String namespace, AgentWorkloadReader.Found workload) {
        if (workload.selector().isEmpty()) {
            return new TunnelState.NotProbed(
                    workload.kind() + " " + namespace + "/" + workload.name() + " has no label selector.");
        }
        Optional<Pod> pod =
                client.pods().inNamespace(namespace).withLabels(workload.selector()).list().getItems().stream()
                        .filter(TunnelProbe::isRunning)
                        .min(Comparator.comparing(
                                candidate -> candidate.getMetadata().getName()));
        if (pod.isEmpty()) {
            return new TunnelState.NotProbed("no running agent pod of " + workload.kind() + " " + namespace + "/"
                    + workload.name() + " to read a log from.");
        }
        String name = pod.get().getMetadata().getName();
        try {
            String log = client.raw(logPath(namespace, name, workload.containerName()), "GET", null);
            String lastLine =
                    log == null ? "" : log.strip().lines().reduce((a, b) -> b).orElse("");
            return new TunnelState.Up(name, lastLine);
        } catch (KubernetesClientException e) {
            String text = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : ClusterErrors.oneLine(e);
            return TunnelErrors.isTunnelDown(text)
                    ? new TunnelState.Down(name, text)
                    : new TunnelState.Unknown(name, text);
        }
    }

    /**
     * The log subresource, asked for directly: fabric8's log call first waits for the pod to be ready through an
     * informer (a list and a watch), which a running pod does not need and which costs more than the log itself.
     */
    static String logPath(String namespace, String pod, String container) {
        StringBuilder path = new StringBuilder("/api/v1/namespaces/")
                .append(encode(namespace))
                .append("/pods/")
                .append(encode(pod))
                .append("/log?tailLines=1");
        if (container != null && !container.isBlank()) {
            path.append("&container=").append(encode(container));
        }
        return path.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isRunning(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    }
}
