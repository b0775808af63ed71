package io.konnectivity.report;

import static io.konnectivity.report.ReportFixtures.EXPIRED;
import static io.konnectivity.report.ReportFixtures.HEALTHY;
import static io.konnectivity.report.ReportFixtures.HEALTHY_SERVER;
import static io.konnectivity.report.ReportFixtures.STOPPED;
import static io.konnectivity.report.ReportFixtures.STOPPED_REASON;
import static io.konnectivity.report.ReportFixtures.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.konnectivity.check.CheckReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private final String json = new JsonReport().render(ReportFixtures.fourClusters());

    @Test
    void startsWithTheSchemaVersionTimeOverallStatusAndThresholds() throws Exception {
        JsonNode root = parse(json);

        assertThat(fieldNames(root))
                .containsExactly("schemaVersion", "generatedAt", "status", "thresholds", "clusters");
        assertThat(root.get("schemaVersion").asInt())
                .isEqualTo(CheckReport.SCHEMA_VERSION)
                .isEqualTo(1);
        assertThat(root.get("generatedAt").asText()).isEqualTo("2025-03-01T06:00:00Z");
        assertThat(root.get("status").asText()).isEqualTo("ERROR");
        assertThat(root.get("thresholds").get("warnDays").asInt()).isEqualTo(30);
        assertThat(root.get("thresholds").get("criticalDays").asInt()).isEqualTo(7);
        assertThat(root.get("clusters")).hasSize(4);
    }

    @Test
    void describesACheckedClusterWithItsCertificatesWorkloadTunnelFindingsAndFacts() throws Exception {
        JsonNode cluster = cluster(parse(json), HEALTHY);

        assertThat(fieldNames(cluster))
                .containsExactly(
                        "name",
                        "server",
                        "status",
                        "checkedAt",
                        "tookMillis",
                        "certificates",
                        "workload",
                        "tunnel",
                        "findings",
                        "facts");
        assertThat(cluster.get("server").asText()).isEqualTo(HEALTHY_SERVER);
        assertThat(cluster.get("status").asText()).isEqualTo("OK");
        assertThat(cluster.get("checkedAt").asText()).isEqualTo("2025-03-01T06:00:00Z");
        assertThat(cluster.get("tookMillis").asLong()).isEqualTo(1234);
        assertThat(cluster.get("certificates")).hasSize(3);
        assertThat(cluster.get("workload").get("kind").asText()).isEqualTo("Deployment");
        assertThat(cluster.get("workload").get("authentication").asText()).isEqualTo("CLIENT_CERTIFICATE");
        assertThat(cluster.get("tunnel").get("state").asText()).isEqualTo("up");
        assertThat(cluster.get("tunnel").get("pod").asText()).isEqualTo("konnectivity-agent-6d9f7-abcde");
        assertThat(cluster.get("findings")).isEmpty();
        assertThat(fieldNames(cluster.get("facts"))).containsExactly("enableRBAC", "kubernetesVersion");
        assertThat(cluster.get("facts").get("kubernetesVersion").asText()).isEqualTo("1.30.6");
    }

    @Test
    void describesEachCertificateWithItsLocationVerdictAndFacts() throws Exception {
        JsonNode certificate = cluster(parse(json), EXPIRED).get("certificates").get(0);

        assertThat(fieldNames(certificate))
                .containsExactly(
                        "id",
                        "role",
                        "location",
                        "status",
                        "daysLeft",
                        "problems",
                        "subject",
                        "issuer",
                        "serial",
                        "sha256Fingerprint",
                        "notBefore",
                        "notAfter",
                        "keyAlgorithm",
                        "keySize",
                        "keyUsages",
                        "extendedKeyUsages",
                        "ca",
                        "selfSigned");
        assertThat(certificate.get("id").asText()).isEqualTo("agent_client:kube-system/konnectivity-certs[client.crt]");
        assertThat(certificate.get("role").asText()).isEqualTo("AGENT_CLIENT");
        assertThat(certificate.get("location").get("namespace").asText()).isEqualTo("kube-system");
        assertThat(certificate.get("location").get("secret").asText()).isEqualTo("konnectivity-certs");
        assertThat(certificate.get("location").get("key").asText()).isEqualTo("client.crt");
        assertThat(certificate.get("location").get("endpoint").isNull()).isTrue();
        assertThat(certificate.get("location").get("index").asInt()).isZero();
        assertThat(certificate.get("location").get("description").asText())
                .isEqualTo("kube-system/konnectivity-certs[client.crt]");
        assertThat(certificate.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(certificate.get("daysLeft").asLong()).isEqualTo(-3);
        assertThat(certificate.get("problems").get(0).asText()).isEqualTo("the certificate expired on 2025-02-26");
        assertThat(certificate.get("subject").asText()).isEqualTo("CN=konnectivity-agent");
        assertThat(certificate.get("notAfter").asText()).isEqualTo("2025-02-26T12:00:00Z");
        assertThat(certificate.get("keySize").asInt()).isEqualTo(2048);
        assertThat(certificate.get("extendedKeyUsages").get(0).asText()).isEqualTo("clientAuth");
        assertThat(certificate.get("ca").asBoolean()).isFalse();
    }

    @Test
    void keepsEveryFactFieldAsNullForACertificateThatCouldNotBeRead() throws Exception {
        JsonNode unreadable = cluster(parse(json), EXPIRED).get("certificates").get(2);

        assertThat(unreadable.get("status").asText()).isEqualTo("INVALID");
        assertThat(unreadable.get("daysLeft").isNull()).isTrue();
        for (String fact : List.of("subject", "notAfter", "keySize", "keyUsages", "ca", "selfSigned")) {
            assertThat(unreadable.get(fact).isNull()).as(fact).isTrue();
        }
    }

    @Test
    void describesTheTunnelDownWithItsErrorAndTheFindingsWithTheirAdvice() throws Exception {
        JsonNode cluster = cluster(parse(json), EXPIRED);

        assertThat(cluster.get("tunnel").get("state").asText()).isEqualTo("down");
        assertThat(cluster.get("tunnel").get("detail").asText()).endsWith("dial tcp 10.240.0.4:10250: i/o timeout");
        JsonNode finding = cluster.get("findings").get(0);
        assertThat(fieldNames(finding)).containsExactly("level", "code", "object", "message", "advice");
        assertThat(finding.get("level").asText()).isEqualTo("CRITICAL");
        assertThat(finding.get("code").asText()).isEqualTo("TUNNEL_DOWN_CERT_EXPIRED");
        assertThat(finding.get("advice").asText()).startsWith("Have the API server sign");
    }

    @Test
    void describesAClusterThatCouldNotBeCheckedByItsErrorInsteadOfCertificates() throws Exception {
        JsonNode cluster = cluster(parse(json), UNREACHABLE);

        assertThat(fieldNames(cluster)).containsExactly("name", "server", "status", "checkedAt", "tookMillis", "error");
        assertThat(cluster.get("status").asText()).isEqualTo("ERROR");
        assertThat(cluster.get("error").asText()).startsWith("Timed out after 30 s");
    }

    @Test
    void describesASkippedClusterByItsReasonInsteadOfCertificates() throws Exception {
        JsonNode cluster = cluster(parse(new JsonReport().render(ReportFixtures.withStopped())), STOPPED);

        assertThat(fieldNames(cluster))
                .containsExactly("name", "server", "status", "checkedAt", "tookMillis", "skipped");
        assertThat(cluster.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(cluster.get("skipped").asText()).isEqualTo(STOPPED_REASON);
    }

    @Test
    void aSkippedClusterDoesNotMakeTheOverallStatusWorseThanOk() throws Exception {
        JsonNode root = parse(new JsonReport().render(ReportFixtures.healthyAndStopped()));

        assertThat(root.get("status").asText()).isEqualTo("OK");
    }

    @Test
    void namesTheRolesOfNodeCertificateFilesAndLeavesTheirUnknownUsagesEmpty() throws Exception {
        JsonNode certificates = parse(new JsonReport().render(ReportFixtures.nodeFiles()))
                .get("clusters")
                .get(0)
                .get("certificates");

        List<String> roles = new ArrayList<>();
        certificates.forEach(certificate -> roles.add(certificate.get("role").asText()));
        assertThat(roles).containsExactly("NODE_SERVING", "NODE_CA", "KUBELET_CLIENT");
        JsonNode kubelet = certificates.get(2);
        assertThat(kubelet.get("id").asText())
                .isEqualTo("kubelet_client:aks-system-12345678-vmss/0:/var/lib/kubelet/pki/kubelet-client-current.pem");
        assertThat(kubelet.get("status").asText()).isEqualTo("OK");
        assertThat(kubelet.get("extendedKeyUsages")).isEmpty();
    }

    @Test
    void isPrettyPrintedWithUnixLineEndsAndTheSameForTheSameReport() {
        assertThat(json)
                .startsWith("{\n  \"schemaVersion\": 1,\n")
                .endsWith("}\n")
                .doesNotContain("\r");
        assertThat(new JsonReport().render(ReportFixtures.fourClusters())).isEqualTo(json);
    }

    private static JsonNode parse(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode cluster(JsonNode root, String name) {
        for (JsonNode cluster : root.get("clusters")) {
            if (cluster.get("name").asText().equals(name)) {
                return cluster;
            }
        }
        throw new AssertionError("No cluster " + name + " in the JSON report.");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
