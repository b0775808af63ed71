package io.konnectivity.rotate;

/** How a rotation renews the agent certificate. */
public enum RotationMode {
    /** The API server signs a new agent certificate through the CSR API; no downtime. */
    CSR,
    /** AKS's own rotation of every cluster certificate; recreates every node, with downtime. */
    FULL,
    /** Puts a backup's agent data back into the Secret and restarts the agents. */
    RESTORE
}
