package io.konnectivity.azure;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Azure Resource Manager says about an AKS cluster that matters to its certificates.
 *
 * @param rbacEnabled {@code enableRBAC}: AKS rotates the cluster certificates automatically only when it is true
 * @param powerState {@code Running} or {@code Stopped}
 * @param provisioningState such as {@code Succeeded}, {@code Updating} or {@code RotatingClusterCertificates}
 * @param fqdn the API server host; for a private cluster its private FQDN
 */
public record AksClusterFacts(
        String subscription,
        String resourceGroup,
        String name,
        String location,
        String kubernetesVersion,
        boolean rbacEnabled,
        String powerState,
        String provisioningState,
        boolean privateCluster,
        String nodeResourceGroup,
        String fqdn,
        Map<String, String> tags,
        List<AksAgentPool> agentPools)
        implements Serializable {

    public static final String ROTATING = "RotatingClusterCertificates";

    public AksClusterFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        agentPools = List.copyOf(agentPools);
    }

    public AksClusterId id() {
        return new AksClusterId(subscription, resourceGroup, name);
    }

    /** The API server as reports name it before a kubeconfig says otherwise; empty when ARM gives no FQDN. */
    public String serverUrl() {
        return fqdn == null ? "" : "https://" + fqdn + ":443";
    }

    public boolean isStopped() {
        return "Stopped".equalsIgnoreCase(powerState);
    }

    public boolean isRotatingCertificates() {
        return ROTATING.equalsIgnoreCase(provisioningState);
    }

    public AksClusterFacts withAgentPools(List<AksAgentPool> pools) {
        return new AksClusterFacts(
                subscription,
                resourceGroup,
                name,
                location,
                kubernetesVersion,
                rbacEnabled,
                powerState,
                provisioningState,
                privateCluster,
                nodeResourceGroup,
                fqdn,
                tags,
                pools);
    }

    /** The facts as a check result's {@code facts} map, every key prefixed {@code azure.}. */
    public Map<String, String> asReportFacts() {
        Map<String, String> facts = new TreeMap<>();
        facts.put("azure.subscription", subscription);
        facts.put("azure.resourceGroup", resourceGroup);
        facts.put("azure.name", name);
        facts.put("azure.location", location);
        facts.put("azure.kubernetesVersion", String.valueOf(kubernetesVersion));
        facts.put("azure.rbacEnabled", String.valueOf(rbacEnabled));
        facts.put("azure.powerState", String.valueOf(powerState));
        facts.put("azure.provisioningState", String.valueOf(provisioningState));
        facts.put("azure.privateCluster", String.valueOf(privateCluster));
        facts.put("azure.nodeResourceGroup", String.valueOf(nodeResourceGroup));
        if (fqdn != null) {
            facts.put("azure.fqdn", fqdn);
        }
        facts.put(
                "azure.agentPools",
                agentPools.stream().map(AksAgentPool::describe).collect(Collectors.joining("; ")));
        return facts;
    }
}
