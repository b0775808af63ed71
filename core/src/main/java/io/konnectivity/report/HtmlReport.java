package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page for people: a summary to take in at a glance, a timeline of expiry dates,
 * then every certificate, finding and error. It loads nothing from anywhere, so it opens the same from a build archive,
 * a mail attachment or a machine without internet access. A rotation gets a page of its own: its result, each
 * certificate before and after, and its steps on a timeline.
 */
public final class HtmlReport implements ReportRenderer {

    @Override
    public String render(CheckReport report) {
        ReportSummary summary = new ReportSummary(report);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Konnectivity certificates: ")
                .append(report.status())
                .append(" (")
                .append(ReportText.dateTime(report.generatedAt()))
                .append(")</title>\n<style>\n")
                .append(HtmlStyle.CSS)
                .append("</style>\n</head>\n<body>\n");
        banner(out, report, summary);
        out.append("<main>\n");
        glance(out, summary);
        out.append("<section>\n<h2>Expiry timeline</h2>\n")
                .append(new ExpiryTimeline(report.generatedAt(), report.thresholds()).render(summary.byExpiry()))
                .append("<p class=\"muted\">Square-root time scale: the coming weeks get more room than later years."
                        + " Hover over a marker for the certificate.</p>\n</section>\n");
        certificates(out, summary.byExpiry());
        findings(out, summary.checked());
        notChecked(out, summary.notChecked());
        skipped(out, summary.skipped());
        clusters(out, report.clusters());
        out.append("</main>\n<footer>JSON report schema version ")
                .append(CheckReport.SCHEMA_VERSION)
                .append(".</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        String title = RotationText.title(safe);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(ReportText.oneLine(RotationText.heading(safe))))
                .append(": ")
                .append(title)
                .append(" (")
                .append(ReportText.dateTime(safe.startedAt()))
                .append(")</title>\n<style>\n")
                .append(HtmlStyle.ROTATION_CSS)
                .append("</style>\n</head>\n<body>\n<header class=\"banner bg-")
                .append(RotationText.result(safe).css())
                .append("\">\n<h1>")
                .append(escape(RotationText.heading(safe)))
                .append(": ")
                .append(title)
                .append("</h1>\n<p>")
                .append(escape(RotationText.summary(safe)))
                .append("</p>\n</header>\n<main>\n");
        rotation(out, safe);
        changes(out, safe);
        steps(out, safe);
        out.append("</main>\n<footer>JSON rotation report schema version ")
                .append(JsonReport.ROTATION_SCHEMA_VERSION)
                .append(".</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    @Override
    public String fileName() {
        return "konnectivity-report.html";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation.html";
    }

    private static void rotation(StringBuilder out, RotationReport report) {
        out.append("<section>\n<h2>Rotation</h2>\n<dl class=\"facts\">\n");
        fact(out, "Cluster", escape(report.cluster()));
        fact(out, "Server", escape(report.server()));
        fact(out, "Mode", escape(RotationText.mode(report)));
        fact(out, "Started", ReportText.dateTime(report.startedAt()));
        fact(out, "Took", RotationText.duration(report.took()));
        fact(out, "Exit code", Integer.toString(report.exitCode()));
        fact(out, "Backup Secret", name(report.backup()));
        fact(out, "CertificateSigningRequest", name(report.csr()));
        out.append("</dl>\n</section>\n");
    }

    private static void fact(StringBuilder out, String term, String html) {
        out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static String name(String name) {
        return name == null || name.isBlank()
                ? "<span class=\"muted\">none</span>"
                : "<code>" + escape(name) + "</code>";
    }

    private static void changes(StringBuilder out, RotationReport report) {
        out.append("<section>\n<h2>Certificates</h2>\n");
        if (report.certificates().isEmpty()) {
            out.append("<p class=\"muted\">")
                    .append(RotationText.noCertificates(report))
                    .append("</p>\n</section>\n");
            return;
        }
        // What changed is highlighted only when the new certificate is the one in use.
        boolean inUse = RotationText.result(report) == RotationText.Result.ROTATED;
        for (CertificateChange change : report.certificates()) {
            out.append("<h3><code>")
                    .append(escape(change.what()))
                    .append("</code> <span class=\"muted\">")
                    .append(RotationText.change(change))
                    .append("</span></h3>\n<div class=\"scroll\"><table class=\"change\">\n<thead><tr><th></th>")
                    .append("<th>Before</th><th>")
                    .append(RotationText.afterHeading(report))
                    .append("</th></tr></thead>\n<tbody>\n");
            for (RotationText.Fact fact : RotationText.FACTS) {
                String before = RotationText.before(change.before(), fact);
                String after = RotationText.after(change.after(), fact);
                boolean changed = inUse && change.before() != null && change.after() != null && !before.equals(after);
                out.append("<tr><th scope=\"row\">")
                        .append(fact.label())
                        .append(change.before() == null ? "</th><td class=\"long muted\">" : "</th><td class=\"long\">")
                        .append(escape(before))
                        .append("</td><td class=\"long")
                        .append(changed ? " changed" : "")
                        .append(change.after() == null ? " muted" : "")
                        .append("\">")
                        .append(escape(after))
                        .append("</td></tr>\n");
            }
            out.append("<tr><th scope=\"row\">Days added</th><td colspan=\"2\">")
                    .append(RotationText.daysAddedText(change))
                    .append("</td></tr>\n</tbody>\n</table></div>\n");
        }
        String note = RotationText.afterNote(report);
        if (note != null) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        out.append("</section>\n");
    }

    /**
     * The steps in order with outcome, duration and detail. Each step that ran also gets a bar, as long as it took on
     * the scale of the whole rotation and placed after the steps before it, so the slow steps stand out.
     */
    private static void steps(StringBuilder out, RotationReport report) {
        out.append("<section>\n<h2>Steps</h2>\n");
        if (report.steps().isEmpty()) {
            out.append("<p class=\"muted\">No step was taken.</p>\n</section>\n");
            return;
        }
        long total = timelineMillis(report);
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>#</th><th>Step</th><th>Outcome</th><th>Took</th>")
                .append(total > 0 ? "<th>Timeline</th>" : "")
                .append("<th>Detail</th></tr></thead>\n<tbody>\n");
        long elapsed = 0;
        int number = 1;
        for (RotationStep step : report.steps()) {
            String outcome = css(step.outcome());
            out.append("<tr class=\"step-")
                    .append(outcome)
                    .append("\"><td class=\"num\">")
                    .append(number++)
                    .append("</td><td class=\"nowrap\"><code>")
                    .append(escape(step.name()))
                    .append("</code></td><td><span class=\"pill oc-")
                    .append(outcome)
                    .append("\">")
                    .append(RotationText.outcome(step))
                    .append("</span></td><td class=\"num\">")
                    .append(RotationText.duration(step))
                    .append("</td>");
            if (total > 0) {
                long took = ran(step) ? step.took().toMillis() : 0;
                out.append("<td>");
                if (ran(step)) {
                    out.append("<div class=\"bar\"><span class=\"oc-")
                            .append(outcome)
                            .append("\" style=\"left:")
                            .append(percent(elapsed, total))
                            .append(";width:")
                            .append(percent(took, total))
                            .append("\"></span></div>");
                }
                out.append("</td>");
                elapsed += took;
            }
            out.append("<td class=\"long\">").append(escape(step.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        if (total > 0) {
            out.append("<p class=\"muted\">Each bar is as long as its step took, out of ")
                    .append(RotationText.duration(Duration.ofMillis(total)))
                    .append(", and starts where the steps before it ended.</p>\n");
        }
        out.append("</section>\n");
    }

    /** The scale of the step timeline: the whole rotation, or the steps' sum if that is longer; 0 for no bars. */
    private static long timelineMillis(RotationReport report) {
        long steps = report.steps().stream()
                .filter(HtmlReport::ran)
                .mapToLong(step -> step.took().toMillis())
                .sum();
        if (steps == 0) {
            return 0;
        }
        return Math.max(steps, report.took() == null ? 0 : report.took().toMillis());
    }

    /** Whether a step took time: a planned step did not run. */
    private static boolean ran(RotationStep step) {
        return step.outcome() != RotationStep.Outcome.PLANNED
                && step.took() != null
                && !step.took().isNegative();
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * part / total);
    }

    private static void banner(StringBuilder out, CheckReport report, ReportSummary summary) {
        out.append("<header class=\"banner bg-")
                .append(css(report.status()))
                .append("\">\n<h1>Konnectivity certificates: ")
                .append(report.status())
                .append("</h1>\n<p>Checked ")
                .append(ReportText.dateTime(report.generatedAt()))
                .append(": ")
                .append(escape(summary.describe()))
                .append(". Warning at ")
                .append(ReportText.days(report.thresholds().warnDays()))
                .append(", critical at ")
                .append(ReportText.days(report.thresholds().criticalDays()))
                .append(" left.</p>\n</header>\n");
    }

    private static void glance(StringBuilder out, ReportSummary summary) {
        out.append("<section class=\"glance\">\n<div>\n<h2>Expires first</h2>\n");
        summary.firstToExpire()
                .ifPresentOrElse(
                        first -> firstToExpire(out, first),
                        () -> out.append("<p class=\"muted\">No certificate has a readable expiry date.</p>\n"));
        out.append("</div>\n<div>\n<h2>Certificates by status</h2>\n<ul class=\"counts\">\n");
        Map<Status, Integer> counts = summary.certificatesByStatus();
        counts.forEach((status, count) -> out.append("<li><span class=\"n fg-")
                .append(css(status))
                .append("\">")
                .append(count)
                .append("</span><span class=\"pill bg-")
                .append(css(status))
                .append("\">")
                .append(status)
                .append("</span></li>\n"));
        if (!summary.notChecked().isEmpty()) {
            out.append("<li><span class=\"n fg-error\">")
                    .append(summary.notChecked().size())
                    .append("</span><span class=\"pill bg-error\">NOT CHECKED</span> clusters</li>\n");
        }
        if (!summary.skipped().isEmpty()) {
            out.append("<li><span class=\"n fg-skipped\">")
                    .append(summary.skipped().size())
                    .append("</span><span class=\"pill bg-skipped\">SKIPPED</span> clusters</li>\n");
        }
        out.append("</ul>\n</div>\n</section>\n");
    }

    private static void firstToExpire(StringBuilder out, ClusterCertificate first) {
        CertificateCheck certificate = first.certificate();
        out.append("<p class=\"big fg-")
                .append(css(certificate.status()))
                .append("\">")
                .append(escape(ReportText.remaining(certificate)))
                .append("</p>\n<p>")
                .append(escape(certificate.role().label()))
                .append(" of <strong>")
                .append(escape(first.cluster()))
                .append("</strong><br>\n<code>")
                .append(escape(certificate.location().describe()))
                .append("</code><br>\nexpires ")
                .append(ReportText.expiryDateTime(certificate))
                .append("</p>\n");
    }

    private static void certificates(StringBuilder out, List<ClusterCertificate> byExpiry) {
        out.append("<section>\n<h2>Certificates, soonest expiry first</h2>\n");
        if (byExpiry.isEmpty()) {
            out.append("<p class=\"muted\">No certificates were found.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>Cluster</th><th>Role</th><th>Location</th>"
                + "<th>Subject</th><th>Expires</th><th>Days left</th><th>Status</th><th>Problems</th></tr></thead>\n"
                + "<tbody>\n");
        for (ClusterCertificate entry : byExpiry) {
            CertificateCheck certificate = entry.certificate();
            out.append("<tr class=\"row-")
                    .append(css(certificate.status()))
                    .append("\"><td class=\"nowrap\">")
                    .append(escape(entry.cluster()))
                    .append("</td><td>")
                    .append(escape(certificate.role().label()))
                    .append("</td><td class=\"long\"><code>")
                    .append(escape(certificate.location().describe()))
                    .append("</code></td><td class=\"long\">")
                    .append(escape(ReportText.subject(certificate)))
                    .append("</td><td class=\"nowrap\">")
                    .append(ReportText.expiryDateTime(certificate))
                    .append("</td><td class=\"num\">")
                    .append(ReportText.daysLeft(certificate))
                    .append("</td><td>")
                    .append(pill(certificate.status()))
                    .append("</td><td>")
                    .append(escape(ReportText.problems(certificate)))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** Clusters with the most serious findings first, so the ones to act on are at the top of a long page. */
    private static void findings(StringBuilder out, List<ClusterResult.Checked> clusters) {
        List<ClusterResult.Checked> withFindings = clusters.stream()
                .filter(cluster -> !cluster.findings().isEmpty())
                .sorted(Comparator.comparing(HtmlReport::mostSerious).reversed())
                .toList();
        if (withFindings.isEmpty()) {
            return;
        }
        out.append("<section>\n<h2>Findings</h2>\n");
        for (ClusterResult.Checked cluster : withFindings) {
            out.append("<h3>")
                    .append(escape(cluster.cluster()))
                    .append(" <span class=\"muted\">")
                    .append(escape(cluster.server()))
                    .append("</span></h3>\n<ul class=\"findings\">\n");
            cluster.findings().forEach(finding -> finding(out, finding));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private static void finding(StringBuilder out, Finding finding) {
        out.append("<li><span class=\"pill lv-")
                .append(finding.level().name().toLowerCase(Locale.ROOT))
                .append("\">")
                .append(finding.level())
                .append("</span> <strong>")
                .append(escape(finding.message()))
                .append("</strong> <span class=\"muted\">")
                .append(escape(finding.code()))
                .append(" \u00b7 ")
                .append(escape(finding.object()))
                .append("</span>");
        if (finding.advice() != null && !finding.advice().isBlank()) {
            out.append("<p class=\"advice\">").append(escape(finding.advice())).append("</p>");
        }
        out.append("</li>\n");
    }

    private static void notChecked(StringBuilder out, List<ClusterResult.NotChecked> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        out.append("<section>\n<h2>Clusters that could not be checked</h2>\n<div class=\"scroll\"><table>\n")
                .append("<thead><tr><th>Cluster</th><th>Server</th><th>Error</th></tr></thead>\n<tbody>\n");
        clusters.forEach(cluster -> out.append("<tr class=\"row-error\"><td class=\"nowrap\">")
                .append(escape(cluster.cluster()))
                .append("</td><td class=\"long\">")
                .append(escape(cluster.server()))
                .append("</td><td>")
                .append(escape(cluster.error()))
                .append("</td></tr>\n"));
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void skipped(StringBuilder out, List<ClusterResult.Skipped> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        out.append("<section>\n<h2>Clusters skipped</h2>\n<div class=\"scroll\"><table>\n")
                .append("<thead><tr><th>Cluster</th><th>Server</th><th>Reason</th></tr></thead>\n<tbody>\n");
        clusters.forEach(cluster -> out.append("<tr class=\"row-skipped\"><td class=\"nowrap\">")
                .append(escape(cluster.cluster()))
                .append("</td><td class=\"long\">")
                .append(escape(cluster.server()))
                .append("</td><td>")
                .append(escape(cluster.reason()))
                .append("</td></tr>\n"));
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void clusters(StringBuilder out, List<ClusterResult> clusters) {
        out.append("<section>\n<h2>Clusters</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Cluster</th>"
                + "<th>Server</th><th>Status</th><th>Certificates</th><th>Agent</th><th>Tunnel</th>"
                + "<th>Took</th></tr></thead>\n<tbody>\n");
        for (ClusterResult cluster : clusters) {
            out.append("<tr class=\"row-")
                    .append(css(cluster.status()))
                    .append("\"><td class=\"nowrap\">")
                    .append(escape(cluster.cluster()))
                    .append("</td><td class=\"long\">")
                    .append(escape(cluster.server()))
                    .append("</td><td>")
                    .append(pill(cluster.status()))
                    .append("</td>");
            if (cluster instanceof ClusterResult.Checked checked) {
                out.append("<td class=\"num\">")
                        .append(checked.certificates().size())
                        .append("</td><td>")
                        .append(escape(agent(checked.workload())))
                        .append("</td><td class=\"long\">")
                        .append(escape(TunnelSummary.of(checked.tunnel()).describe()))
                        .append("</td>");
            } else if (cluster instanceof ClusterResult.Skipped) {
                out.append("<td colspan=\"3\" class=\"muted\">skipped</td>");
            } else {
                out.append("<td colspan=\"3\" class=\"muted\">not checked</td>");
            }
            out.append("<td class=\"num\">")
                    .append(cluster.took() == null ? "" : cluster.took().toMillis() + " ms")
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static String agent(AgentWorkload workload) {
        return workload == null
                ? "not found"
                : workload.path() + ", " + workload.ready() + "/" + workload.desired() + " ready";
    }

    private static Finding.Level mostSerious(ClusterResult.Checked cluster) {
        return cluster.findings().stream()
                .map(Finding::level)
                .max(Comparator.naturalOrder())
                .orElse(Finding.Level.INFO);
    }

    private static String pill(Status status) {
        return "<span class=\"pill bg-" + css(status) + "\">" + status + "</span>";
    }

    static String css(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static String css(RotationStep.Outcome outcome) {
        return outcome == null ? "unknown" : outcome.name().toLowerCase(Locale.ROOT);
    }

    /** Text as HTML character data or attribute value: nothing a certificate or an error says can become markup. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
