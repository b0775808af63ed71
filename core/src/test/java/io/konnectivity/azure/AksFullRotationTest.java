package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationMode;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationResult;
import io.konnectivity.rotate.RotationStep;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AksFullRotationTest {

    private static final AksClusterId CLUSTER = new AksClusterId(ArmTestbed.SUBSCRIPTION, "rg1", "aks-legacy");

    private ArmTestbed testbed;
    private SandboxCluster sandbox;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        testbed = new ArmTestbed();
        sandbox = testbed.sandbox("legacy", Duration.ofDays(3));
        testbed.add(EmulatedCluster.builder("aks-legacy", sandbox).rbacEnabled(false));
        testbed.arm.rotationPolls(3);
    }

    @AfterEach
    void stop() {
        testbed.close();
    }

    @Test
    void isRefusedUntilTheDowntimeIsAcceptedAndTouchesNothing() {
        FullRotationRequest request = new FullRotationRequest(false, Duration.ofMinutes(5), ArmTestbed.request());

        assertThatThrownBy(() -> rotation().rotate(CLUSTER, request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recreates every node")
                .hasMessageContaining("Accept the downtime explicitly (--accept-downtime)");
        assertThat(testbed.arm.requests()).isEmpty();
    }

    @Test
    void rotatesPollsFetchesAFreshKubeconfigAndChecksAfterwards() throws InterruptedException {
        FullRotationRequest request = new FullRotationRequest(true, Duration.ofMinutes(5), ArmTestbed.request());

        RotationReport report = rotation().rotate(CLUSTER, request);

        assertThat(report.result()).isInstanceOf(RotationResult.Rotated.class);
        assertThat(report.mode()).isEqualTo(RotationMode.FULL);
        assertThat(report.cluster()).isEqualTo("rg1/aks-legacy");
        assertThat(report.steps())
                .extracting(RotationStep::name)
                .containsExactly("preflight", "check-before", "rotate", "fetch-kubeconfig", "check-after");
        assertThat(report.steps()).extracting(RotationStep::outcome).containsOnly(RotationStep.Outcome.DONE);
        assertThat(listener.polls)
                .filteredOn(line -> line.contains("rotateClusterCertificates"))
                .hasSizeGreaterThanOrEqualTo(3)
                .last()
                .asString()
                .endsWith("SUCCESSFULLY_COMPLETED");
        assertThat(testbed.arm.requests())
                .filteredOn(line -> line.endsWith("/listClusterUserCredential"))
                .hasSize(2);
        assertThat(testbed.arm.rotations(ArmTestbed.SUBSCRIPTION, "rg1", "aks-legacy"))
                .isEqualTo(1);
        CertificateChange agent = report.certificates().stream()
                .filter(change -> change.what().equals("kube-system/konnectivity-certs[client.crt]"))
                .findFirst()
                .orElseThrow();
        assertThat(agent.before().notAfter())
                .isEqualTo(
                        sandbox.agentCertificate().certificate().getNotAfter().toInstant());
        assertThat(agent.after()).isNotNull();
        assertThat(agent.after().notAfter()).isAfter(agent.before().notAfter().plus(Duration.ofDays(300)));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void forbiddenRotationFailsNamingTheRole() throws InterruptedException {
        testbed.arm.faults().forbid("Microsoft.ContainerService/managedClusters/rotateClusterCertificates/action");

        RotationReport report =
                rotation().rotate(CLUSTER, new FullRotationRequest(true, Duration.ofMinutes(5), ArmTestbed.request()));

        assertThat(report.result()).isInstanceOf(RotationResult.Failed.class);
        assertThat(report.result().summary()).contains("'Azure Kubernetes Service Contributor Role'");
        assertThat(report.steps()).last().extracting(RotationStep::outcome).isEqualTo(RotationStep.Outcome.FAILED);
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void stoppedClusterIsNotRotated() throws InterruptedException {
        testbed.add(EmulatedCluster.builder("aks-legacy", sandbox).stopped());

        RotationReport report =
                rotation().rotate(CLUSTER, new FullRotationRequest(true, Duration.ofMinutes(5), ArmTestbed.request()));

        assertThat(report.result().summary()).contains("is stopped");
        assertThat(report.steps())
                .singleElement()
                .extracting(RotationStep::outcome)
                .isEqualTo(RotationStep.Outcome.FAILED);
        assertThat(testbed.arm.requests()).noneMatch(line -> line.endsWith("/rotateClusterCertificates"));
    }

    @Test
    void rotationStillRunningAtTheTimeoutIsReportedAsGoingOnInAzure() throws InterruptedException {
        testbed.arm.rotationPolls(1_000_000);

        RotationReport report =
                rotation().rotate(CLUSTER, new FullRotationRequest(true, Duration.ofMillis(300), ArmTestbed.request()));

        assertThat(report.result()).isInstanceOf(RotationResult.Failed.class);
        assertThat(report.result().summary()).contains("did not finish within").contains("goes on in Azure");
    }

    private AksFullRotation rotation() {
        return new AksFullRotation(testbed.clients, testbed.clock, listener);
    }
}
