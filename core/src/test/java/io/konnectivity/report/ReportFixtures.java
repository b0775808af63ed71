package io.konnectivity.report;

import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Location;
import io.konnectivity.check.Status;
import io.konnectivity.check.Thresholds;
import io.konnectivity.cluster.AgentAuthentication;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.cluster.TunnelState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Check reports as the checker would produce them, for the renderers to render. */
final class ReportFixtures {

    static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");
    static final Thresholds THRESHOLDS = new Thresholds(30, 7);

    static final String HEALTHY = "aks-prod-weu";
    static final String EXPIRING = "aks-test-neu";
    static final String EXPIRED = "aks-legacy-eus";
    static final String UNREACHABLE = "aks-private-weu";
    static final String STOPPED = "aks-dev-weu";

    static final String HEALTHY_SERVER = "https://aks-prod-weu-3f2a.hcp.westeurope.azmk8s.io:443";
    static final String EXPIRING_SERVER = "https://aks-test-neu-77c1.hcp.northeurope.azmk8s.io:443";
    static final String EXPIRED_SERVER = "https://aks-legacy-eus-09be.hcp.eastus.azmk8s.io:443";
    static final String UNREACHABLE_SERVER = "https://aks-private-weu.privatelink.westeurope.azmk8s.io:443";
    static final String STOPPED_SERVER = "https://aks-dev-weu-5e6f.hcp.westeurope.azmk8s.io:443";
    static final String STOPPED_REASON = "The cluster is stopped (power state Stopped), so its certificates cannot be"
            + " read; they keep expiring meanwhile. Check it after az aks start.";

    static final Location AGENT_CLIENT = Location.secretKey("kube-system", "konnectivity-certs", "client.crt", 0);
    static final Location AGENT_CA = Location.secretKey("kube-system", "konnectivity-certs", "ca.crt", 0);

    private ReportFixtures() {}

    /** A healthy cluster, one whose agent certificate expires in 5 days, one with it expired, one not reachable. */
    static CheckReport fourClusters() {
        return new CheckReport(NOW, THRESHOLDS, List.of(healthy(), expiring(), expired(), unreachable()));
    }

    /** The four clusters of {@link #fourClusters()} and a fifth, stopped one that was skipped. */
    static CheckReport withStopped() {
        return new CheckReport(NOW, THRESHOLDS, List.of(healthy(), expiring(), expired(), unreachable(), stopped()));
    }

    /** A healthy cluster and a stopped one: nothing that should fail a build. */
    static CheckReport healthyAndStopped() {
        return new CheckReport(NOW, THRESHOLDS, List.of(healthy(), stopped()));
    }

    static ClusterResult.Skipped stopped() {
        return new ClusterResult.Skipped(STOPPED, STOPPED_SERVER, NOW, Duration.ofMillis(80), STOPPED_REASON);
    }

    /** A cluster whose node certificate files were read, known only by what openssl printed on the node. */
    static CheckReport nodeFiles() {
        String node = "aks-system-12345678-vmss/0:";
        ClusterResult.Checked cluster = checked(
                HEALTHY,
                HEALTHY_SERVER,
                List.of(
                        nodeCertificate(
                                CertificateRole.NODE_SERVING,
                                node + "/etc/kubernetes/certs/apiserver.crt",
                                "CN=apiserver",
                                700),
                        nodeCertificate(
                                CertificateRole.NODE_CA, node + "/etc/kubernetes/certs/ca.crt", "CN=ca", 30 * 365),
                        nodeCertificate(
                                CertificateRole.KUBELET_CLIENT,
                                node + "/var/lib/kubelet/pki/kubelet-client-current.pem",
                                "CN=system:node:aks-system-12345678-vmss000000,O=system:nodes",
                                300)),
                new TunnelState.NotProbed("not asked for"),
                List.of());
        return new CheckReport(NOW, THRESHOLDS, List.of(cluster));
    }

