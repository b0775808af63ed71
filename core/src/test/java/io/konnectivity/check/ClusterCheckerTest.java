package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.konnectivity.cluster.AgentAuthentication;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.TunnelState;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxPki;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.ServedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCheckerTest {

    private final ClusterChecker checker = new ClusterChecker(Clock.systemUTC(), CheckListener.SILENT);

    @Test
    void healthyClusterIsOkWithEveryCertificateAndAWorkingTunnel() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(result.status()).isEqualTo(Status.OK);
            assertThat(result.certificates())
                    .extracting(CertificateCheck::role)
                    .contains(
                            CertificateRole.AGENT_CLIENT,
                            CertificateRole.AGENT_CA,
                            CertificateRole.API_SERVER_SERVING,
                            CertificateRole.KUBECONFIG_CA,
                            CertificateRole.KUBECONFIG_CLIENT);
            CertificateCheck agent = agent(result);
            assertThat(agent.facts().sha256Fingerprint())
                    .isEqualTo(io.konnectivity.cert.CertificateReader.fingerprint(
                            cluster.agentCertificate().certificate()));
            assertThat(agent.daysLeft()).isBetween(198L, 200L);
            assertThat(agent.problems()).isEmpty();
            assertThat(result.workload().kind()).isEqualTo("Deployment");
            assertThat(result.workload().authentication()).isEqualTo(AgentAuthentication.CLIENT_CERTIFICATE);
            assertThat(result.workload().ready())
                    .isEqualTo(result.workload().desired())
                    .isPositive();
            assertThat(result.workload().secretMode()).isEqualTo("EnsureExists");
            assertThat(result.tunnel()).isInstanceOf(TunnelState.Up.class);
            assertThat(result.findings()).extracting(Finding::code).doesNotContain("TUNNEL_DOWN");
            assertThat(result.facts()).containsKey("kubernetesVersion");
        }
    }

    @Test
    void aCheckMakesOneRequestPerThingItReadsAndNoWatch() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            cluster.faults().clearRequests();

            checked(cluster, CheckRequest.defaults());

            List<ServedRequest> requests = cluster.faults().requests();
            assertThat(requests).extracting(ServedRequest::path).doesNotHaveDuplicates();
            assertThat(requests)
                    .extracting(ServedRequest::query)
                    .noneMatch(query -> query != null && query.contains("watch"));
            assertThat(requests)
                    .filteredOn(request -> request.path().endsWith("/log"))
                    .singleElement()
                    .satisfies(log ->
                            assertThat(log.query()).contains("tailLines=1").contains("container=konnectivity-agent"));
            assertThat(requests).hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void expiringAgentCertificateWarnsWithTheDateAndWhatToRun() {
        SandboxScenario scenario = SandboxScenario.builder()
                .clusterName("staging")
                .agentCertificateExpiresIn(Duration.ofDays(20).plusHours(1))
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.WARNING);
            assertThat(result.status()).isEqualTo(Status.WARNING);
            Finding finding = finding(result, "AGENT_CERT_EXPIRING");
            assertThat(finding.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(finding.object()).isEqualTo("kube-system/konnectivity-certs[client.crt]");
            assertThat(finding.message()).contains("expires in 20 days");
            assertThat(finding.advice()).contains("konnectivity rotate --context staging");
        }
    }

    @Test
    void expiredAgentCertificateIsNamedAsTheCauseOfTheTunnelOutage() {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentCertificateExpiresIn(Duration.ofDays(-3))
                .tunnelError(SandboxScenario.TunnelError.DIAL_BACKEND)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.EXPIRED);
            assertThat(result.status()).isEqualTo(Status.EXPIRED);
            assertThat(result.tunnel()).isInstanceOf(TunnelState.Down.class);
            assertThat(((TunnelState.Down) result.tunnel()).error()).contains("error dialing backend");
            Finding cause = finding(result, "TUNNEL_DOWN_CERT_EXPIRED");
            assertThat(cause.level()).isEqualTo(Finding.Level.CRITICAL);
            assertThat(cause.message()).contains("expired on").contains("that is the cause");
        }
    }

    @Test
    void tokenAuthenticatedAgentHasNothingToRotate() {
        SandboxScenario scenario = SandboxScenario.builder()
                .agentAuthentication(SandboxScenario.AgentAuth.SERVICE_ACCOUNT_TOKEN)
                .workloadKind(SandboxScenario.WorkloadKind.DAEMONSET)
                .build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(result.workload().kind()).isEqualTo("DaemonSet");
            assertThat(result.workload().authentication()).isEqualTo(AgentAuthentication.SERVICE_ACCOUNT_TOKEN);
            assertThat(finding(result, "AGENT_USES_TOKEN").advice()).isEqualTo("Nothing to rotate for the agent.");
        }
    }

    @Test
    void reconcileModeSecretIsFlagged() {
        SandboxScenario scenario =
                SandboxScenario.builder().secretMode("Reconcile").build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(finding(result, "SECRET_RECONCILED").level()).isEqualTo(Finding.Level.WARNING);
        }
    }

    @Test
    void scanModeFindsCertificatesInOtherSecretsUnderAnyKey() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            ClusterResult.Checked result = checked(
                    cluster, CheckRequest.defaults().withScanNamespaces(List.of("ingress-basic", "monitoring")));

            assertThat(result.certificates())
                    .filteredOn(check -> check.role() == CertificateRole.SCANNED)
                    .extracting(check -> check.location().namespace())
                    .contains("ingress-basic", "monitoring");

            ClusterResult.Checked twice = checked(
                    cluster,
                    CheckRequest.defaults()
                            .withScanNamespaces(List.of("ingress-basic", "monitoring", "ingress-basic")));
            assertThat(twice.certificates())
                    .as("a namespace named twice is scanned once")
                    .extracting(CertificateCheck::id)
                    .doesNotHaveDuplicates()
                    .hasSameSizeAs(result.certificates());
        }
    }

    @Test
    void mismatchedKeyMakesTheAgentCertificateInvalid() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            String otherKey = SandboxPki.toPem(
                    SandboxPki.newKeyPair(SandboxPki.KeyType.RSA_2048).getPrivate());
            replaceSecretData(cluster, Map.of("client.key", otherKey));

            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.INVALID);
            assertThat(agent(result).problems())
                    .containsExactly("client.key does not match client.crt: the agent would fail its TLS handshake.");
            assertThat(finding(result, "AGENT_CERT_INVALID").level()).isEqualTo(Finding.Level.CRITICAL);
        }
    }

    @Test
    void certificateFromAnotherCaBreaksTheChain() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            SandboxPki other = SandboxPki.generate("rogue");
            var foreign = other.issueClient(
                    "CN=konnectivity-agent",
                    Instant.now().minusSeconds(60),
                    Instant.now().plus(Duration.ofDays(90)),
                    SandboxPki.KeyType.RSA_2048);
            replaceSecretData(
                    cluster, Map.of("client.crt", foreign.certificatePem(), "client.key", foreign.privateKeyPem()));

            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.INVALID);
            assertThat(String.join(" ", agent(result).problems())).contains("was issued by CN=rogue-ca");
        }
    }

    @Test
    void emptySecretNamesEveryMissingKey() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            cluster.adminClient()
                    .secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .edit(secret -> new SecretBuilder(secret).withData(Map.of()).build());

            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.INVALID);
            assertThat(agent(result).problems())
                    .containsExactly(
                            "The Secret kube-system/konnectivity-certs has no client.crt (keys present: none).");
        }
    }

    @Test
    void missingSecretWithARunningAgentIsCritical() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            cluster.adminClient()
                    .secrets()
                    .inNamespace("kube-system")
                    .withName("konnectivity-certs")
                    .delete();

            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(finding(result, "AGENT_SECRET_MISSING").level()).isEqualTo(Finding.Level.CRITICAL);
        }
    }

    @Test
    void secretOfSeveralMegabytesIsReportedNotParsed() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            String huge =
                    "-----BEGIN CERTIFICATE-----\n" + "A".repeat(3 * 1024 * 1024) + "\n-----END CERTIFICATE-----\n";
            replaceSecretData(cluster, Map.of("client.crt", huge));

            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(agent(result).status()).isEqualTo(Status.INVALID);
            assertThat(agent(result).problems().get(0))
                    .startsWith("kube-system/konnectivity-certs[client.crt] is 3.0 MB, larger than any certificate");
        }
    }

    @Test
    void forbiddenSecretReadIsOneClearLine() {
        SandboxScenario scenario =
                SandboxScenario.builder().forbidden("secrets").build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult result = checker.check(target(cluster), CheckRequest.defaults());

            assertThat(result).isInstanceOf(ClusterResult.NotChecked.class);
            assertThat(result.status()).isEqualTo(Status.ERROR);
            String error = ((ClusterResult.NotChecked) result).error();
            assertThat(error)
                    .startsWith("Forbidden while reading Secret kube-system/konnectivity-certs: ")
                    .contains("cannot get resource \"secrets\"")
                    .contains("docs/rbac.yaml")
                    .doesNotContain("\n");
        }
    }

    @Test
    void forbiddenPodLogsLeaveTheTunnelUnknownButTheCheckGoesOn() {
        SandboxScenario scenario =
                SandboxScenario.builder().forbidden("pods/log").build();
        try (SandboxCluster cluster = SandboxCluster.start(scenario)) {
            ClusterResult.Checked result = checked(cluster, CheckRequest.defaults());

            assertThat(result.tunnel()).isInstanceOf(TunnelState.Unknown.class);
            assertThat(agent(result).status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void unreachableApiServerIsReportedNotThrown() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            cluster.stopServing();

            ClusterResult result = checker.check(target(cluster), CheckRequest.defaults());

            assertThat(result).isInstanceOf(ClusterResult.NotChecked.class);
            assertThat(((ClusterResult.NotChecked) result).error())
                    .startsWith("Cannot reach " + cluster.serverUrl())
                    .contains("connection refused");
        }
    }

    @Test
    void kubeconfigTrustingAnotherCaFailsTls(@TempDir Path directory) throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            String otherCa = Base64.getEncoder()
                    .encodeToString(SandboxPki.generate("other").caPem().getBytes(StandardCharsets.US_ASCII));
            String kubeconfig = Files.readString(cluster.kubeconfig())
                    .replaceAll("certificate-authority-data: *\\S+", "certificate-authority-data: " + otherCa);
            Path file = directory.resolve("kubeconfig");
            Files.writeString(file, kubeconfig);

            ClusterResult result = checker.check(new ClusterTarget("c", file, null), CheckRequest.defaults());

            assertThat(result).isInstanceOf(ClusterResult.NotChecked.class);
            assertThat(((ClusterResult.NotChecked) result).error())
                    .startsWith("TLS with " + cluster.serverUrl() + " failed")
                    .doesNotContain(otherCa);
        }
    }

    @Test
    void kubeconfigThatDoesNotParseIsNamedWithoutItsContent(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("broken");
        Files.writeString(file, "apiVersion: v1\nusers:\n- name: x\n  user:\n    token: s3cr3t-t0ken\n  : : [\n");

        ClusterResult result = checker.check(new ClusterTarget("c", file, null), CheckRequest.defaults());

        assertThat(((ClusterResult.NotChecked) result).error())
                .startsWith("The kubeconfig " + file + " does not parse")
                .doesNotContain("s3cr3t");
    }

    @Test
    void unknownContextListsTheKnownOnes() {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            ClusterResult result =
                    checker.check(new ClusterTarget("x", cluster.kubeconfig(), "nope"), CheckRequest.defaults());

            assertThat(((ClusterResult.NotChecked) result).error())
                    .isEqualTo("The kubeconfig " + cluster.kubeconfig() + " has no context 'nope'; it has "
                            + cluster.context() + ".");
        }
    }

    private ClusterResult.Checked checked(SandboxCluster cluster, CheckRequest request) {
        ClusterResult result = checker.check(target(cluster), request);
        assertThat(result).isInstanceOf(ClusterResult.Checked.class);
        return (ClusterResult.Checked) result;
    }

    private static ClusterTarget target(SandboxCluster cluster) {
        return new ClusterTarget(cluster.context(), cluster.kubeconfig(), cluster.context());
    }

    static CertificateCheck agent(ClusterResult.Checked result) {
        return result.certificates().stream()
                .filter(check -> check.role() == CertificateRole.AGENT_CLIENT)
                .findFirst()
                .orElseThrow();
    }

    static Finding finding(ClusterResult.Checked result, String code) {
        return result.findings().stream()
                .filter(finding -> finding.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + code + " in " + result.findings()));
    }

    private static void replaceSecretData(SandboxCluster cluster, Map<String, String> values) {
        cluster.adminClient()
                .secrets()
                .inNamespace("kube-system")
                .withName("konnectivity-certs")
                .edit(secret -> {
                    Secret copy = new SecretBuilder(secret).build();
                    values.forEach((key, value) -> copy.getData()
                            .put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))));
                    return copy;
                });
    }
}
