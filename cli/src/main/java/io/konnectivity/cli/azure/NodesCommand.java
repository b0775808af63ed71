package io.konnectivity.cli.azure;

import io.konnectivity.azure.AksClusterFacts;
import io.konnectivity.azure.AksClusterId;
import io.konnectivity.azure.AksClusters;
import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.NodeCertificates;
import io.konnectivity.azure.NodeCheckRequest;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.cli.ReportOptions;
import io.konnectivity.cluster.TunnelState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code konnectivity nodes RG/NAME}: reads the certificate files on an AKS cluster's nodes through run-command. */
@Command(
        name = "nodes",
        mixinStandardHelpOptions = true,
        description = {
            "Read the certificate files on the nodes of an AKS cluster (/etc/kubernetes/certs/apiserver.crt,"
                    + " /etc/kubernetes/certs/ca.crt, /var/lib/kubelet/pki/kubelet-client-current.pem) with VM scale"
                    + " set run-command, the pools in parallel. Slow: tens of seconds per node.",
            "Needs Reader on the cluster and Virtual Machine Contributor on its node resource group."
        })
public final class NodesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESOURCE_GROUP/NAME", description = "The AKS cluster, such as rg-prod/aks-prod.")
    String cluster;

    @Mixin
    AzureOptions azure;

    @Option(
            names = "--nodes-per-pool",
            defaultValue = "1",
            description = "Nodes of each pool to read, the first ones by instance id (default: ${DEFAULT-VALUE}).")
    int nodesPerPool;

    @Option(
            names = "--timeout",
            defaultValue = "600",
            description = "Seconds all pools together may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    ReportOptions report;

    public NodesCommand() {}

    @Override
    public Integer call() throws Exception {
        AksClusterId id = AksClusterId.parse(azure.subscription(), cluster);
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        try (ArmClients arm = azure.connect(clock)) {
            ConsoleAzureProgress progress =
                    new ConsoleAzureProgress(spec.commandLine().getErr());
            AksClusterFacts facts = new AksClusters(arm).get(id);
            if (facts.isStopped()) {
                ClusterResult skipped = new ClusterResult.Skipped(
                        id.shortName(),
                        facts.serverUrl(),
                        started,
                        Duration.between(started, clock.instant()),
                        "The cluster is stopped (power state " + facts.powerState() + "): its nodes are deallocated"
                                + " and cannot run a command. Read them after az aks start.");
                return report.publish(
                        new CheckReport(started, report.thresholds(), List.of(skipped)),
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
            NodeCertificates.NodeScan scan = new NodeCertificates(arm, clock, progress)
                    .read(
                            facts,
                            new NodeCheckRequest(nodesPerPool, Duration.ofSeconds(timeoutSeconds)),
                            report.thresholds());
            ClusterResult result = new ClusterResult.Checked(
                    id.shortName(),
                    facts.serverUrl(),
                    started,
                    Duration.between(started, clock.instant()),
                    scan.certificates(),
                    null,
                    new TunnelState.NotProbed("only the nodes' files were read."),
                    scan.findings(),
                    facts.withAgentPools(scan.pools()).asReportFacts());
            return report.publish(
                    new CheckReport(started, report.thresholds(), List.of(result)),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