    private static CertificateCheck nodeCertificate(CertificateRole role, String file, String subject, long daysLeft) {
        CertificateFacts full = facts(subject, daysLeft);
        CertificateFacts summary = new CertificateFacts(
                full.subject(),
                full.issuer(),
                full.serial(),
                full.sha256Fingerprint(),
                full.notBefore(),
                full.notAfter(),
                "unknown",
                0,
                List.of(),
                List.of(),
                false,
                false);
        return new CertificateCheck(role, Location.file(file, 0), summary, daysLeft, Status.OK, List.of());
    }

    static ClusterResult.Checked healthy() {
        return checked(
                HEALTHY,
                HEALTHY_SERVER,
                List.of(
                        certificate(
                                CertificateRole.AGENT_CLIENT, AGENT_CLIENT, "CN=konnectivity-agent", 300, Status.OK),
                        certificate(CertificateRole.AGENT_CA, AGENT_CA, "CN=ca", 30 * 365, Status.OK),
                        certificate(
                                CertificateRole.API_SERVER_SERVING,
                                Location.endpoint("aks-prod-weu-3f2a.hcp.westeurope.azmk8s.io:443", 0),
                                "CN=apiserver",
                                700,
                                Status.OK)),
                new TunnelState.Up("konnectivity-agent-6d9f7-abcde", "I0301 05:59:58 client.go:1] connected"),
                List.of());
    }

    static ClusterResult.Checked expiring() {
        return checked(
                EXPIRING,
                EXPIRING_SERVER,
                List.of(
                        certificate(
                                CertificateRole.AGENT_CLIENT,
                                AGENT_CLIENT,
                                "CN=konnectivity-agent",
                                5,
                                Status.CRITICAL),
                        certificate(
                                CertificateRole.KUBECONFIG_CLIENT,
                                Location.kubeconfig("aks-test-neu-admin", "client-certificate-data"),
                                "CN=masterclient,O=system:masters",
                                20,
                                Status.WARNING)),
                new TunnelState.Up("konnectivity-agent-5c8b4-xyz12", "I0301 05:59:30 client.go:1] connected"),
                List.of(new Finding(
                        Finding.Level.WARNING,
                        "AGENT_CERT_EXPIRES_SOON",
                        "kube-system/konnectivity-certs",
                        "The agent certificate expires in 5 days.",
                        "Renew it with the CSR API before it expires.")));
    }

    static ClusterResult.Checked expired() {
        CertificateCheck unreadable = new CertificateCheck(
                CertificateRole.SCANNED,
                Location.secretKey("monitoring", "grafana-tls", "tls.crt", 0),
                null,
                null,
                Status.INVALID,
                List.of("tls.crt holds no PEM certificate"));
        return checked(
                EXPIRED,
                EXPIRED_SERVER,
                List.of(
                        certificate(
                                CertificateRole.AGENT_CLIENT,
                                AGENT_CLIENT,
                                "CN=konnectivity-agent",
                                -3,
                                Status.EXPIRED,
                                "the certificate expired on 2025-02-26"),
                        certificate(CertificateRole.AGENT_CA, AGENT_CA, "CN=ca", 400, Status.OK),
                        unreadable),
                new TunnelState.Down(
                        "konnectivity-agent-7f6c9-q2w3e",
                        "Get \"https://10.240.0.4:10250/containerLogs/kube-system/konnectivity-agent-7f6c9-q2w3e\":"
                                + " dial tcp 10.240.0.4:10250: i/o timeout"),
                List.of(
                        new Finding(
                                Finding.Level.CRITICAL,
                                "TUNNEL_DOWN_CERT_EXPIRED",
                                "kube-system/konnectivity-certs",
                                "The tunnel is down because the agent certificate expired 3 days ago.",
                                "Have the API server sign a new agent certificate, or run az aks rotate-certs."),
                        new Finding(
                                Finding.Level.INFO,
                                "NO_AUTO_ROTATION",
                                EXPIRED,
                                "RBAC is disabled, so AKS never rotates this cluster's certificates.",
                                "")));
    }

    static ClusterResult.NotChecked unreachable() {
        return new ClusterResult.NotChecked(
                UNREACHABLE,
                UNREACHABLE_SERVER,
                NOW,
                Duration.ofSeconds(30),
                "Timed out after 30 s connecting to " + UNREACHABLE_SERVER);
    }

