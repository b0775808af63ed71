package io.konnectivity.azure;

/** Which kubeconfig AKS hands out: the cluster user's or the cluster admin's. */
public enum CredentialScope {
    /** {@code listClusterUserCredential}: role Azure Kubernetes Service Cluster User Role. */
    USER(ArmAction.LIST_USER_CREDENTIAL),
    /** {@code listClusterAdminCredential}: role Azure Kubernetes Service Cluster Admin Role. */
    ADMIN(ArmAction.LIST_ADMIN_CREDENTIAL);

    private final ArmAction action;

    CredentialScope(ArmAction action) {
        this.action = action;
    }

    public ArmAction action() {
        return action;
    }
}
