package io.konnectivity.cli;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.FleetCheck;
import io.konnectivity.cli.azure.AzureCommands;
import io.konnectivity.cli.azure.AzureOptions;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity check}: reads the certificates of one or many clusters and reports on them. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check the Konnectivity agent certificate and every other certificate a cluster depends on.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--kubeconfig",
            description = "Kubeconfig file; repeat for several (default: $KUBECONFIG, else ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--context", description = "The context to check (default: the current context).")
    String context;

    @Option(names = "--all-contexts", description = "Check every context of every kubeconfig.")
    boolean allContexts;

    @Mixin
    AgentOptions agent;

    @Option(
            names = "--scan-namespace",
            description = "Also check every PEM certificate in every Secret of this namespace; repeatable.")
    List<String> scanNamespaces = new ArrayList<>();

    @Option(names = "--no-tunnel-probe", description = "Do not fetch an agent pod's log to test the tunnel.")
    boolean noTunnelProbe;

    @Option(
            names = "--timeout",
            defaultValue = "30",
            description = "Seconds one cluster may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--concurrency",
            defaultValue = "8",
            description = "Clusters checked at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--azure-cluster",
            paramLabel = "RESOURCE_GROUP/NAME",
            description = "Check this AKS cluster with only an Azure credential: its kubeconfig comes from ARM and"
                    + " its facts (RBAC, version, power state) join the report.")
    String azureCluster;

    @Option(
            names = "--admin-credential",
            description = "With --azure-cluster: fetch the cluster admin kubeconfig instead of the user one.")
    boolean adminCredential;

    @Mixin
    AzureOptions azure;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        CheckRequest request = new CheckRequest(
                agent.names(),
                report.thresholds(),
                scanNamespaces,
                !noTunnelProbe,
                Duration.ofSeconds(timeoutSeconds),
                concurrency);
        if (azureCluster != null) {
            ClusterResult result = new AzureCommands(
                            azure, Clock.systemUTC(), spec.commandLine().getErr())
                    .check(azureCluster, request, adminCredential);
            CheckReport single = new CheckReport(result.checkedAt(), request.thresholds(), List.of(result));
            return report.publish(
                    single, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        List<ClusterTarget> targets = targets();
        CheckReport result = new FleetCheck(
                        Clock.systemUTC(),
                        new ConsoleProgress(spec.commandLine().getErr()))
                .run(targets, request);
        return report.publish(
                result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private List<ClusterTarget> targets() throws ClusterAccessException {
        List<Path> files = kubeconfigs.isEmpty() ? ClusterOptions.defaultKubeconfigs() : kubeconfigs;
        return ClusterTargets.resolve(files, context, allContexts);
    }
}
