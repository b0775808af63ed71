package io.konnectivity.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a check report or a rotation report can be rendered in. */
public enum ReportFormat {
    /** Fixed-width text for a terminal or a build log; printed, never written by {@link ReportWriter}. */
    TABLE(false),
    JSON(true),
    HTML(true),
    JUNIT(true),
    MARKDOWN(true),
    PROMETHEUS(true);

    private final boolean file;

    ReportFormat(boolean file) {
        this.file = file;
    }

    /** A renderer for this format; the table is plain, without colours. */
    public ReportRenderer renderer() {
        return switch (this) {
            case TABLE -> new TableReport(false);
            case JSON -> new JsonReport();
            case HTML -> new HtmlReport();
            case JUNIT -> new JunitReport();
            case MARKDOWN -> new MarkdownReport();
            case PROMETHEUS -> new PrometheusReport();
        };
    }

    /** Whether this format is written to a file in an output directory. */
    public boolean isFile() {
        return file;
    }

    /** The formats written to an output directory: all but the table. */
    public static List<ReportFormat> fileFormats() {
        return Arrays.stream(values()).filter(ReportFormat::isFile).toList();
    }

    /** The format with this name, in any case, such as {@code json} or {@code JUnit}. */
    public static ReportFormat parse(String name) {
        String wanted = name == null ? "" : name.trim();
        return Arrays.stream(values())
                .filter(format -> format.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown report format '" + name + "'; use one of " + validNames() + "."));
    }

    private static String validNames() {
        return Arrays.stream(values())
                .map(format -> format.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
