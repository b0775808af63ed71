package io.konnectivity.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.konnectivity.check.AgentNames;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The requests of a check, each timed on its own, on a client built for the check as core builds one: the first
 * request pays the connection's TLS handshake, the first read of each kind pays the client's own JSON set-up, and
 * fabric8's {@code getLog()} first waits for the pod to be ready. Then the same with one JSON serialization shared by
 * every client, and the log read with a plain GET.
 */
final class FreshClientTimings {

    private static final List<String> COLUMNS =
            List.of("build", "Secret (+TLS)", "Deployment", "pod list", "getLog()", "raw log GET", "version", "close");

    private final Config config;
    private final AgentNames names = AgentNames.DEFAULT;

    FreshClientTimings(Config config) {
        this.config = config;
    }

    void print(int warmup, int iterations, PrintStream out) {
        KubernetesSerialization shared = new KubernetesSerialization();
        Map<String, Supplier<KubernetesClient>> clients = new LinkedHashMap<>();
        clients.put(
                "new client per check (core today)",
                () -> new KubernetesClientBuilder().withConfig(config).build());
        clients.put(
                "  with a shared KubernetesSerialization",
                () -> new KubernetesClientBuilder()
                        .withConfig(config)
                        .withKubernetesSerialization(shared)
                        .build());
        out.printf(Locale.ROOT, "each request of a check on a fresh client, median of %d (ms):%n", iterations);
        out.printf(Locale.ROOT, "  %-40s", "");
        COLUMNS.forEach(column -> out.printf(Locale.ROOT, " %13s", column));
        out.println();
        for (Map.Entry<String, Supplier<KubernetesClient>> client : clients.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                once(client.getValue());
            }
            List<List<Long>> nanos = new ArrayList<>();
            COLUMNS.forEach(column -> nanos.add(new ArrayList<>()));
            for (int i = 0; i < iterations; i++) {
                long[] times = once(client.getValue());
                for (int column = 0; column < times.length; column++) {
                    nanos.get(column).add(times[column]);
                }
            }
            out.printf(Locale.ROOT, "  %-40s", client.getKey());
            nanos.forEach(column ->
                    out.printf(Locale.ROOT, " %13.2f", Samples.ofNanos(column).medianMillis()));
            out.println();
        }
    }

    private long[] once(Supplier<KubernetesClient> clients) {
        long[] marks = new long[COLUMNS.size() + 1];
        int mark = 0;
        marks[mark++] = System.nanoTime();
        KubernetesClient client = clients.get();
        marks[mark++] = System.nanoTime();
        client.secrets().inNamespace(names.namespace()).withName(names.secret()).get();
        marks[mark++] = System.nanoTime();
        client.apps()
                .deployments()
                .inNamespace(names.namespace())
                .withName(names.workload())
                .get();
        marks[mark++] = System.nanoTime();
        Pod pod = client.pods()
                .inNamespace(names.namespace())
                .withLabel("app", names.workload())
                .list()
                .getItems()
                .get(0);
        marks[mark++] = System.nanoTime();
        String container = pod.getSpec().getContainers().get(0).getName();
        client.pods()
                .inNamespace(names.namespace())
                .withName(pod.getMetadata().getName())
                .inContainer(container)
                .tailingLines(1)
                .getLog();
        marks[mark++] = System.nanoTime();
        client.raw(client.getMasterUrl() + "api/v1/namespaces/" + names.namespace() + "/pods/"
                + pod.getMetadata().getName() + "/log?container=" + container + "&tailLines=1");
        marks[mark++] = System.nanoTime();
        client.getKubernetesVersion();
        marks[mark++] = System.nanoTime();
        client.close();
        marks[mark] = System.nanoTime();
        long[] took = new long[COLUMNS.size()];
        for (int i = 0; i < took.length; i++) {
            took[i] = marks[i + 1] - marks[i];
        }
        return took;
    }
}
