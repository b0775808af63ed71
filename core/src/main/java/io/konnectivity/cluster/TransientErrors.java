package io.konnectivity.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Tells an error worth retrying (throttling, a server hiccup, a lost connection) from one that is an answer. */
public final class TransientErrors {

    private TransientErrors() {}

    public static boolean isTransient(Throwable error) {
        if (!(error instanceof KubernetesClientException k8s)) {
            return false;
        }
        int code = k8s.getCode();
        return code <= 0 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
    }
}
