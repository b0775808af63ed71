package io.konnectivity.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Location;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The report as JSON for machines, in the formats documented in {@code docs/report-format.md}: the check report and the
 * rotation report each have their own schema version. The tree is built field by field so that renaming a Java class
 * or record component never changes the format.
 */
public final class JsonReport implements ReportRenderer {

    /** The version of the rotation report's JSON format; raised on any incompatible change. */
    public static final int ROTATION_SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter writer = mapper.writer(prettyPrinter());

    @Override
    public String render(CheckReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", CheckReport.SCHEMA_VERSION);
        root.put("generatedAt", instant(report.generatedAt()));
        root.put("status", report.status().name());
        root.putObject("thresholds")
                .put("warnDays", report.thresholds().warnDays())
                .put("criticalDays", report.thresholds().criticalDays());
        ArrayNode clusters = root.putArray("clusters");
        report.clusters().forEach(cluster -> clusters.add(cluster(cluster)));
        return write(root);
    }

    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        ObjectNode root = mapper.createObjectNode()
                .put("schemaVersion", ROTATION_SCHEMA_VERSION)
                .put("kind", "rotation")
                .put("cluster", safe.cluster())
                .put("server", safe.server())
                .put("mode", safe.mode() == null ? null : safe.mode().name())
                .put("result", RotationText.result(safe).name())
                .put("summary", RotationText.summary(safe))
                .put("exitCode", safe.exitCode())
                .put("dryRun", RotationText.dryRun(safe))
                .put("startedAt", instant(safe.startedAt()))
                .put("tookMillis", safe.took() == null ? null : safe.took().toMillis())
                .put("backup", safe.backup())
                .put("csr", safe.csr());
        ArrayNode steps = root.putArray("steps");
        safe.steps().forEach(step -> steps.add(step(step)));
        ArrayNode certificates = root.putArray("certificates");
        safe.certificates().forEach(change -> certificates.add(change(change)));
        return write(root);
    }

    @Override
    public String fileName() {
        return "konnectivity-report.json";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation.json";
    }

    private String write(ObjectNode root) {
        try {
            return writer.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write the JSON report: " + e.getMessage(), e);
        }
    }

    private ObjectNode step(RotationStep step) {
        return mapper.createObjectNode()
                .put("name", step.name())
                .put("outcome", step.outcome() == null ? null : step.outcome().name())
                .put("detail", step.detail())
                .put("tookMillis", step.took() == null ? null : step.took().toMillis());
    }

    private ObjectNode change(CertificateChange change) {
        ObjectNode node = mapper.createObjectNode().put("what", change.what());
        node.set("before", change.before() == null ? null : facts(change.before()));
        node.set("after", change.after() == null ? null : facts(change.after()));
        node.put("daysAdded", RotationText.daysAdded(change));
        return node;
    }

    private ObjectNode facts(CertificateFacts facts) {
        ObjectNode node = mapper.createObjectNode();
        addFacts(node, facts);
        return node;
    }

    private ObjectNode cluster(ClusterResult cluster) {
        ObjectNode node = mapper.createObjectNode()
                .put("name", cluster.cluster())
                .put("server", cluster.server())
                .put("status", cluster.status().name())
                .put("checkedAt", instant(cluster.checkedAt()))
                .put(
                        "tookMillis",
                        cluster.took() == null ? null : cluster.took().toMillis());
        if (cluster instanceof ClusterResult.NotChecked notChecked) {
            node.put("error", notChecked.error());
        } else if (cluster instanceof ClusterResult.Skipped skipped) {
            node.put("skipped", skipped.reason());
        } else if (cluster instanceof ClusterResult.Checked checked) {
            addChecked(node, checked);
        }
        return node;
    }

    private void addChecked(ObjectNode node, ClusterResult.Checked cluster) {
        ArrayNode certificates = node.putArray("certificates");
        cluster.certificates().forEach(certificate -> certificates.add(certificate(certificate)));
        node.set("workload", workload(cluster.workload()));
        TunnelSummary tunnel = TunnelSummary.of(cluster.tunnel());
        node.putObject("tunnel")
                .put("state", tunnel.state())
                .put("pod", tunnel.pod())
                .put("detail", tunnel.detail());
        ArrayNode findings = node.putArray("findings");
        cluster.findings().forEach(finding -> findings.add(finding(finding)));
        ObjectNode facts = node.putObject("facts");
        new TreeMap<>(cluster.facts()).forEach(facts::put);
    }

    private ObjectNode certificate(CertificateCheck certificate) {
        ObjectNode node = mapper.createObjectNode()
                .put("id", certificate.id())
                .put("role", certificate.role().name());
        node.set("location", location(certificate.location()));
        node.put("status", certificate.status().name()).put("daysLeft", certificate.daysLeft());
        node.set("problems", strings(certificate.problems()));
        addFacts(node, certificate.facts());
        return node;
    }

    private ObjectNode location(Location location) {
        return mapper.createObjectNode()
                .put("namespace", location.namespace())
                .put("secret", location.secret())
                .put("key", location.key())
                .put("endpoint", location.endpoint())
                .put("file", location.file())
                .put("index", location.index())
                .put("description", location.describe());
    }

    /** The facts sit beside the verdict, every field present and null when the certificate could not be read. */
    private void addFacts(ObjectNode node, CertificateFacts facts) {
        boolean known = facts != null;
        node.put("subject", known ? facts.subject() : null)
                .put("issuer", known ? facts.issuer() : null)
                .put("serial", known ? facts.serial() : null)
                .put("sha256Fingerprint", known ? facts.sha256Fingerprint() : null)
                .put("notBefore", known ? instant(facts.notBefore()) : null)
                .put("notAfter", known ? instant(facts.notAfter()) : null)
                .put("keyAlgorithm", known ? facts.keyAlgorithm() : null)
                .put("keySize", known ? facts.keySize() : null);
        node.set("keyUsages", known ? strings(facts.keyUsages()) : null);
        node.set("extendedKeyUsages", known ? strings(facts.extendedKeyUsages()) : null);
        node.put("ca", known ? facts.ca() : null).put("selfSigned", known ? facts.selfSigned() : null);
    }

    private ObjectNode workload(AgentWorkload workload) {
        if (workload == null) {
            return null;
        }
        return mapper.createObjectNode()
                .put("kind", workload.kind())
                .put("namespace", workload.namespace())
                .put("name", workload.name())
                .put("desired", workload.desired())
                .put("ready", workload.ready())
                .put(
                        "authentication",
                        workload.authentication() == null
                                ? null
                                : workload.authentication().name())
                .put("certificateSecret", workload.certificateSecret())
                .put("secretMode", workload.secretMode());
    }

    private ObjectNode finding(Finding finding) {
        return mapper.createObjectNode()
                .put("level", finding.level().name())
                .put("code", finding.code())
                .put("object", finding.object())
                .put("message", finding.message())
                .put("advice", finding.advice());
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Two-space indentation and {@code "key": value}, with the same line ends on every platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