    /** One cluster with the given certificates, its agent running and its tunnel probed as {@code tunnel}. */
    static ClusterResult.Checked checked(
            String name,
            String server,
            List<CertificateCheck> certificates,
            TunnelState tunnel,
            List<Finding> findings) {
        AgentWorkload workload = new AgentWorkload(
                "Deployment",
                "kube-system",
                "konnectivity-agent",
                2,
                2,
                AgentAuthentication.CLIENT_CERTIFICATE,
                "konnectivity-certs",
                "EnsureExists");
        return new ClusterResult.Checked(
                name,
                server,
                NOW,
                Duration.ofMillis(1234),
                certificates,
                workload,
                tunnel,
                findings,
                Map.of("kubernetesVersion", "1.30.6", "enableRBAC", "true"));
    }

    /** A certificate that expires six hours after {@code daysLeft} whole days from {@link #NOW}. */
    static CertificateCheck certificate(
            CertificateRole role, Location location, String subject, long daysLeft, Status status, String... problems) {
        return new CertificateCheck(role, location, facts(subject, daysLeft), daysLeft, status, List.of(problems));
    }

    static CertificateFacts facts(String subject, long daysLeft) {
        Instant notAfter = NOW.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(6));
        return new CertificateFacts(
                subject,
                "CN=ca",
                "1f2e3d4c",
                "AB:CD:EF:01",
                notAfter.minus(Duration.ofDays(365)),
                notAfter,
                "RSA",
                2048,
                List.of("digitalSignature", "keyEncipherment"),
                List.of("clientAuth"),
                false,
                false);
    }

    static Instant notAfter(long daysLeft) {
        return facts("CN=x", daysLeft).notAfter();
    }

    /** A cluster whose name and certificate subject carry every character a format must escape. */
    static CheckReport hostile(String clusterName, String subject) {
        ClusterResult.Checked cluster = checked(
                clusterName,
                "https://hostile.example:443",
                List.of(certificate(CertificateRole.AGENT_CLIENT, AGENT_CLIENT, subject, 3, Status.CRITICAL)),
                new TunnelState.NotProbed("not asked for"),
                List.of());
        return new CheckReport(NOW, THRESHOLDS, List.of(cluster));
    }

    /** {@code clusters} clusters of five certificates each, expiring over the next years. */
    static CheckReport many(int clusters) {
        List<ClusterResult> results = new ArrayList<>();
        for (int index = 0; index < clusters; index++) {
            String name = "aks-fleet-" + index;
            long agentDays = 10 + index * 3L;
            results.add(checked(
                    name,
                    "https://" + name + ".hcp.westeurope.azmk8s.io:443",
                    List.of(
                            certificate(
                                    CertificateRole.AGENT_CLIENT,
                                    AGENT_CLIENT,
                                    "CN=konnectivity-agent",
                                    agentDays,
                                    THRESHOLDS.statusFor(agentDays, false)),
                            certificate(CertificateRole.AGENT_CA, AGENT_CA, "CN=ca", 30 * 365 - index, Status.OK),
                            certificate(
                                    CertificateRole.API_SERVER_SERVING,
                                    Location.endpoint(name + ".hcp.westeurope.azmk8s.io:443", 0),
                                    "CN=apiserver",
                                    600 + index,
                                    Status.OK),
                            certificate(
                                    CertificateRole.KUBECONFIG_CA,
                                    Location.kubeconfig(name, "certificate-authority-data"),
                                    "CN=ca",
                                    30 * 365 - index,
                                    Status.OK),
                            certificate(
                                    CertificateRole.KUBECONFIG_CLIENT,
                                    Location.kubeconfig(name, "client-certificate-data"),
                                    "CN=masterclient",
                                    700,
                                    Status.OK)),
                    new TunnelState.Up("konnectivity-agent-" + index, "connected"),
                    List.of()));
        }
        return new CheckReport(NOW, THRESHOLDS, results);
    }
}
