package io.konnectivity.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Clients built from a written kubeconfig, the way the tool under test builds them. */
final class Kubeconfigs {

    private Kubeconfigs() {}

    static KubernetesClient clientFor(Path kubeconfig) {
        return clientFor(kubeconfig, null);
    }

    static KubernetesClient clientFor(Path kubeconfig, String context) {
        return new KubernetesClientBuilder()
                .withConfig(config(kubeconfig, context))
                .build();
    }

    /**
     * A client that fails at once: fabric8 retries refused connections and 5xx answers ten times with a growing
     * backoff, some 20 seconds in all, unless told not to.
     */
    static KubernetesClient clientWithoutRetries(Path kubeconfig) {
        Config config = new ConfigBuilder(config(kubeconfig, null))
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    // The form the tool itself uses: the kubeconfig's text, and its path for resolving relative file references.
    @SuppressWarnings("removal")
    static Config config(Path kubeconfig, String context) {
        try {
            return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
