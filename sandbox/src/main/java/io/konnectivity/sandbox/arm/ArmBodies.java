package io.konnectivity.sandbox.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies ARM answers with, in the shapes of the azure-rest-api-specs examples for Microsoft.ContainerService
 * 2025-05-01 and Microsoft.Compute 2024-11-01.
 */
final class ArmBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArmBodies() {}

    static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An emulator body does not serialise", e);
        }
    }

    static Map<String, Object> managedCluster(EmulatedCluster cluster, String provisioningState) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("provisioningState", provisioningState);
        properties.put("powerState", Map.of("code", cluster.running() ? "Running" : "Stopped"));
        properties.put("maxAgentPools", 100);
        properties.put("kubernetesVersion", cluster.kubernetesVersion());
        properties.put("currentKubernetesVersion", cluster.kubernetesVersion());
        properties.put("dnsPrefix", cluster.name() + "-dns");
        String host = cluster.name() + "-dns-abcd1234";
        if (cluster.privateCluster()) {
            properties.put("privateFQDN", host + ".privatelink." + cluster.location() + ".azmk8s.io");
            properties.put("apiServerAccessProfile", Map.of("enablePrivateCluster", true));
        } else {
            properties.put("fqdn", host + ".hcp." + cluster.location() + ".azmk8s.io");
        }
        properties.put("agentPoolProfiles", agentPools(cluster));
        properties.put("nodeResourceGroup", cluster.nodeResourceGroup());
        properties.put("enableRBAC", cluster.rbacEnabled());
        properties.put(
                "networkProfile",
                Map.of(
                        "networkPlugin", "kubenet",
                        "podCidr", "10.244.0.0/16",
                        "serviceCidr", "10.0.0.0/16",
                        "dnsServiceIP", "10.0.0.10"));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", cluster.id());
        body.put("location", cluster.location());
        body.put("name", cluster.name());
        body.put("tags", cluster.tags());
        body.put("type", "Microsoft.ContainerService/ManagedClusters");
        body.put("properties", properties);
        return body;
    }

    private static List<Map<String, Object>> agentPools(EmulatedCluster cluster) {
        List<Map<String, Object>> pools = new ArrayList<>();
        for (EmulatedCluster.NodePool pool : cluster.pools()) {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("name", pool.name());
            profile.put("count", pool.count());
            profile.put("vmSize", "Standard_DS2_v2");
            profile.put("maxPods", 110);
            profile.put("osType", "Linux");
            profile.put("type", "VirtualMachineScaleSets");
            profile.put("mode", pool.mode());
            profile.put("provisioningState", "Succeeded");
            profile.put("powerState", Map.of("code", cluster.running() ? "Running" : "Stopped"));
            profile.put("orchestratorVersion", cluster.kubernetesVersion());
            profile.put("currentOrchestratorVersion", cluster.kubernetesVersion());
            pools.add(profile);
        }
        return pools;
    }

    /** A page of a list: {@code value} and, when more follow, {@code nextLink}. */
    static Map<String, Object> page(List<?> values, String nextLink) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", values);
        if (nextLink != null) {
            body.put("nextLink", nextLink);
        }
        return body;
    }

    /** The answer of listClusterUserCredential and listClusterAdminCredential: base64 kubeconfigs. */
    static Map<String, Object> credentialResults(String credentialName, String kubeconfig) {
        String value = Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8));
        return Map.of("kubeconfigs", List.of(Map.of("name", credentialName, "value", value)));
    }

    static Map<String, Object> scaleSet(EmulatedCluster cluster, EmulatedCluster.NodePool pool, String subscription) {
        String name = cluster.scaleSetName(pool);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "id",
                "/subscriptions/" + subscription + "/resourceGroups/" + cluster.nodeResourceGroup()
                        + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + name);
        body.put("name", name);
        body.put("type", "Microsoft.Compute/virtualMachineScaleSets");
        body.put("location", cluster.location());
        body.put(
                "tags",
                Map.of(
                        "aks-managed-poolName",
                        pool.name(),
                        "aks-managed-orchestrator",
                        "Kubernetes:" + cluster.kubernetesVersion()));
        body.put("sku", Map.of("name", "Standard_DS2_v2", "tier", "Standard", "capacity", pool.count()));
        body.put("properties", Map.of("provisioningState", "Succeeded", "orchestrationMode", "Uniform"));
        return body;
    }

    static Map<String, Object> scaleSetVm(String scaleSetId, String scaleSetName, String location, int instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", scaleSetId + "/virtualMachines/" + instance);
        body.put("name", scaleSetName + "_" + instance);
        body.put("type", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines");
        body.put("location", location);
        body.put("instanceId", String.valueOf(instance));
        body.put("properties", Map.of("latestModelApplied", true, "provisioningState", "Succeeded"));
        return body;
    }

    /** The status resource an {@code Azure-AsyncOperation} URL answers with. */
    static Map<String, Object> asyncOperation(String id, String status, String startTime, String endTime) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", id);
        body.put("status", status);
        body.put("startTime", startTime);
        if (endTime != null) {
            body.put("endTime", endTime);
        }
        return body;
    }

    /** A Linux RunShellScript result: one status whose message wraps stdout and stderr. */
    static Map<String, Object> runCommandResult(String stdout, String stderr) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("code", "ProvisioningState/succeeded");
        status.put("level", "Info");
        status.put("displayStatus", "Provisioning succeeded");
        status.put("message", "Enable succeeded: \n[stdout]\n" + stdout + "\n[stderr]\n" + stderr);
        return Map.of("value", List.of(status));
    }

    static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }
}
