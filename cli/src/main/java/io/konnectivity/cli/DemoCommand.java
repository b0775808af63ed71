package io.konnectivity.cli;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.FleetCheck;
import io.konnectivity.cluster.ClusterTargets;
import io.konnectivity.report.ReportWriter;
import io.konnectivity.report.TableReport;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity demo}: the whole check story on simulated clusters, with nothing to set up. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start three simulated clusters (healthy, expiring, expired), check them and write the reports.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output-dir",
            defaultValue = "konnectivity-reports",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path outputDirectory;

    @Option(names = "--no-color", description = "Never colour the table.")
    boolean noColour;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting three simulated AKS clusters on loopback (a simulator, not Kubernetes):");
        out.println("  aks-prod-weu      agent certificate valid for 200 more days");
        out.println("  aks-staging-neu   agent certificate expires in 5 days, Secret marked Reconcile");
        out.println("  aks-legacy-norbac agent certificate expired 3 days ago, so the tunnel is down");
        out.println();
        out.flush();
        List<SandboxCluster> clusters = new ArrayList<>();
        try {
            clusters.add(SandboxCluster.start(scenario("aks-prod-weu", Duration.ofDays(200).plusHours(1), "EnsureExists")));
            clusters.add(SandboxCluster.start(scenario("aks-staging-neu", Duration.ofDays(5).plusHours(1), "Reconcile")));
            clusters.add(SandboxCluster.start(scenario("aks-legacy-norbac", Duration.ofDays(-3), "EnsureExists")));
            List<Path> kubeconfigs = clusters.stream().map(SandboxCluster::kubeconfig).toList();
            CheckRequest request = CheckRequest.defaults();
            CheckReport report = new FleetCheck(Clock.systemUTC(), new ConsoleProgress(spec.commandLine().getErr()))
                    .run(ClusterTargets.resolve(kubeconfigs, null, false), request);
            out.print(new TableReport(!noColour && System.console() != null).render(report));
            List<Path> written = new ReportWriter().write(report, outputDirectory);
            out.println();
            out.println("Reports written:");
            written.forEach(path -> out.println("  " + path.toAbsolutePath()));
            out.println("Open the HTML report in a browser to see the expiry timeline.");
            out.println("A real check exits with " + report.status().exitCode() + " (" + report.status()
                    + ") here; the demo itself exits with 0.");
            out.flush();
            return 0;
        } finally {
            clusters.forEach(SandboxCluster::close);
        }
    }

    private static SandboxScenario scenario(String name, Duration agentExpiresIn, String secretMode) {
        return SandboxScenario.builder()
                .clusterName(name)
                .agentCertificateExpiresIn(agentExpiresIn)
                .secretMode(secretMode)
                .build();
    }
}
