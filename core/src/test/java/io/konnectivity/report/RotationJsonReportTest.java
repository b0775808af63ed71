package io.konnectivity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationJsonReportTest {

    private static final List<String> FACT_FIELDS = List.of(
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

    @Test
    void describesTheRotationWithItsOwnSchemaVersionResultAndObjects() throws Exception {
        JsonNode root = parse(new JsonReport().render(RotationFixtures.rotated()));

        assertThat(fieldNames(root))
                .containsExactly(
                        "schemaVersion",
                        "kind",
                        "cluster",
                        "server",
                        "mode",
                        "result",
                        "summary",
                        "exitCode",
                        "dryRun",
                        "startedAt",
                        "tookMillis",
                        "backup",
                        "csr",
                        "steps",
                        "certificates");
        assertThat(root.get("schemaVersion").asInt())
                .isEqualTo(JsonReport.ROTATION_SCHEMA_VERSION)
                .isEqualTo(1);
        assertThat(root.get("kind").asText()).isEqualTo("rotation");
        assertThat(root.get("cluster").asText()).isEqualTo("aks-test-neu");
        assertThat(root.get("server").asText()).isEqualTo(RotationFixtures.SERVER);
        assertThat(root.get("mode").asText()).isEqualTo("CSR");
        assertThat(root.get("result").asText()).isEqualTo("ROTATED");
        assertThat(root.get("summary").asText())
                .isEqualTo(
                        "Renewed kube-system/konnectivity-certs[client.crt]: 2026-03-06T12:00:00Z; the tunnel works.");
        assertThat(root.get("exitCode").asInt()).isZero();
        assertThat(root.get("dryRun").asBoolean()).isFalse();
        assertThat(root.get("startedAt").asText()).isEqualTo("2025-03-01T06:00:00Z");
        assertThat(root.get("tookMillis").asLong()).isEqualTo(42_500);
        assertThat(root.get("backup").asText()).isEqualTo(RotationFixtures.BACKUP);
        assertThat(root.get("csr").asText()).isEqualTo(RotationFixtures.CSR);
        assertThat(root.get("steps")).hasSize(10);
    }

    @Test
    void describesEachStepInOrder() throws Exception {
        JsonNode steps =
                parse(new JsonReport().render(RotationFixtures.rolledBack())).get("steps");

        assertThat(fieldNames(steps.get(0))).containsExactly("name", "outcome", "detail", "tookMillis");
        List<String> summary = new ArrayList<>();
        steps.forEach(step -> summary.add(step.get("name").asText() + " "
                + step.get("outcome").asText() + " " + step.get("tookMillis").asLong()));
        assertThat(summary)
                .containsExactly(
                        "preflight DONE 850",
                        "lock DONE 120",
                        "backup DONE 310",
                        "csr DONE 95",
                        "approval DONE 60",
                        "issued DONE 2400",
                        "update DONE 140",
                        "restart DONE 31200",
                        "verify FAILED 60000",
                        "rollback DONE 35000",
                        "cleanup DONE 150");
        assertThat(steps.get(8).get("detail").asText())
                .isEqualTo("The tunnel does not work after the restart: down (dial tcp 10.240.0.4:10250: i/o timeout)");
    }

    @Test
    void describesEachCertificateBeforeAndAfterWithTheDaysAdded() throws Exception {
        JsonNode change = parse(new JsonReport().render(RotationFixtures.rotated()))
                .get("certificates")
                .get(0);

        assertThat(fieldNames(change)).containsExactly("what", "before", "after", "daysAdded");
        assertThat(change.get("what").asText()).isEqualTo(RotationFixtures.AGENT);
        assertThat(fieldNames(change.get("before"))).isEqualTo(FACT_FIELDS);
        assertThat(fieldNames(change.get("after"))).isEqualTo(FACT_FIELDS);
        assertThat(change.get("before").get("serial").asText()).isEqualTo("1f2e3d4c");
        assertThat(change.get("before").get("notAfter").asText()).isEqualTo("2025-03-06T12:00:00Z");
        assertThat(change.get("after").get("serial").asText()).isEqualTo("7a8b9c0d1e");
        assertThat(change.get("after").get("sha256Fingerprint").asText()).isEqualTo("12:34:56:78");
        assertThat(change.get("after").get("notAfter").asText()).isEqualTo("2026-03-06T12:00:00Z");
        assertThat(change.get("after").get("extendedKeyUsages").get(0).asText()).isEqualTo("clientAuth");
        assertThat(change.get("daysAdded").asLong()).isEqualTo(365);
    }

    @Test
    void marksADryRunAndKeepsTheMissingCertificateAfterAndObjectsAsNull() throws Exception {
        JsonNode root = parse(new JsonReport().render(RotationFixtures.dryRun()));

        assertThat(root.get("result").asText()).isEqualTo("UNCHANGED");
        assertThat(root.get("dryRun").asBoolean()).isTrue();
        assertThat(root.get("backup").isNull()).isTrue();
        assertThat(root.get("csr").isNull()).isTrue();
        assertThat(root.get("steps").get(1).get("outcome").asText()).isEqualTo("PLANNED");
        JsonNode change = root.get("certificates").get(0);
        assertThat(change.get("before").get("serial").asText()).isEqualTo("1f2e3d4c");
        assertThat(change.get("after").isNull()).isTrue();
        assertThat(change.get("daysAdded").isNull()).isTrue();
    }

    @Test
    void givesTheExitCodeOfARotationRolledBackOrFailed() throws Exception {
        JsonNode rolledBack = parse(new JsonReport().render(RotationFixtures.rolledBack()));
        JsonNode failed = parse(new JsonReport().render(RotationFixtures.failedBeforeAnyChange()));

        assertThat(rolledBack.get("result").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.get("exitCode").asInt()).isEqualTo(2);
        assertThat(failed.get("result").asText()).isEqualTo("FAILED");
        assertThat(failed.get("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.get("summary").asText()).isEqualTo(RotationFixtures.MISSING_PERMISSIONS);
        assertThat(failed.get("certificates")).isEmpty();
        assertThat(failed.get("steps")).hasSize(1);
    }

    @Test
    void isPrettyPrintedWithUnixLineEndsAndTheSameForTheSameReport() {
        String json = new JsonReport().render(RotationFixtures.rotated());

        assertThat(json)
                .startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"rotation\",\n")
                .endsWith("}\n")
                .doesNotContain("\r");
        assertThat(new JsonReport().render(RotationFixtures.rotated())).isEqualTo(json);
    }

    @Test
    void keepsAnyTextAsAStringValue() throws Exception {
        String text = "x\"}, \"exitCode\": 0, \"a\": {\"\n\u0001";
        JsonNode root = parse(new JsonReport().render(RotationFixtures.hostile(text, text)));

        assertThat(root.get("cluster").asText()).isEqualTo(text);
        assertThat(root.get("summary").asText()).isEqualTo(text);
        assertThat(root.get("exitCode").asInt()).isEqualTo(3);
    }

    private static JsonNode parse(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
