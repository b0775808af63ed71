package io.konnectivity.azure;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.ClusterChecker;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.cluster.ClusterAccessException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks one AKS cluster: fetches its kubeconfig from ARM, checks it like any cluster with the kubeconfig held in
 * memory only (it never reaches the disk), adds what ARM's facts mean, and, when asked, its nodes' certificate files. Never
 * throws for a cluster problem: what went wrong is the result.
 */
public final class AksClusterCheck {

    private final AksClusters clusters;
    private final NodeCertificates nodes;
    private final ClusterChecker checker;
    private final Clock clock;
    private final AzureListener listener;

    public AksClusterCheck(ArmClients arm, Clock clock, AzureListener listener) {
        this.clusters = new AksClusters(arm);
        this.nodes = new NodeCertificates(arm, clock, listener);
        this.checker = new ClusterChecker(clock, listener);
        this.clock = clock;
        this.listener = listener;
    }

    /** Reads the cluster's facts from ARM first, then checks it; the form for a single named cluster. */
    public ClusterResult check(AksClusterId id, AksCheckRequest request) {
        Instant started = clock.instant();
        try {
            return check(clusters.get(id), id.shortName(), request);
        } catch (AzureAccessException e) {
            return new ClusterResult.NotChecked(id.shortName(), "", started, since(started), e.getMessage());
        }
    }

    /** @param name how the report names the cluster, such as {@code rg1/aks-prod} */
    public ClusterResult check(AksClusterFacts facts, String name, AksCheckRequest request) {
        Instant started = clock.instant();
        if (facts.isStopped()) {
            return new ClusterResult.Skipped(
                    name,
                    facts.serverUrl(),
                    started,
                    since(started),
                    "The cluster is stopped (power state " + facts.powerState() + "), so its certificates cannot be"
                            + " read; they keep expiring meanwhile. Check it after az aks start.");
        }
        AksKubeconfig kubeconfig;
        try {
            kubeconfig = fetch(facts.id(), name, request.credential());
        } catch (AzureAccessException e) {
            return new ClusterResult.NotChecked(name, facts.serverUrl(), started, since(started), e.getMessage());
        }
        return check(facts, name, kubeconfig, request);
    }

    /** Checks through a kubeconfig already fetched, and forgets it afterwards. */
    ClusterResult check(AksClusterFacts facts, String name, AksKubeconfig kubeconfig, AksCheckRequest request) {
        Instant started = clock.instant();
        ClusterResult result;
        try {
            result = checker.check(name, kubeconfig.parsed(), null, request.check());
        } catch (ClusterAccessException e) {
            return new ClusterResult.NotChecked(name, facts.serverUrl(), started, since(started), e.getMessage());
        } finally {
            kubeconfig.erase();
        }
        if (result instanceof ClusterResult.NotChecked notChecked) {
            String hint = facts.privateCluster()
                    ? " The cluster is private: run konnectivity on a machine inside its virtual network."
                    : "";
            return new ClusterResult.NotChecked(
                    notChecked.cluster(),
                    notChecked.server(),
                    notChecked.checkedAt(),
                    notChecked.took(),
                    notChecked.error() + hint);
        }
        return joined((ClusterResult.Checked) result, facts, request);
    }

    /** The kubeconfig ARM hands out, fetched and timed. */
    AksKubeconfig fetch(AksClusterId id, String name, CredentialScope scope) throws AzureAccessException {
        Instant started = clock.instant();
        AksKubeconfig kubeconfig = clusters.kubeconfig(id, scope);
        listener.step(
                name,
                "fetch " + scope.name().toLowerCase(java.util.Locale.ROOT) + " kubeconfig from ARM",
                since(started));
        return kubeconfig;
    }

    AksClusters clusters() {
        return clusters;
    }

    private ClusterResult joined(ClusterResult.Checked checked, AksClusterFacts facts, AksCheckRequest request) {
        List<Finding> findings = AksFindings.explain(
                facts, checked.certificates(), request.check().thresholds(), checked.checkedAt());
        Map<String, String> moreFacts = new TreeMap<>(facts.asReportFacts());
        if (request.nodes() == null) {
            return checked.with(findings, moreFacts);
        }
        NodeCertificates.NodeScan scan;
        try {
            scan = nodes.read(facts, request.nodes(), request.check().thresholds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return checked.with(findings, moreFacts);
        }
        moreFacts.putAll(facts.withAgentPools(scan.pools()).asReportFacts());
        List<CertificateCheck> certificates = new ArrayList<>(checked.certificates());
        certificates.addAll(scan.certificates());
        List<Finding> allFindings = new ArrayList<>(findings);
        allFindings.addAll(scan.findings());
        ClusterResult.Checked withNodes = new ClusterResult.Checked(
                checked.cluster(),
                checked.server(),
                checked.checkedAt(),
                Duration.between(checked.checkedAt(), clock.instant()),
                certificates,
                checked.workload(),
                checked.tunnel(),
                checked.findings(),
                checked.facts());
        return withNodes.with(allFindings, moreFacts);
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }
}
