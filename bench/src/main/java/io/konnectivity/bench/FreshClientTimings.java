package io.konnectivity.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.konnectivity.check.AgentNames;
import io.konnectivity.cluster.KubernetesClients;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The requests of a check, each timed on its own, on a client built for the check: first a plain fabric8 client (the
 * first request pays the connection's TLS handshake, the first read of each kind pays the client's own JSON set-up,
 * and small HTTP/2 writes wait on delayed acknowledgements), then one sharing a JSON serialization, then the client
 * core opens ({@link KubernetesClients}: shared serialization, key from memory, no send delay). fabric8's
 * {@code getLog()} first waits for the pod to be ready; the raw GET is how core reads the log line.
 */
final class FreshClientTimings {

    private static final List<String> COLUMNS =
            List.of("build", "Secret (+TLS)", "Deployment", "pod list", "getLog()", "raw log GET", "version", "close");

    private final Supplier<Config> config;
    private final AgentNames names = AgentNames.DEFAULT;

    /** @param config a new configuration of the cluster on every call */
    FreshClientTimings(Supplier<Config> config) {
        this.config = config;
    }

    void print(int warmup, int iterations, PrintStream out) {
        KubernetesSerialization shared = new KubernetesSerialization();
        Map<String, Supplier<KubernetesClient>> clients = new LinkedHashMap<>();
        KubernetesClients core = new KubernetesClients(shared);
        clients.put(
                "plain fabric8 client per check",
                () -> new KubernetesClientBuilder().withConfig(config.get()).build());
        clients.put(
                "  with a shared KubernetesSerialization",
                () -> new KubernetesClientBuilder()
                        .withConfig(config.get())
                        .withKubernetesSerialization(shared)
                        .build());
        clients.put(
                "core's client (KubernetesClients)",
                () -> core.open(config.get()).client());
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
