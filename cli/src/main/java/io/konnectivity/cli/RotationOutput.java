package io.konnectivity.cli;

import io.konnectivity.report.ReportFormat;
import io.konnectivity.report.ReportWriter;
import io.konnectivity.report.TableReport;
import io.konnectivity.rotate.RotationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output options of the commands that change a cluster: the rotation report's format and directory. */
final class RotationOutput {

    @Option(
            names = {"-o", "--format"},
            defaultValue = "table",
            description =
                    "What to print: table, json, html, junit, markdown or prometheus (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output-dir", description = "Also write the rotation report in every format here.")
    Path outputDirectory;

    @Option(names = "--no-color", description = "Never colour the table.")
    boolean noColour;

    int publish(RotationReport report, PrintWriter out, PrintWriter err) throws IOException {
        ReportFormat chosen = ReportFormat.parse(format);
        ReportOptions.print(
                chosen == ReportFormat.TABLE
                        ? new TableReport(ReportOptions.colour(noColour)).render(report)
                        : chosen.renderer().render(report),
                out);
        if (outputDirectory != null) {
            ReportOptions.written(new ReportWriter().write(report, outputDirectory), err);
        }
        return report.exitCode();
    }
}
