package io.konnectivity.azure;

import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.CredentialResult;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The AKS clusters Azure Resource Manager knows: their facts and their kubeconfigs. */
public final class AksClusters {

    private final ArmClients arm;

    public AksClusters(ArmClients arm) {
        this.arm = arm;
    }

    /** The clusters of a subscription that {@code filter} takes, listing one resource group only when it names one. */
    public List<AksClusterFacts> list(String subscription, AksClusterFilter filter) throws AzureAccessException {
        ManagedClustersClient clusters = arm.managedClusters(subscription);
        String resourceGroup = filter.resourceGroup();
        boolean oneGroup = resourceGroup != null && !resourceGroup.isBlank();
        try {
            List<AksClusterFacts> found = new ArrayList<>();
            for (ManagedClusterInner inner : oneGroup ? clusters.listByResourceGroup(resourceGroup) : clusters.list()) {
                AksClusterFacts facts = facts(subscription, inner);
                if (filter.matches(facts)) {
                    found.add(facts);
                }
            }
            return found;
        } catch (RuntimeException e) {
            String object = oneGroup
                    ? "the AKS clusters of resource group " + resourceGroup + " in subscription " + subscription
                    : "the AKS clusters of subscription " + subscription;
            throw AzureErrors.explain(
                    e, ArmAction.READ_CLUSTERS, object, arm.endpoint().url());
        }
    }

    public AksClusterFacts get(AksClusterId id) throws AzureAccessException {
        try {
            return facts(
                    id.subscription(),
                    arm.managedClusters(id.subscription()).getByResourceGroup(id.resourceGroup(), id.name()));
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e,
                    ArmAction.READ_CLUSTERS,
                    "AKS cluster " + id.shortName(),
                    arm.endpoint().url());
        }
    }

    /** The kubeconfig AKS hands out for the cluster, kept in memory. */
    public AksKubeconfig kubeconfig(AksClusterId id, CredentialScope scope) throws AzureAccessException {
        ManagedClustersClient clusters = arm.managedClusters(id.subscription());
        CredentialResultsInner results;
        try {
            results = scope == CredentialScope.ADMIN
                    ? clusters.listClusterAdminCredentials(id.resourceGroup(), id.name())
                    : clusters.listClusterUserCredentials(id.resourceGroup(), id.name());
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e, scope.action(), id.shortName(), arm.endpoint().url());
        }
        List<CredentialResult> kubeconfigs = results == null ? null : results.kubeconfigs();
        if (kubeconfigs == null || kubeconfigs.isEmpty() || kubeconfigs.get(0).value() == null) {
            throw new AzureAccessException(
                    "AKS returned no kubeconfig for " + id.shortName() + " ("
                            + scope.name().toLowerCase(java.util.Locale.ROOT) + " credentials); the cluster may have"
                            + " local accounts disabled: use Microsoft Entra ID credentials instead.",
                    200,
                    null);
        }
        return new AksKubeconfig(id, scope, kubeconfigs.get(0).value());
    }

    static AksClusterFacts facts(String subscription, ManagedClusterInner inner) {
        AksClusterId id = AksClusterId.fromResourceId(inner.id());
        boolean privateCluster = inner.apiServerAccessProfile() != null
                && Boolean.TRUE.equals(inner.apiServerAccessProfile().enablePrivateCluster());
        List<AksAgentPool> pools = new ArrayList<>();
        if (inner.agentPoolProfiles() != null) {
            for (ManagedClusterAgentPoolProfile profile : inner.agentPoolProfiles()) {
                pools.add(new AksAgentPool(
                        profile.name(),
                        null,
                        profile.count() == null ? 0 : profile.count(),
                        profile.mode() == null ? "User" : profile.mode().toString(),
                        profile.osType() == null ? "Linux" : profile.osType().toString()));
            }
        }
        return new AksClusterFacts(
                Objects.requireNonNullElse(subscription, id.subscription()),
                id.resourceGroup(),
                inner.name(),
                inner.location(),
                inner.currentKubernetesVersion() != null ? inner.currentKubernetesVersion() : inner.kubernetesVersion(),
                // ARM states it for every cluster; were it missing, AKS's default (enabled) is likelier than a
                // false alarm that AKS never rotates the certificates.
                !Boolean.FALSE.equals(inner.enableRbac()),
                inner.powerState() == null || inner.powerState().code() == null
                        ? "Running"
                        : inner.powerState().code().toString(),
                inner.provisioningState(),
                privateCluster,
                inner.nodeResourceGroup(),
                privateCluster && inner.privateFqdn() != null ? inner.privateFqdn() : inner.fqdn(),
                inner.tags(),
                pools);
    }
}
