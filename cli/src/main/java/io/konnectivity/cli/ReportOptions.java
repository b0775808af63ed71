package io.konnectivity.cli;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.Thresholds;
import io.konnectivity.report.ReportFormat;
import io.konnectivity.report.ReportWriter;
import io.konnectivity.report.TableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every reporting command shares: thresholds, output format and report directory. */
final class ReportOptions {

    @Option(
            names = "--warn-days",
            defaultValue = "30",
            description = "Days left at or below which a certificate is WARNING (default: ${DEFAULT-VALUE}).")
    int warnDays;

    @Option(
            names = "--critical-days",
            defaultValue = "7",
            description = "Days left at or below which a certificate is CRITICAL (default: ${DEFAULT-VALUE}).")
    int criticalDays;

    @Option(
            names = {"-o", "--format"},
            defaultValue = "table",
            description =
                    "What to print: table, json, html, junit, markdown or prometheus (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--output-dir",
            description = "Also write every report format (JSON, HTML, JUnit XML, Markdown, Prometheus) here.")
    Path outputDirectory;

    @Option(names = "--no-color", description = "Never colour the table, even on a terminal.")
    boolean noColour;

    Thresholds thresholds() {
        return new Thresholds(warnDays, criticalDays);
    }

    /** Prints the report in the chosen format and writes the report files; returns the exit code. */
    int publish(CheckReport report, PrintWriter out, PrintWriter err) throws IOException {
        ReportFormat chosen = ReportFormat.parse(format);
        String rendered = chosen == ReportFormat.TABLE
                ? new TableReport(useColour()).render(report)
                : chosen.renderer().render(report);
        out.print(rendered);
        if (!rendered.endsWith("\n")) {
            out.println();
        }
        out.flush();
        if (outputDirectory != null) {
            List<Path> written = new ReportWriter().write(report, outputDirectory);
            err.println("Reports written: "
                    + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        return report.status().exitCode();
    }

    private boolean useColour() {
        return !noColour && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
