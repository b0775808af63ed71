package io.konnectivity.cluster;

/** How the Konnectivity agent proves its identity to the konnectivity server. */
public enum AgentAuthentication {
    CLIENT_CERTIFICATE,
    SERVICE_ACCOUNT_TOKEN,
    UNKNOWN
}
