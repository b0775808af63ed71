package io.konnectivity.azure;

import java.io.Serializable;
import java.util.Objects;

/** Names one AKS cluster: subscription, resource group and cluster name. */
public record AksClusterId(String subscription, String resourceGroup, String name) implements Serializable {

    public AksClusterId {
        Objects.requireNonNull(subscription, "subscription");
        requireName(resourceGroup, "resource group");
        requireName(name, "cluster name");
    }

    /** Reads {@code RESOURCE_GROUP/NAME}, the form the command line takes, in {@code subscription}. */
    public static AksClusterId parse(String subscription, String resourceGroupAndName) {
        String[] parts = resourceGroupAndName.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("An AKS cluster is named RESOURCE_GROUP/NAME, such as rg-prod/aks-prod,"
                    + " but was '" + resourceGroupAndName + "'.");
        }
        return new AksClusterId(subscription, parts[0], parts[1]);
    }

    /** Reads an ARM resource id such as {@code /subscriptions/S/resourcegroups/RG/providers/.../managedClusters/N}. */
    public static AksClusterId fromResourceId(String id) {
        String[] parts = id.split("/");
        String subscription = null;
        String resourceGroup = null;
        for (int i = 1; i + 1 < parts.length; i += 2) {
            if (parts[i].equalsIgnoreCase("subscriptions")) {
                subscription = parts[i + 1];
            } else if (parts[i].equalsIgnoreCase("resourceGroups")) {
                resourceGroup = parts[i + 1];
            }
        }
        if (subscription == null || resourceGroup == null) {
            throw new IllegalArgumentException("Not an AKS cluster resource id: " + id);
        }
        return new AksClusterId(subscription, resourceGroup, parts[parts.length - 1]);
    }

    /** {@code resourceGroup/name}, how reports name the cluster. */
    public String shortName() {
        return resourceGroup + "/" + name;
    }

    @Override
    public String toString() {
        return shortName() + " (subscription " + subscription + ")";
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An AKS cluster needs a " + what + ".");
        }
    }
}
