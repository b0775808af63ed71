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
public final class ReportOptions {

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

    public Thresholds thresholds() {
        return new Thresholds(warnDays, criticalDays);
    }

    /** Prints the report in the chosen format and writes the report files; returns the exit code. */
    public int publish(CheckReport report, PrintWriter out, PrintWriter err) throws IOException {
        ReportFormat chosen = ReportFormat.parse(format);
        print(
                chosen == ReportFormat.TABLE
                        ? new TableReport(colour(noColour)).render(report)
                        : chosen.renderer().render(report),
                out);
        if (outputDirectory != null) {
            written(new ReportWriter().write(report, outputDirectory), err);
        }
        return report.status().exitCode();
    }

    /** Whether to colour the table: on a terminal, unless turned off or NO_COLOR is set. */
    static boolean colour(boolean noColour) {
        return !noColour && System.console() != null && System.getenv("NO_COLOR") == null;
    }

    static void print(String rendered, PrintWriter out) {
        out.print(rendered);
        if (!rendered.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    static void written(List<Path> files, PrintWriter err) {
        err.println("Reports written: "
                + String.join(", ", files.stream().map(Path::toString).toList()));
    }
}
