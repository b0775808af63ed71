package io.konnectivity.cluster;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One cluster to check: a context of a kubeconfig file.
 *
 * @param name how reports name the cluster (the context name, unless given otherwise)
 * @param context the kubeconfig context; null for the file's current context
 */
public record ClusterTarget(String name, Path kubeconfig, String context) implements Serializable {

    @Override
    public String toString() {
        return name + " (" + kubeconfig + (context == null ? "" : ", context " + context) + ")";
    }
}
