package io.konnectivity.check;

/** Why a certificate matters to the cluster, which decides what is checked about it. */
public enum CertificateRole {
    AGENT_CLIENT("Konnectivity agent client certificate", true),
    AGENT_CA("Konnectivity agent CA", false),
    API_SERVER_SERVING("API server serving certificate", false),
    API_SERVER_CHAIN("API server chain certificate", false),
    KUBECONFIG_CA("kubeconfig cluster CA", false),
    KUBECONFIG_CLIENT("kubeconfig client certificate", true),
    SCANNED("certificate found in a Secret", false),
    FILE("certificate file", false),
    NODE_SERVING("node API server certificate", false),
    NODE_CA("node cluster CA", false),
    /*
     * Client authentication is not required of it: a node's certificates are known only by the summary openssl prints
     * there, which holds no extended key usages, so requiring one would make every kubelet certificate INVALID.
     */
    KUBELET_CLIENT("kubelet client certificate", false);

    private final String label;
    private final boolean requiresClientAuth;

    CertificateRole(String label, boolean requiresClientAuth) {
        this.label = label;
        this.requiresClientAuth = requiresClientAuth;
    }

    public String label() {
        return label;
    }

    public boolean requiresClientAuth() {
        return requiresClientAuth;
    }
}
