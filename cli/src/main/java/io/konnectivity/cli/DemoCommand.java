package io.konnectivity.cli;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.FleetCheck;
import io.konnectivity.check.Status;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import io.konnectivity.report.ReportWriter;
import io.konnectivity.report.TableReport;
import io.konnectivity.rotate.Rotation;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationRequest;
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

/** {@code konnectivity demo}: the whole story on simulated clusters: find, renew, check again. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start three simulated clusters (healthy, expiring, expired), check them, renew the agent"
                + " certificates that need it with no downtime, check again, and write the reports.")
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
        PrintWriter err = spec.commandLine().getErr();
        boolean colour = !noColour && System.console() != null && System.getenv("NO_COLOR") == null;
        out.println("Starting three simulated AKS clusters on loopback (a simulator, not Kubernetes):");
        out.println("  aks-prod-weu      agent certificate valid for 200 more days");
        out.println("  aks-staging-neu   agent certificate expires in 5 days, Secret marked Reconcile");
        out.println("  aks-legacy-norbac agent certificate expired 3 days ago, so the tunnel is down");
        out.println();
        out.flush();
        List<SandboxCluster> clusters = new ArrayList<>();
        try {
            clusters.add(SandboxCluster.start(scenario("aks-prod-weu", Duration.ofDays(200), "EnsureExists")));
            clusters.add(SandboxCluster.start(scenario("aks-staging-neu", Duration.ofDays(5), "Reconcile")));
            clusters.add(SandboxCluster.start(scenario("aks-legacy-norbac", Duration.ofDays(-3), "EnsureExists")));
            List<ClusterTarget> targets = ClusterTargets.resolve(
                    clusters.stream().map(SandboxCluster::kubeconfig).toList(), null, false);

            out.println("== 1. Check ==");
            CheckReport before = check(targets, err);
            out.print(new TableReport(colour).render(before));
            List<Path> written = new ReportWriter().write(before, outputDirectory.resolve("1-before"));

            out.println();
            out.println("== 2. Renew the agent certificates that are due, with no downtime ==");
            out.flush();
            Rotation rotation = new Rotation(Clock.systemUTC(), new ConsoleRotationProgress(err));
            for (ClusterResult result : before.clusters()) {
                if (result.status() == Status.OK) {
                    out.println(result.cluster() + ": nothing due.");
                    continue;
                }
                ClusterTarget target = targets.stream()
                        .filter(candidate -> candidate.name().equals(result.cluster()))
                        .findFirst()
                        .orElseThrow();
                RotationReport report = rotation.run(
                        target,
                        RotationRequest.defaults("konnectivity demo")
                                .withIfExpiresWithinDays(30)
                                .withRolloutTimeout(Duration.ofSeconds(60)));
                out.print(new TableReport(colour).render(report));
                written = concat(
                        written,
                        new ReportWriter().write(report, outputDirectory.resolve("2-rotation-" + result.cluster())));
            }

            out.println();
            out.println("== 3. Check again ==");
            CheckReport after = check(targets, err);
            out.print(new TableReport(colour).render(after));
            written = concat(written, new ReportWriter().write(after, outputDirectory.resolve("3-after")));

            out.println();
            out.println("Reports written under " + outputDirectory.toAbsolutePath() + " (" + written.size()
                    + " files); open 1-before/konnectivity-report.html for the expiry timeline.");
            out.println("Overall: " + before.status() + " before, " + after.status() + " after.");
            out.flush();
            return 0;
        } finally {
            clusters.forEach(SandboxCluster::close);
        }
    }

    private CheckReport check(List<ClusterTarget> targets, PrintWriter err) {
        return new FleetCheck(Clock.systemUTC(), new ConsoleProgress(err)).run(targets, CheckRequest.defaults());
    }

    private static List<Path> concat(List<Path> one, List<Path> other) {
        List<Path> all = new ArrayList<>(one);
        all.addAll(other);
        return all;
    }

    private static SandboxScenario scenario(String name, Duration agentExpiresIn, String secretMode) {
        return SandboxScenario.builder()
                .clusterName(name)
                .agentCertificateExpiresIn(agentExpiresIn.plusHours(1))
                .secretMode(secretMode)
                .build();
    }
}
