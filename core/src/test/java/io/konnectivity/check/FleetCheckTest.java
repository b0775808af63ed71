package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxFleet;
import io.konnectivity.sandbox.SandboxScenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FleetCheckTest {

    @Test
    void checksEveryContextAndReportsProgress() throws Exception {
        try (SandboxFleet fleet = SandboxFleet.start(
                12,
                3,
                index -> SandboxScenario.builder()
                        .clusterName("fleet")
                        .agentCertificateExpiresIn(Duration.ofDays(100))
                        .build())) {
            List<ClusterTarget> targets = ClusterTargets.resolve(List.of(fleet.kubeconfig()), null, true);
            List<Integer> progress = new CopyOnWriteArrayList<>();
            CheckListener listener = new CheckListener() {
                @Override
                public void clusterFinished(ClusterResult result, int done, int total) {
                    progress.add(done);
                }
            };

            CheckReport report = new FleetCheck(Clock.systemUTC(), listener)
                    .run(targets, CheckRequest.defaults().withConcurrency(4));

            assertThat(report.clusters()).hasSize(12);
            assertThat(report.clusters())
                    .extracting(ClusterResult::cluster)
                    .containsExactlyElementsOf(fleet.contexts());
            assertThat(report.status()).isEqualTo(Status.OK);
            assertThat(progress).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        }
    }

    @Test
    void aListenerThatFailsCostsNoClusterItsResult() throws Exception {
        try (SandboxFleet fleet = SandboxFleet.start(3, 1, index -> SandboxScenario.defaults())) {
            CheckListener broken = new CheckListener() {
                @Override
                public void clusterFinished(ClusterResult result, int done, int total) {
                    throw new IllegalStateException("the console is closed");
                }
            };

            CheckReport report = new FleetCheck(Clock.systemUTC(), broken)
                    .run(ClusterTargets.resolve(List.of(fleet.kubeconfig()), null, true), CheckRequest.defaults());

            assertThat(report.clusters()).hasSize(3).allMatch(ClusterResult.Checked.class::isInstance);
        }
    }

    @Test
    void oneClusterFailingOrTimingOutNeverAbortsTheOthers() throws Exception {
        SandboxCluster healthy = SandboxCluster.start(
                SandboxScenario.builder().clusterName("healthy").build());
        SandboxCluster down = SandboxCluster.start(
                SandboxScenario.builder().clusterName("down").build());
        SandboxCluster slow = SandboxCluster.start(SandboxScenario.builder()
                .clusterName("slow")
                .latency(Duration.ofSeconds(3))
                .build());
        try (healthy;
                down;
                slow) {
            down.stopServing();
            List<Path> files = new ArrayList<>(List.of(healthy.kubeconfig(), down.kubeconfig(), slow.kubeconfig()));

            CheckReport report = new FleetCheck(Clock.systemUTC(), CheckListener.SILENT)
                    .run(
                            ClusterTargets.resolve(files, null, false),
                            CheckRequest.defaults().withTimeout(Duration.ofSeconds(2)));

            assertThat(report.clusters())
                    .extracting(ClusterResult::status)
                    .containsExactly(Status.OK, Status.ERROR, Status.ERROR);
            assertThat(((ClusterResult.NotChecked) report.clusters().get(2)).error())
                    .contains("did not finish within 2 s");
            assertThat(report.status()).isEqualTo(Status.ERROR);
            assertThat(report.status().exitCode()).isEqualTo(3);
        }
    }
}
