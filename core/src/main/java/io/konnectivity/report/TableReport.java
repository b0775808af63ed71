package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.util.List;
import java.util.Locale;

/**
 * The report as a fixed-width text table for a terminal or a build log, with ANSI colours only when asked for. It is
 * plain ASCII apart from what the clusters say, so it reads the same in a console of any code page.
 */
public final class TableReport implements ReportRenderer {

    private static final String RESET = "\u001B[0m";
    private static final String[] HEADINGS = {"STATUS", "DAYS", "EXPIRES", "ROLE", "LOCATION", "SUBJECT"};
    private static final int[] MAX_WIDTHS = {8, 6, 10, 40, 64, 64};
    private static final int DAYS_COLUMN = 1;
    private static final int MAX_LINE = 200;
    private static final int OUTCOME_WIDTH = 7;
    private static final int STEP_WIDTH = 24;

    private final boolean colour;

    public TableReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String render(CheckReport report) {
        ReportSummary summary = new ReportSummary(report);
        int[] widths = columnWidths(summary);
        StringBuilder out = new StringBuilder();
        for (ClusterResult cluster : report.clusters()) {
            out.append(line(cluster.cluster()))
                    .append("  ")
                    .append(line(cluster.server()))
                    .append("  ")
                    .append(status(cluster.status()))
                    .append('\n');
            if (cluster instanceof ClusterResult.Checked checked) {
                checked(out, checked, widths);
            } else if (cluster instanceof ClusterResult.NotChecked notChecked) {
                out.append("  not checked: ")
                        .append(printable(notChecked.error()))
                        .append('\n');
            } else if (cluster instanceof ClusterResult.Skipped skipped) {
                out.append("  skipped: ").append(line(skipped.reason())).append('\n');
            }
            out.append('\n');
        }
        summaryLine(out, report, summary);
        return out.toString();
    }

