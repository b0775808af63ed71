package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.report.ReportFormat;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AksFleetCheckTest {

    private ArmTestbed testbed;
    private SandboxCluster soon;
    private SandboxCluster later;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startFleet() {
        testbed = new ArmTestbed();
        soon = testbed.sandbox("soon", Duration.ofDays(20));
        later = testbed.sandbox("later", Duration.ofDays(300));
    }

    @AfterEach
    void stopFleet() {
        testbed.close();
    }

    @Test
    void checksEveryClusterEndToEndOrderedByWhatExpiresFirst() {
        testbed.add(EmulatedCluster.builder("aks-later", later).resourceGroup("rg-a"));
        testbed.add(EmulatedCluster.builder("aks-soon", soon).resourceGroup("rg-b"));
        testbed.add(EmulatedCluster.builder("aks-later-too", later).resourceGroup("rg-b"));

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(report.clusters())
                .extracting(ClusterResult::cluster)
                .containsExactly("rg-b/aks-soon", "rg-a/aks-later", "rg-b/aks-later-too");
        assertThat(report.clusters()).allMatch(ClusterResult.Checked.class::isInstance);
        ClusterResult.Checked first = (ClusterResult.Checked) report.clusters().get(0);
        assertThat(first.status()).isEqualTo(Status.WARNING);
        assertThat(first.certificates()).extracting(c -> c.role()).contains(CertificateRole.AGENT_CLIENT);
        assertThat(first.facts())
                .containsEntry("azure.resourceGroup", "rg-b")
                .containsEntry("azure.rbacEnabled", "true")
                .containsEntry("azure.powerState", "Running")
                .containsEntry("azure.nodeResourceGroup", "MC_rg-b_aks-soon_westeurope")
                .containsEntry("azure.agentPools", "nodepool1 (System, 3 nodes)");
        assertThat(listener.lines).contains("subscription " + ArmTestbed.SUBSCRIPTION + ": 3");
        assertThat(ReportFormat.TABLE.renderer().render(report)).contains("rg-b/aks-soon");
    }

    @Test
    void filtersByResourceGroupTagAndNamePattern() {
        testbed.add(EmulatedCluster.builder("aks-prod-1", later)
                .resourceGroup("rg-prod")
                .tag("env", "prod"));
        testbed.add(EmulatedCluster.builder("aks-prod-2", later)
                .resourceGroup("rg-prod")
                .tag("env", "prod"));
        testbed.add(EmulatedCluster.builder("aks-test-1", later)
                .resourceGroup("rg-prod")
                .tag("env", "test"));
        testbed.add(EmulatedCluster.builder("aks-prod-3", later)
                .resourceGroup("rg-other")
                .tag("env", "prod"));

        assertThat(names(run(ArmTestbed.fleet(new AksClusterFilter("RG-PROD", Map.of(), null)))))
                .containsExactlyInAnyOrder("rg-prod/aks-prod-1", "rg-prod/aks-prod-2", "rg-prod/aks-test-1");
        assertThat(names(run(ArmTestbed.fleet(new AksClusterFilter(null, Map.of("env", "prod"), null)))))
                .containsExactlyInAnyOrder("rg-prod/aks-prod-1", "rg-prod/aks-prod-2", "rg-other/aks-prod-3");
        assertThat(names(run(ArmTestbed.fleet(new AksClusterFilter("rg-prod", Map.of("env", "prod"), "*-2")))))
                .containsExactly("rg-prod/aks-prod-2");
        assertThat(testbed.arm.requests())
                .anyMatch(line -> line.startsWith(
                        "GET /subscriptions/" + ArmTestbed.SUBSCRIPTION + "/resourceGroups/RG-PROD/providers/"));
    }

    @Test
    void stoppedClusterIsSkippedWithTheReasonListedLastAndLeavesTheStatusToTheOthers() {
        testbed.add(EmulatedCluster.builder("aks-stopped", soon).stopped());
        testbed.add(EmulatedCluster.builder("aks-running", later));

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(names(report)).containsExactly("rg1/aks-running", "rg1/aks-stopped");
        assertThat(report.clusters().get(1)).isInstanceOf(ClusterResult.Skipped.class);
        ClusterResult.Skipped stopped =
                (ClusterResult.Skipped) report.clusters().get(1);
        assertThat(stopped.status()).isEqualTo(Status.SKIPPED);
        assertThat(stopped.reason()).startsWith("The cluster is stopped (power state Stopped)");
        assertThat(report.status()).isEqualTo(Status.OK);
        assertThat(testbed.arm.requests()).noneMatch(line -> line.contains("aks-stopped/listClusterUserCredential"));
    }

    @Test
    void clustersThatCouldNotBeCheckedComeBeforeSkippedOnes() {
        testbed.add(EmulatedCluster.builder("aks-a-stopped", soon).stopped());
        testbed.add(EmulatedCluster.builder("aks-b-running", later));
        testbed.arm.faults().forbid("Microsoft.ContainerService/managedClusters/listClusterUserCredential/action");

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(report.clusters())
                .extracting(result -> result.getClass().getSimpleName())
                .containsExactly("NotChecked", "Skipped");
        assertThat(report.status()).isEqualTo(Status.ERROR);
    }

    @Test
    void rbacDisabledClusterSaysWhenTheAgentCertificateRunsOutAndWhatToSchedule() {
        testbed.add(EmulatedCluster.builder("aks-legacy", soon).rbacEnabled(false));

        ClusterResult.Checked result = (ClusterResult.Checked)
                run(ArmTestbed.fleet(AksClusterFilter.ALL)).clusters().get(0);

        String notAfter = DateTimeFormatter.ofPattern("yyyy-MM-dd")
                .withZone(ZoneOffset.UTC)
                .format(soon.agentCertificate().certificate().getNotAfter().toInstant());
        Finding finding = result.findings().stream()
                .filter(f -> f.code().equals("AKS_RBAC_DISABLED"))
                .findFirst()
                .orElseThrow();
        assertThat(finding.level()).isEqualTo(Finding.Level.WARNING);
        assertThat(finding.message())
                .contains("AKS never rotates the certificates of rg1/aks-legacy")
                .contains("runs out on " + notAfter);
        assertThat(finding.advice())
                .contains("konnectivity rotate")
                .contains("az aks rotate-certs -g rg1 -n aks-legacy")
                .contains("before " + notAfter);
        assertThat(result.facts()).containsEntry("azure.rbacEnabled", "false");
    }

    @Test
    void privateClusterAndRotationInProgressAreExplained() {
        testbed.add(EmulatedCluster.builder("aks-private", later)
                .privateCluster(true)
                .provisioningState("RotatingClusterCertificates"));

        ClusterResult.Checked result = (ClusterResult.Checked)
                run(ArmTestbed.fleet(AksClusterFilter.ALL)).clusters().get(0);

        assertThat(result.findings())
                .extracting(Finding::code)
                .contains("AKS_PRIVATE_CLUSTER", "AKS_ROTATION_IN_PROGRESS");
        assertThat(result.facts()).containsEntry("azure.privateCluster", "true");
    }

    @Test
    void throttledAndFailingRequestsAreRetriedWithinBounds() {
        testbed.add(EmulatedCluster.builder("aks-1", later));
        testbed.add(EmulatedCluster.builder("aks-2", later));
        testbed.arm.faults().throttle(2, Duration.ZERO).serverErrors(1, 503);

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(report.clusters()).hasSize(2).allMatch(ClusterResult.Checked.class::isInstance);
        assertThat(testbed.arm.requestCount()).isGreaterThanOrEqualTo(3 + 3);
    }

    @Test
    void throttlingBeyondTheRetriesIsThatClustersResult() {
        testbed.add(EmulatedCluster.builder("aks-1", later));
        testbed.arm.faults().throttle(1000, Duration.ofHours(1));

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(report.clusters()).singleElement().isInstanceOf(ClusterResult.NotChecked.class);
        assertThat(((ClusterResult.NotChecked) report.clusters().get(0)).error())
                .contains("throttling")
                .contains("HTTP 429");
    }

    @Test
    void forbiddenKubeconfigIsExplainedWithTheMissingRole() {
        testbed.add(EmulatedCluster.builder("aks-1", later));
        testbed.arm.faults().forbid("Microsoft.ContainerService/managedClusters/listClusterUserCredential/action");

        ClusterResult.NotChecked result = (ClusterResult.NotChecked)
                run(ArmTestbed.fleet(AksClusterFilter.ALL)).clusters().get(0);

        assertThat(result.error())
                .isEqualTo("Forbidden while fetching the cluster user kubeconfig of rg1/aks-1 (HTTP 403,"
                        + " AuthorizationFailed): the identity lacks"
                        + " Microsoft.ContainerService/managedClusters/listClusterUserCredential/action. Assign it the"
                        + " built-in role 'Azure Kubernetes Service Cluster User Role' (or a custom role with that"
                        + " action) on the cluster, its resource group or subscription.");
    }

    @Test
    void forbiddenListingIsReportedForTheSubscriptionWithReader() {
        testbed.arm.faults().forbid("Microsoft.ContainerService/managedClusters/read");

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        ClusterResult.NotChecked result =
                (ClusterResult.NotChecked) report.clusters().get(0);
        assertThat(result.cluster()).isEqualTo("subscription " + ArmTestbed.SUBSCRIPTION);
        assertThat(result.error()).contains("HTTP 403").contains("'Reader'");
    }

    @Test
    void rejectedCredentialIsExplainedInOneLine() {
        testbed.add(EmulatedCluster.builder("aks-1", later));
        testbed.arm.faults().unauthorized(true);

        ClusterResult.NotChecked result = (ClusterResult.NotChecked)
                run(ArmTestbed.fleet(AksClusterFilter.ALL)).clusters().get(0);

        assertThat(result.error())
                .startsWith("Azure rejected the credential while reading the AKS clusters of subscription")
                .contains("HTTP 401, InvalidAuthenticationToken")
                .doesNotContain("\n");
    }

    @Test
    void clusterDeletedMidRunIsThatClustersResultOnly() {
        testbed.add(EmulatedCluster.builder("aks-stays", later));
        testbed.add(EmulatedCluster.builder("aks-goes", later));
        testbed.arm.faults().vanishAfterListing("aks-goes");

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(names(report)).containsExactly("rg1/aks-stays", "rg1/aks-goes");
        assertThat(((ClusterResult.NotChecked) report.clusters().get(1)).error())
                .startsWith("rg1/aks-goes was not found while fetching the cluster user kubeconfig of rg1/aks-goes"
                        + " (HTTP 404, ResourceNotFound");
    }

    @Test
    void kubeconfigNeverReachesTheDiskOrAnyMessage() throws IOException {
        testbed.add(EmulatedCluster.builder("aks-1", soon).rbacEnabled(false));
        testbed.add(EmulatedCluster.builder("aks-2", later).stopped());
        List<Path> before = kubeconfigFiles();

        CheckReport report = run(ArmTestbed.fleet(AksClusterFilter.ALL));

        assertThat(kubeconfigFiles()).isEqualTo(before);
        String everything = String.join("\n", listener.lines) + "\n" + String.join("\n", listener.polls) + "\n"
                + report + "\n" + ReportFormat.JSON.renderer().render(report) + "\n"
                + ReportFormat.MARKDOWN.renderer().render(report);
        for (String secret : List.of(
                soon.adminCertificate().privateKeyPem(),
                base64(soon.adminCertificate().privateKeyPem()),
                base64(soon.adminCertificate().certificatePem()),
                "client-key-data")) {
            assertThat(everything).doesNotContain(secret.strip());
        }
    }

    private CheckReport run(AksFleetRequest request) {
        return new AksFleetCheck(testbed.clients, testbed.clock, listener).run(request);
    }

    private static List<String> names(CheckReport report) {
        return report.clusters().stream().map(ClusterResult::cluster).toList();
    }

    private static List<Path> kubeconfigFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(path -> path.getFileName().toString().endsWith(".kubeconfig"))
                    .sorted()
                    .toList();
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
