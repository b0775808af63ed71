package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.util.List;

/**
 * The report as GitHub-flavoured Markdown, short enough for a pull request comment or a build summary. Past
 * {@code maxRows} certificates only the ones that are not OK are listed, so nothing that needs attention is left out.
 * A rotation is summed up with its certificates before and after and its steps.
 */
public final class MarkdownReport implements ReportRenderer {

    public static final int DEFAULT_MAX_ROWS = 100;

    private final int maxRows;

    public MarkdownReport() {
        this(DEFAULT_MAX_ROWS);
    }

    public MarkdownReport(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException(
                    "A Markdown report lists at least one certificate, not " + maxRows + ".");
        }
        this.maxRows = maxRows;
    }

    @Override
    public String render(CheckReport report) {
        ReportSummary summary = new ReportSummary(report);
        StringBuilder out = new StringBuilder();
        heading(out, report, summary);
        certificates(out, summary.byExpiry());
        findings(out, summary.checked());
        notChecked(out, summary.notChecked());
        skipped(out, summary.skipped());
        return out.toString();
    }

    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        StringBuilder out = new StringBuilder();
        out.append("## ")
                .append(escape(RotationText.heading(safe)))
                .append(": ")
                .append(RotationText.title(safe))
                .append("\n\n")
                .append(escape(RotationText.summary(safe)))
                .append("\n\n- Server: ")
                .append(escape(safe.server()))
                .append("\n- ")
                .append(escape(RotationText.facts(safe)))
                .append("\n- ")
                .append(escape(RotationText.objects(safe)))
                .append('\n');
        changes(out, safe);
        steps(out, safe.steps());
        return out.toString();
    }

    @Override
    public String fileName() {
        return "konnectivity-report.md";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation.md";
    }

    private static void changes(StringBuilder out, RotationReport report) {
        out.append("\n### Certificates\n\n");
        if (report.certificates().isEmpty()) {
            out.append(RotationText.noCertificates(report)).append('\n');
            return;
        }
        List<CertificateChange> changes = report.certificates();
        for (int index = 0; index < changes.size(); index++) {
            CertificateChange change = changes.get(index);
            out.append(index == 0 ? "**" : "\n**")
                    .append(escape(change.what()))
                    .append("**: ")
                    .append(RotationText.change(change))
                    .append("\n\n| | Before | ")
                    .append(RotationText.afterHeading(report))
                    .append(" |\n| --- | --- | --- |\n");
            for (RotationText.Fact fact : RotationText.FACTS) {
                out.append("| ")
                        .append(fact.label())
                        .append(" | ")
                        .append(escape(RotationText.before(change.before(), fact)))
                        .append(" | ")
                        .append(escape(RotationText.after(change.after(), fact)))
                        .append(" |\n");
            }
        }
        String note = RotationText.afterNote(report);
        if (note != null) {
            out.append("\n**Note:** ").append(escape(note)).append('\n');
        }
    }

    private static void steps(StringBuilder out, List<RotationStep> steps) {
        out.append("\n### Steps\n\n");
        if (steps.isEmpty()) {
            out.append("No step was taken.\n");
            return;
        }
        out.append("| # | Step | Outcome | Took | Detail |\n| ---: | --- | --- | ---: | --- |\n");
        int number = 1;
        for (RotationStep step : steps) {
            out.append("| ")
                    .append(number++)
                    .append(" | ")
                    .append(escape(step.name()))
                    .append(" | **")
                    .append(RotationText.outcome(step))
                    .append("** | ")
                    .append(RotationText.duration(step))
                    .append(" | ")
                    .append(escape(step.detail()))
                    .append(" |\n");
        }
    }

    private static void heading(StringBuilder out, CheckReport report, ReportSummary summary) {
        out.append("## Konnectivity certificates: ").append(report.status()).append("\n\n");
        out.append("Checked ")
                .append(ReportText.dateTime(report.generatedAt()))
                .append(": ")
                .append(summary.describe())
                .append(". Warning at ")
                .append(ReportText.days(report.thresholds().warnDays()))
                .append(", critical at ")
                .append(ReportText.days(report.thresholds().criticalDays()))
                .append(".\n");
        summary.firstToExpire().ifPresent(first -> {
            CertificateCheck certificate = first.certificate();
            out.append("\n**Expires first:** ")
                    .append(escape(certificate.role().label()))
                    .append(" of **")
                    .append(escape(first.cluster()))
                    .append("** at ")
                    .append(escape(certificate.location().describe()))
                    .append(", ")
                    .append(ReportText.expiryDateTime(certificate))
                    .append(" (")
                    .append(ReportText.remaining(certificate))
                    .append(").\n");
        });
    }

    private void certificates(StringBuilder out, List<ClusterCertificate> byExpiry) {
        if (byExpiry.isEmpty()) {
            return;
        }
        out.append("\n### Certificates\n\n");
        out.append("| Status | Days left | Expires | Cluster | Role | Location | Subject | Problems |\n");
        out.append("| --- | ---: | --- | --- | --- | --- | --- | --- |\n");
        int listed = 0;
        for (ClusterCertificate entry : byExpiry) {
            if (listed < maxRows || entry.certificate().status() != Status.OK) {
                row(out, entry);
                listed++;
            }
        }
        if (listed < byExpiry.size()) {
            out.append("\n")
                    .append(ReportSummary.count(byExpiry.size() - listed, "more certificate"))
                    .append(", all OK and expiring later, not listed.\n");
        }
    }

    private static void row(StringBuilder out, ClusterCertificate entry) {
        CertificateCheck certificate = entry.certificate();
        out.append("| **")
                .append(certificate.status())
                .append("** | ")
                .append(ReportText.daysLeft(certificate))
                .append(" | ")
                .append(ReportText.expiryDate(certificate));
        for (String cell : List.of(
                entry.cluster(),
                certificate.role().label(),
                certificate.location().describe(),
                ReportText.subject(certificate),
                ReportText.problems(certificate))) {
            out.append(" | ").append(escape(cell));
        }
        out.append(" |\n");
    }

    private static void findings(StringBuilder out, List<ClusterResult.Checked> clusters) {
        if (clusters.stream().allMatch(cluster -> cluster.findings().isEmpty())) {
            return;
        }
        out.append("\n### Findings\n\n");
        for (ClusterResult.Checked cluster : clusters) {
            for (Finding finding : cluster.findings()) {
                out.append("- **").append(finding.level()).append("** ").append(escape(cluster.cluster()));
                if (finding.object() != null && !finding.object().equals(cluster.cluster())) {
                    out.append(", ").append(escape(finding.object()));
                }
                out.append(": ").append(escape(finding.message()));
                if (finding.advice() != null && !finding.advice().isBlank()) {
                    out.append("<br>").append(escape(finding.advice()));
                }
                out.append('\n');
            }
        }
    }

    private static void notChecked(StringBuilder out, List<ClusterResult.NotChecked> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        out.append("\n### Clusters not checked\n\n");
        clusters.forEach(cluster -> out.append("- **")
                .append(escape(cluster.cluster()))
                .append("** (")
                .append(escape(cluster.server()))
                .append("): ")
                .append(escape(cluster.error()))
                .append('\n'));
    }

    private static void skipped(StringBuilder out, List<ClusterResult.Skipped> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        out.append("\n### Clusters skipped\n\n");
        clusters.forEach(cluster -> out.append("- **")
                .append(escape(cluster.cluster()))
                .append("** (")
                .append(escape(cluster.server()))
                .append("): ")
                .append(escape(cluster.reason()))
                .append('\n'));
    }

    /**
     * Text as literal Markdown on one line: a pipe would end a table cell, and markup characters in a subject or an
     * error text would otherwise format it or inject HTML.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : ReportText.oneLine(text).toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
