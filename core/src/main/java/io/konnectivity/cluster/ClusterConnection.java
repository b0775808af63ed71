package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/** An open client to one cluster, with the server and context it was opened for. */
public record ClusterConnection(KubernetesClient client, String server, String context) implements AutoCloseable {

    /** Opens a client for {@code target} whose calls fail after {@code timeout} instead of retrying. */
    public static ClusterConnection open(ClusterTarget target, Duration timeout) throws ClusterAccessException {
        KubeconfigFile kubeconfig = KubeconfigFile.load(target.kubeconfig());
        String context = kubeconfig.requireContext(target.context());
        var config = kubeconfig.clientConfig(context, timeout);
        return new ClusterConnection(
                new KubernetesClientBuilder().withConfig(config).build(),
                KubeconfigFile.withoutTrailingSlash(config.getMasterUrl()),
                context);
    }

    /** One line for a failed call, naming the server, the credential and what was being done. */
    public String describe(Throwable error, String action) {
        return ClusterErrors.describe(error, server, context, action);
    }

    @Override
    public void close() {
        client.close();
    }
}
