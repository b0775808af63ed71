package io.konnectivity.azure;

import java.io.Serializable;

/**
 * One node pool of an AKS cluster.
 *
 * @param scaleSet the VM scale set behind the pool; null until the node resource group has been listed
 * @param mode {@code System} or {@code User}
 * @param osType {@code Linux} or {@code Windows}
 */
public record AksAgentPool(String name, String scaleSet, int count, String mode, String osType)
        implements Serializable {

    public AksAgentPool withScaleSet(String value) {
        return new AksAgentPool(name, value, count, mode, osType);
    }

    public boolean isLinux() {
        return osType == null || osType.equalsIgnoreCase("Linux");
    }

    /** {@code nodepool1 (System, 3 nodes, aks-nodepool1-12345678-vmss)}. */
    public String describe() {
        return name + " (" + mode + ", " + count + (count == 1 ? " node" : " nodes")
                + (scaleSet == null ? "" : ", " + scaleSet) + ")";
    }
}
