package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The pod log endpoint, which the CRUD store does not serve. Logs are reached through the tunnel, so they fail with
 * the field's error texts while the certificate a pod loaded at start is expired.
 */
final class PodLogs {

    private static final Set<String> KUBELET_LOG_OPTIONS =
            Set.of("follow", "limitBytes", "previous", "sinceSeconds", "sinceTime", "tailLines", "timestamps");
    private static final DateTimeFormatter KLOG_TIME =
            DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String DEFAULT_NODE_IP = "10.224.0.4";

    private final KubernetesCrudDispatcher store;
    private final SandboxScenario scenario;

    PodLogs(KubernetesCrudDispatcher store, SandboxScenario scenario) {
        this.store = store;
        this.scenario = scenario;
    }

    MockResponse answer(ApiRequest request) {
        MockResponse stored = store.handleGet(request.objectPath());
        if (stored.code() != 200) {
            return ApiResponses.notFound(request);
        }
        Pod pod = Serialization.unmarshal(new String(stored.getBody().getBytes(), StandardCharsets.UTF_8), Pod.class);
        String container = request.query().getOrDefault("container", firstContainer(pod));

        if (tunnelDown(pod)) {
            return ApiResponses.internalError(tunnelError(pod, container, request.query()));
        }
        return ApiResponses.text(recentLines(request.query()));
    }

    private boolean tunnelDown(Pod pod) {
        return LoadedCertificate.of(pod).tunnelDownAt(scenario.clock().instant());
    }

    private String tunnelError(Pod pod, String container, Map<String, String> query) {
        String nodeIp = Optional.ofNullable(pod.getStatus())
                .map(status -> status.getHostIP())
                .orElse(DEFAULT_NODE_IP);
        String dial = "dial tcp " + nodeIp + ":10250: i/o timeout";
        return switch (scenario.tunnelError()) {
            case IO_TIMEOUT ->
                "Get \"https://" + nodeIp + ":10250/containerLogs/"
                        + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName() + "/" + container + kubeletQuery(query) + "\": " + dial;
            case DIAL_BACKEND -> "error dialing backend: " + dial;
            case NO_AGENT -> "No agent available";
        };
    }

    /** The log options the API server passes on to the kubelet, in the order Go's url.Values encodes them. */
    private static String kubeletQuery(Map<String, String> query) {
        String forwarded = query.entrySet().stream()
                .filter(option -> KUBELET_LOG_OPTIONS.contains(option.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(option -> option.getKey() + "=" + option.getValue())
                .collect(Collectors.joining("&"));
        return forwarded.isEmpty() ? "" : "?" + forwarded;
    }

    private String recentLines(Map<String, String> query) {
        Instant now = scenario.clock().instant();
        String serverId = UUID.nameUUIDFromBytes(scenario.clusterName().getBytes(StandardCharsets.UTF_8))
                .toString();
        List<String> lines = List.of(
                klog(now.minusSeconds(3600), "main.go:66] \"Starting Konnectivity agent\""),
                klog(now.minusSeconds(3599), "client.go:230] \"Start serving\" serverID=\"" + serverId + "\""),
                klog(
                        now.minusSeconds(7),
                        "client.go:374] \"Connected to proxy server\" serverID=\"" + serverId + "\""));
        int tail = tailLines(query, lines.size());
        return lines.subList(lines.size() - tail, lines.size()).stream()
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    private static String klog(Instant time, String message) {
        return "I" + KLOG_TIME.format(time) + "       1 " + message;
    }

    private static int tailLines(Map<String, String> query, int available) {
        try {
            int requested = Integer.parseInt(query.getOrDefault("tailLines", String.valueOf(available)));
            return Math.max(0, Math.min(requested, available));
        } catch (NumberFormatException e) {
            return available;
        }
    }

    private static String firstContainer(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
            return "konnectivity-agent";
        }
        Container first = pod.getSpec().getContainers().get(0);
        return first.getName();
    }
}
