package io.konnectivity.sandbox.arm;

import io.konnectivity.sandbox.SandboxCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AKS cluster as the ARM emulator describes it, and the sandbox cluster whose API server, kubeconfig and
 * certificates stand behind it. Many emulated clusters may share one sandbox cluster. Start from {@link #builder}.
 *
 * @param provisioningState what ARM reports while no operation runs, such as {@code Succeeded}; an emulated rotation
 *     reports {@code RotatingClusterCertificates} while it runs
 * @param nodeCertificateNotAfter when the nodes' {@code apiserver.crt} expires; null for the agent certificate's date
 */
public record EmulatedCluster(
        String subscription,
        String resourceGroup,
        String name,
        String location,
        Map<String, String> tags,
        String kubernetesVersion,
        boolean rbacEnabled,
        boolean running,
        String provisioningState,
        boolean privateCluster,
        List<NodePool> pools,
        Instant nodeCertificateNotAfter,
        SandboxCluster sandbox) {

    public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

    /** A node pool: one VM scale set of {@code count} instances. */
    public record NodePool(String name, int count, String mode) {

        public NodePool {
            Objects.requireNonNull(name, "name");
            if (count < 0) {
                throw new IllegalArgumentException("A node pool has 0 or more nodes, not " + count);
            }
            Objects.requireNonNull(mode, "mode");
        }
    }

    public EmulatedCluster {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(provisioningState, "provisioningState");
        pools = List.copyOf(pools);
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** A running, RBAC-enabled public cluster in resource group {@code rg1} with one system pool of 3 nodes. */
    public static Builder builder(String name, SandboxCluster sandbox) {
        return new Builder(name, sandbox);
    }

    /** The node resource group AKS creates: {@code MC_<resource group>_<name>_<location>}. */
    public String nodeResourceGroup() {
        return "MC_" + resourceGroup + "_" + name + "_" + location;
    }

    /** The ARM resource id, spelt as ARM returns it. */
    public String id() {
        return "/subscriptions/" + subscription + "/resourcegroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    /** The scale set AKS names after a pool: {@code aks-<pool>-<8 digits>-vmss}, the digits fixed per cluster. */
    public String scaleSetName(NodePool pool) {
        return String.format("aks-%s-%08d-vmss", pool.name(), Math.floorMod(id().hashCode(), 100_000_000));
    }

    /** When the nodes' API server certificate expires. */
    public Instant nodeCertificateExpiry() {
        return nodeCertificateNotAfter != null
                ? nodeCertificateNotAfter
                : sandbox.agentCertificate().certificate().getNotAfter().toInstant();
    }

    /** Builds an {@link EmulatedCluster}; every field starts at the default. */
    public static final class Builder {
        private final String name;
        private final SandboxCluster sandbox;
        private String subscription = DEFAULT_SUBSCRIPTION;
        private String resourceGroup = "rg1";
        private String location = "westeurope";
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String kubernetesVersion;
        private boolean rbacEnabled = true;
        private boolean running = true;
        private String provisioningState = "Succeeded";
        private boolean privateCluster;
        private final List<NodePool> pools = new ArrayList<>();
        private Instant nodeCertificateNotAfter;

        private Builder(String name, SandboxCluster sandbox) {
            this.name = name;
            this.sandbox = sandbox;
            this.kubernetesVersion = sandbox.scenario().kubernetesVersion();
        }

        public Builder subscription(String value) {
            this.subscription = value;
            return this;
        }

        public Builder resourceGroup(String value) {
            this.resourceGroup = value;
            return this;
        }

        public Builder location(String value) {
            this.location = value;
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Builder kubernetesVersion(String value) {
            this.kubernetesVersion = value;
            return this;
        }

        public Builder rbacEnabled(boolean value) {
            this.rbacEnabled = value;
            return this;
        }

        public Builder stopped() {
            this.running = false;
            return this;
        }

        public Builder provisioningState(String value) {
            this.provisioningState = value;
            return this;
        }

        public Builder privateCluster(boolean value) {
            this.privateCluster = value;
            return this;
        }

        public Builder pool(String poolName, int count, String mode) {
            pools.add(new NodePool(poolName, count, mode));
            return this;
        }

        public Builder nodeCertificateNotAfter(Instant value) {
            this.nodeCertificateNotAfter = value;
            return this;
        }

        public EmulatedCluster build() {
            List<NodePool> chosen = pools.isEmpty() ? List.of(new NodePool("nodepool1", 3, "System")) : pools;
            return new EmulatedCluster(
                    subscription,
                    resourceGroup,
                    name,
                    location,
                    tags,
                    kubernetesVersion,
                    rbacEnabled,
                    running,
                    provisioningState,
                    privateCluster,
                    chosen,
                    nodeCertificateNotAfter,
                    sandbox);
        }
    }
}
