package io.konnectivity.cli.azure;

import io.konnectivity.azure.AksCheckRequest;
import io.konnectivity.azure.AksClusterFilter;
import io.konnectivity.azure.AksFleetCheck;
import io.konnectivity.azure.AksFleetRequest;
import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.CredentialScope;
import io.konnectivity.azure.NodeCheckRequest;
import io.konnectivity.check.AgentNames;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.cli.ReportOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity fleet}: checks every AKS cluster of some subscriptions, found through Azure Resource Manager. */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        description = {
            "Check every AKS cluster of one or more subscriptions: list them in Azure, fetch each kubeconfig (kept in"
                    + " memory only, never written to disk), check it, and say what"
                    + " Azure's facts mean (RBAC disabled: AKS never rotates its certificates).",
            "Stopped clusters are reported as skipped and do not change the exit code."
        })
public final class FleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AzureOptions azure;

    @Option(
            names = {"-g", "--resource-group"},
            description = "Only the clusters of this resource group.")
    String resourceGroup;

    @Option(
            names = "--tag",
            paramLabel = "KEY=VALUE",
            description = "Only clusters carrying this tag with this value; repeat to require several.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--name-pattern",
            paramLabel = "GLOB",
            description = "Only clusters whose name matches, such as 'aks-prod-*' (* any run of characters, ? one).")
    String namePattern;

    @Option(
            names = "--admin-credential",
            description = "Fetch the cluster admin kubeconfig (Azure Kubernetes Service Cluster Admin Role) instead of"
                    + " the user one; needed where the user kubeconfig requires an interactive Entra ID login.")
    boolean adminCredential;

    @Option(
            names = "--nodes",
            description =
                    "Also read the nodes' certificate files with run-command (slow; Virtual Machine" + " Contributor).")
    boolean nodes;

    @Option(
            names = "--nodes-per-pool",
            defaultValue = "1",
            description = "Nodes of each pool read with --nodes (default: ${DEFAULT-VALUE}).")
    int nodesPerPool;

    @Option(names = "--no-tunnel-probe", description = "Do not fetch an agent pod's log to test the tunnel.")
    boolean noTunnelProbe;

    @Option(
            names = "--timeout",
            defaultValue = "30",
            description = "Seconds one cluster's Kubernetes check may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--concurrency",
            defaultValue = "8",
            description = "Clusters checked at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    ReportOptions report;

    public FleetCommand() {}

    @Override
    public Integer call() throws Exception {
        Map<String, String> tagFilter = new LinkedHashMap<>();
        tags.stream().map(AksClusterFilter::parseTag).forEach(tag -> tagFilter.put(tag.getKey(), tag.getValue()));
        CheckRequest check = new CheckRequest(
                AgentNames.DEFAULT,
                report.thresholds(),
                List.of(),
                !noTunnelProbe,
                Duration.ofSeconds(timeoutSeconds),
                concurrency);
        AksCheckRequest cluster = new AksCheckRequest(
                check,
                adminCredential ? CredentialScope.ADMIN : CredentialScope.USER,
                nodes ? new NodeCheckRequest(nodesPerPool, NodeCheckRequest.DEFAULT.timeout()) : null);
        AksFleetRequest request = new AksFleetRequest(
                azure.subscriptions(), new AksClusterFilter(resourceGroup, tagFilter, namePattern), cluster);
        Clock clock = Clock.systemUTC();
        try (ArmClients arm = azure.connect(clock)) {
            CheckReport result = new AksFleetCheck(
                            arm,
                            clock,
                            new ConsoleAzureProgress(spec.commandLine().getErr()))
                    .run(request);
            return report.publish(
                    result, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