    /** A header with the result, the steps one per line, then each certificate before and after. */
    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        StringBuilder out = new StringBuilder();
        out.append(line(safe.cluster())).append("  ");
        if (safe.server() != null && !safe.server().isBlank()) {
            out.append(line(safe.server())).append("  ");
        }
        out.append(result(RotationText.result(safe), RotationText.title(safe)))
                .append("\n  ")
                .append(printable(RotationText.summary(safe)))
                .append("\n  ")
                .append(printable(RotationText.facts(safe)))
                .append("\n  ")
                .append(printable(RotationText.objects(safe)))
                .append('\n');
        steps(out, safe.steps());
        changes(out, safe);
        return out.toString();
    }

    @Override
    public String fileName() {
        return "konnectivity-report.txt";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation.txt";
    }

    private void steps(StringBuilder out, List<RotationStep> steps) {
        if (steps.isEmpty()) {
            out.append("  no step was taken\n");
            return;
        }
        int nameWidth = steps.stream()
                .mapToInt(step -> Math.min(printable(step.name()).length(), STEP_WIDTH))
                .max()
                .orElse(0);
        int tookWidth = steps.stream()
                .mapToInt(step -> RotationText.duration(step).length())
                .max()
                .orElse(0);
        out.append("  steps:\n");
        for (RotationStep step : steps) {
            String outcome = pad(RotationText.outcome(step), OUTCOME_WIDTH);
            out.append("    ")
                    .append(colour ? colourOf(step.outcome()) + outcome + RESET : outcome)
                    .append("  ")
                    .append(pad(truncate(printable(step.name()), STEP_WIDTH), nameWidth))
                    .append("  ")
                    .append(padLeft(RotationText.duration(step), tookWidth))
                    .append("  ")
                    .append(printable(step.detail()))
                    .append('\n');
        }
    }

    private static void changes(StringBuilder out, RotationReport report) {
        out.append("  certificates:\n");
        if (report.certificates().isEmpty()) {
            out.append("    ").append(RotationText.noCertificates(report)).append('\n');
            return;
        }
        int labelWidth = RotationText.FACTS.stream()
                .mapToInt(fact -> fact.label().length())
                .max()
                .orElse(0);
        for (CertificateChange change : report.certificates()) {
            out.append("    ")
                    .append(printable(change.what()))
                    .append(": ")
                    .append(RotationText.change(change))
                    .append('\n');
            for (RotationText.Fact fact : RotationText.FACTS) {
                out.append("      ")
                        .append(pad(fact.label().toLowerCase(Locale.ROOT), labelWidth))
                        .append("  ")
                        .append(printable(beforeAfter(report, change, fact)))
                        .append('\n');
            }
        }
        String note = RotationText.afterNote(report);
        if (note != null) {
            out.append("    note: ").append(note).append('\n');
        }
    }

    /** Such as {@code 1f2e3d4c -> 7a8b9c0d} or {@code CN=x (unchanged)}; only the value before without a new one. */
    private static String beforeAfter(RotationReport report, CertificateChange change, RotationText.Fact fact) {
        String before = RotationText.before(change.before(), fact);
        if (change.after() == null) {
            return before;
        }
        String after = RotationText.after(change.after(), fact);
        return change.before() != null && before.equals(after) ? before + " (unchanged)" : before + " -> " + after;
    }

    private String result(RotationText.Result result, String title) {
        if (!colour) {
            return title;
        }
        String code = switch (result) {
            case ROTATED -> "\u001B[32m";
            case UNCHANGED -> "\u001B[36m";
            case ROLLED_BACK -> "\u001B[33m";
            case FAILED -> "\u001B[1;31m";
        };
        return code + title + RESET;
    }

    private static String colourOf(RotationStep.Outcome outcome) {
        if (outcome == null) {
            return "\u001B[35m";
        }
        return switch (outcome) {
            case DONE -> "\u001B[32m";
            case SKIPPED, PLANNED -> "\u001B[36m";
            case FAILED -> "\u001B[1;31m";
        };
    }

    private void checked(StringBuilder out, ClusterResult.Checked cluster, int[] widths) {
        if (cluster.certificates().isEmpty()) {
            out.append("  no certificates found\n");
        } else {
            out.append(tableLine(List.of(HEADINGS), widths, null));
            cluster.certificates().stream()
                    .sorted(ReportSummary.BY_EXPIRY)
                    .forEach(certificate -> out.append(tableLine(row(certificate), widths, certificate.status())));
        }
        out.append("  agent: ").append(agent(cluster.workload())).append('\n');
        out.append("  tunnel: ")
                .append(line(TunnelSummary.of(cluster.tunnel()).describe()))
                .append('\n');
        if (!cluster.findings().isEmpty()) {
            out.append("  findings:\n");
            cluster.findings().forEach(finding -> finding(out, finding));
        }
    }

    /** One indented line of the table; {@code status} colours the status cell, null for the headings. */
    private String tableLine(List<String> cells, int[] widths, Status status) {
        StringBuilder line = new StringBuilder("  ");
        for (int column = 0; column < cells.size(); column++) {
            String value = truncate(cells.get(column), widths[column]);
            boolean last = column == cells.size() - 1;
            String cell = column == DAYS_COLUMN ? padLeft(value, widths[column]) : pad(value, widths[column]);
            if (last) {
                cell = value;
            }
            line.append(column == 0 && status != null && colour ? colourOf(status) + cell + RESET : cell);
            line.append(last ? "\n" : "  ");
        }
        return line.toString();
    }

    private void finding(StringBuilder out, Finding finding) {
        String level = pad(finding.level().name(), 8);
        out.append("    ")
                .append(colour ? colourOf(finding.level()) + level + RESET : level)
                .append("  ")
                .append(printable(finding.message()));
        if (finding.object() != null && !finding.object().isBlank()) {
            out.append(" [").append(printable(finding.object())).append(']');
        }
        out.append('\n');
        if (finding.advice() != null && !finding.advice().isBlank()) {
            out.append("              ").append(printable(finding.advice())).append('\n');
        }
    }

    private void summaryLine(StringBuilder out, CheckReport report, ReportSummary summary) {
        out.append(status(report.status()))
                .append(": ")
                .append(summary.describe())
                .append('.');
        summary.firstToExpire()
                .ifPresent(first -> out.append(" First to expire: ")
                        .append(first.certificate().role().label())
                        .append(" of ")
                        .append(printable(first.cluster()))
                        .append(", ")
                        .append(ReportText.expiryDate(first.certificate()))
                        .append(" (")
                        .append(ReportText.remaining(first.certificate()))
                        .append(")."));
        out.append('\n');
    }

    private static List<String> row(CertificateCheck certificate) {
        return List.of(
                certificate.status().name(),
                ReportText.daysLeft(certificate),
                ReportText.expiryDate(certificate),
                certificate.role().label(),
                printable(certificate.location().describe()),
                printable(ReportText.subject(certificate)));
    }

    /** Each column as wide as its widest value in the whole report, so clusters line up, but no wider than its cap. */
    private static int[] columnWidths(ReportSummary summary) {
        int[] widths = new int[HEADINGS.length];
        for (int column = 0; column < HEADINGS.length; column++) {
            widths[column] = HEADINGS[column].length();
        }
        summary.byExpiry().forEach(entry -> {
            List<String> cells = row(entry.certificate());
            for (int column = 0; column < widths.length; column++) {
                widths[column] =
                        Math.max(widths[column], Math.min(cells.get(column).length(), MAX_WIDTHS[column]));
            }
        });
        return widths;
    }

    private static String agent(AgentWorkload workload) {
        if (workload == null) {
            return "not found";
        }
        String text = workload.path() + ", " + workload.ready() + "/" + workload.desired() + " ready";
        if (workload.authentication() == null) {
            return text;
        }
        String how = workload.authentication().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return text + ", authenticates with " + how;
    }

    private String status(Status status) {
        return colour ? colourOf(status) + status + RESET : status.name();
    }

    private static String colourOf(Status status) {
        return switch (status) {
            case SKIPPED -> "\u001B[90m";
            case OK -> "\u001B[32m";
            case WARNING -> "\u001B[33m";
            case CRITICAL, EXPIRED, ERROR -> "\u001B[1;31m";
            case INVALID -> "\u001B[35m";
        };
    }

    private static String colourOf(Finding.Level level) {
        return switch (level) {
            case INFO -> "\u001B[36m";
            case WARNING -> "\u001B[33m";
            case CRITICAL -> "\u001B[1;31m";
        };
    }

    private static String line(String text) {
        return truncate(printable(text), MAX_LINE);
    }

    /** One line without control characters: an escape sequence in a subject or log line must not drive the terminal. */
    private static String printable(String text) {
        return ReportText.oneLine(text).replace('\t', ' ').replaceAll("\\p{Cntrl}", "?");
    }

    /** Cuts in the middle, since both the start and the end of a location or subject tell certificates apart. */
    private static String truncate(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int head = (width - 3) / 2;
        return text.substring(0, head) + "..." + text.substring(text.length() - (width - 3 - head));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
