package io.konnectivity.azure;

/** A Resource Manager call konnectivity makes: the permission it needs and the least built-in role that grants it. */
public enum ArmAction {
    READ_CLUSTERS("Microsoft.ContainerService/managedClusters/read", "Reader", "reading"),
    LIST_USER_CREDENTIAL(
            "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
            "Azure Kubernetes Service Cluster User Role",
            "fetching the cluster user kubeconfig of"),
    LIST_ADMIN_CREDENTIAL(
            "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action",
            "Azure Kubernetes Service Cluster Admin Role",
            "fetching the cluster admin kubeconfig of"),
    ROTATE_CERTIFICATES(
            "Microsoft.ContainerService/managedClusters/rotateClusterCertificates/action",
            "Azure Kubernetes Service Contributor Role",
            "starting the certificate rotation of"),
    READ_SCALE_SETS("Microsoft.Compute/virtualMachineScaleSets/read", "Reader", "listing the VM scale sets of"),
    READ_SCALE_SET_VMS(
            "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/read", "Reader", "listing the nodes of"),
    RUN_COMMAND(
            "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action",
            "Virtual Machine Contributor",
            "running a command on");

    private final String permission;
    private final String role;
    private final String doing;

    ArmAction(String permission, String role, String doing) {
        this.permission = permission;
        this.role = role;
        this.doing = doing;
    }

    /** The Azure RBAC action, such as {@code Microsoft.ContainerService/managedClusters/read}. */
    public String permission() {
        return permission;
    }

    /** The least-privileged built-in role that grants {@link #permission()}. */
    public String role() {
        return role;
    }

    /** What the call does, worded to be followed by the object, such as {@code fetching ... of rg/aks-prod}. */
    public String doing() {
        return doing;
    }
}
