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
    FILE("certificate file", false);

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
