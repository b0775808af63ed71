package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeCertificatesTest {

    private static final Set<CertificateRole> NODE_ROLES =
            Set.of(CertificateRole.NODE_SERVING, CertificateRole.NODE_CA, CertificateRole.KUBELET_CLIENT);

    private ArmTestbed testbed;
    private SandboxCluster sandbox;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        testbed = new ArmTestbed();
        sandbox = testbed.sandbox("nodes", Duration.ofDays(200));
    }

    @AfterEach
    void stop() {
        testbed.close();
    }

    @Test
    void readsTheNodeCertificatesOfEveryPoolThroughRunCommand() {
        Instant nodeExpiry = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        testbed.add(EmulatedCluster.builder("aks-1", sandbox)
                .pool("system", 3, "System")
                .pool("user", 2, "User")
                .nodeCertificateNotAfter(nodeExpiry));

        ClusterResult.Checked result = check(new NodeCheckRequest(1, Duration.ofSeconds(30)));

        List<CertificateCheck> files = result.certificates().stream()
                .filter(c -> NODE_ROLES.contains(c.role()))
                .toList();
        assertThat(files).hasSize(6);
        assertThat(files)
                .extracting(CertificateCheck::role)
                .containsExactly(
                        CertificateRole.NODE_SERVING,
                        CertificateRole.NODE_CA,
                        CertificateRole.KUBELET_CLIENT,
                        CertificateRole.NODE_SERVING,
                        CertificateRole.NODE_CA,
                        CertificateRole.KUBELET_CLIENT);
        assertThat(files)
                .extracting(c -> c.location().describe())
                .anyMatch(where -> where.matches("aks-system-\\d{8}-vmss/0:/etc/kubernetes/certs/apiserver.crt"))
                .anyMatch(where ->
                        where.matches("aks-user-\\d{8}-vmss/0:/var/lib/kubelet/pki/kubelet-client-current.pem"));
        CertificateCheck apiServer = files.stream()
                .filter(c -> c.location().describe().endsWith("apiserver.crt"))
                .findFirst()
                .orElseThrow();
        assertThat(apiServer.facts().notAfter()).isEqualTo(nodeExpiry);
        assertThat(apiServer.status()).isEqualTo(Status.CRITICAL);
        assertThat(files)
                .filteredOn(c -> c.role() == CertificateRole.KUBELET_CLIENT)
                .allSatisfy(kubelet -> assertThat(kubelet.status()).isEqualTo(Status.OK));
        assertThat(result.status()).isEqualTo(Status.CRITICAL);
        assertThat(result.facts().get("azure.agentPools"))
                .contains("aks-system-")
                .contains("aks-user-");
        assertThat(listener.polls).anyMatch(line -> line.contains("runCommand on aks-system-"));
        assertThat(testbed.arm.requests())
                .filteredOn(line -> line.endsWith("/runCommand"))
                .hasSize(2);
    }

    @Test
    void readsTheConfiguredNumberOfNodesPerPool() {
        testbed.add(EmulatedCluster.builder("aks-1", sandbox).pool("system", 3, "System"));

        check(new NodeCheckRequest(2, Duration.ofSeconds(30)));

        assertThat(testbed.arm.requests())
                .filteredOn(line -> line.endsWith("/runCommand"))
                .anyMatch(line -> line.contains("/virtualMachines/0/"))
                .anyMatch(line -> line.contains("/virtualMachines/1/"))
                .hasSize(2);
    }

    @Test
    void aDeallocatedInstanceGivesWayToTheNextOfItsPool() {
        testbed.add(EmulatedCluster.builder("aks-1", sandbox)
                .pool("system", 3, "System")
                .pool("user", 2, "User"));
        testbed.arm
                .faults()
                .deallocate("aks-system-", "0")
                .deallocate("aks-user-", "0")
                .deallocate("aks-user-", "1");

        ClusterResult.Checked result = check(new NodeCheckRequest(1, Duration.ofSeconds(30)));

        assertThat(result.certificates())
                .filteredOn(c -> NODE_ROLES.contains(c.role()))
                .extracting(c -> c.location().describe())
                .hasSize(3)
                .allMatch(where -> where.matches("aks-system-\\d{8}-vmss/1:.*"));
        assertThat(result.findings())
                .filteredOn(f -> f.code().equals("NODE_CERTS_NOT_READ"))
                .extracting(Finding::message)
                .as("the user pool, whose every instance is deallocated; not the system pool's instance 0")
                .hasSize(2)
                .allMatch(message -> message.contains("aks-user-") && message.contains("deallocated"));
    }

    @Test
    void forbiddenRunCommandIsAFindingNamingTheRoleNotAFailure() {
        testbed.add(EmulatedCluster.builder("aks-1", sandbox));
        testbed.arm.faults().forbid("Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action");

        ClusterResult.Checked result = check(NodeCheckRequest.DEFAULT);

        Finding finding = result.findings().stream()
                .filter(f -> f.code().equals("NODE_CERTS_NOT_READ"))
                .findFirst()
                .orElseThrow();
        assertThat(finding.message()).contains("'Virtual Machine Contributor'").contains("HTTP 403");
        assertThat(result.certificates()).noneMatch(c -> NODE_ROLES.contains(c.role()));
    }

    private ClusterResult.Checked check(NodeCheckRequest nodes) {
        return (ClusterResult.Checked) new AksClusterCheck(testbed.clients, testbed.clock, listener)
                .check(
                        new AksClusterId(ArmTestbed.SUBSCRIPTION, "rg1", "aks-1"),
                        ArmTestbed.request().withNodes(nodes));
    }
}
