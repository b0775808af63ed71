package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** An open client to one cluster, with the server and context it was opened for. */
public record ClusterConnection(KubernetesClient client, String server, String context) implements AutoCloseable {

    /** Opens a client for {@code target} whose calls fail after {@code timeout} instead of retrying. */
    public static ClusterConnection open(ClusterTarget target, Duration timeout) throws ClusterAccessException {
        return open(KubeconfigFile.load(target.kubeconfig()), target.context(), timeout);
    }

    /** Opens a client through a kubeconfig already read, such as one held in memory only. */
    public static ClusterConnection open(KubeconfigFile kubeconfig, String context, Duration timeout)
            throws ClusterAccessException {
        String chosen = kubeconfig.requireContext(context);
        var config = kubeconfig.clientConfig(chosen, timeout);
        String server = KubeconfigFile.withoutTrailingSlash(config.getMasterUrl());
        return new ClusterConnection(new KubernetesClients().open(config).client(), server, chosen);
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
