package io.konnectivity.report;

import io.konnectivity.check.Status;
import io.konnectivity.rotate.RotationStep;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The inline style sheets of the HTML reports, with one colour per status shared by banner, table and timeline, and one
 * per rotation result and step outcome.
 */
final class HtmlStyle {

    /** Page, banner, sections and text, the same in every report. */
    private static final String PAGE = """
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;\
            color:#1f2328;background:#f6f8fa}
            .banner{padding:20px 32px;color:#fff}
            .banner h1{margin:0;font-size:26px}
            .banner p{margin:6px 0 0}
            main{max-width:1400px;margin:0 auto;padding:8px 24px 32px}
            section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px 20px;margin:16px 0}
            h2{font-size:18px;margin:0 0 12px}
            h3{font-size:15px;margin:16px 0 6px}
            footer{text-align:center;color:#57606a;font-size:12px;padding:0 0 24px}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            .muted{color:#57606a;font-weight:normal}
            """;

    /** The check report's summary boxes. */
    private static final String GLANCE = """
            .glance{display:flex;flex-wrap:wrap;gap:24px}
            .glance>div{flex:1 1 360px}
            .big{font-size:22px;font-weight:600;margin:0 0 4px}
            .counts{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:8px}
            .counts li{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;min-width:100px}
            .counts .n{display:block;font-size:24px;font-weight:600}
            """;

    /** Pills and tables, the same in every report. */
    private static final String TABLES = """
            .pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;\
            color:#fff;white-space:nowrap}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
            th{background:#f6f8fa;white-space:nowrap}
            td:first-child{border-left:4px solid transparent}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.nowrap{white-space:nowrap}
            td.long{overflow-wrap:anywhere;max-width:32em}
            """;

    /** The check report's findings and expiry timeline. */
    private static final String CHECK = """
            .findings{padding-left:20px;margin:0}
            .findings li{margin:4px 0}
            .advice{margin:2px 0 6px;color:#57606a}
            .lv-info{background:#0969da}
            .lv-warning{background:#9a6700}
            .lv-critical{background:#cf222e}
            svg.timeline{width:100%;height:auto;display:block}
            svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1f2328}
            svg .axis{stroke:#57606a;stroke-width:1.5}
            svg .grid{stroke:#d0d7de}
            svg .zone{fill:#f6f8fa;stroke:#d0d7de}
            svg .expired-zone{fill:#ffebe9}
            svg .leader{stroke:#8c959f}
            svg .threshold{stroke-width:1.5;stroke-dasharray:4 3}
            svg .threshold-warning{stroke:#9a6700}
            svg .threshold-critical{stroke:#cf222e}
            svg .marker{stroke:#fff;stroke-width:1}
            """;

    /** The rotation report's facts, before/after tables and step timeline. */
    private static final String ROTATION = """
            .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
            .facts dt{color:#57606a}
            .facts dd{margin:0;overflow-wrap:anywhere}
            table.change{margin:0 0 8px}
            table.change th[scope=row]{width:12em}
            td.changed{background:#dafbe1}
            .note{margin:8px 0 0;padding:8px 12px;background:#fff8c5;border:1px solid #d4a72c;border-radius:6px}
            .bar{position:relative;height:10px;min-width:160px;background:#f6f8fa;border-radius:2px}
            .bar span{position:absolute;top:0;bottom:0;min-width:2px;border-radius:2px}
            """;

    /** The check report's style sheet. */
    static final String CSS = PAGE + GLANCE + TABLES + CHECK + statusColours();

    /** The rotation report's style sheet: its own before/after tables, step timeline and result colours. */
    static final String ROTATION_CSS = PAGE + TABLES + ROTATION + rotationColours();

    private HtmlStyle() {}

    static String colour(Status status) {
        return switch (status) {
            case SKIPPED -> "#8c959f";
            case OK -> "#1a7f37";
            case WARNING -> "#9a6700";
            case CRITICAL -> "#cf222e";
            case EXPIRED -> "#82071e";
            case INVALID -> "#8250df";
            case ERROR -> "#57606a";
        };
    }

    static String colour(RotationText.Result result) {
        return switch (result) {
            case ROTATED -> "#1a7f37";
            case UNCHANGED -> "#0969da";
            case ROLLED_BACK -> "#9a6700";
            case FAILED -> "#cf222e";
        };
    }

    static String colour(RotationStep.Outcome outcome) {
        return switch (outcome) {
            case DONE -> "#1a7f37";
            case SKIPPED -> "#57606a";
            case PLANNED -> "#0969da";
            case FAILED -> "#cf222e";
        };
    }

    /** A background per result for the banner, and one per step outcome for pills, bars and row edges. */
    private static String rotationColours() {
        String results = Arrays.stream(RotationText.Result.values())
                .map(result -> ".bg-" + result.css() + "{background:" + colour(result) + ";color:#fff}\n")
                .collect(Collectors.joining());
        String outcomes = Arrays.stream(RotationStep.Outcome.values())
                .map(outcome -> {
                    String name = HtmlReport.css(outcome);
                    String colour = colour(outcome);
                    return ".oc-" + name + "{background:" + colour + ";color:#fff}\n" + "tr.step-" + name
                            + " td:first-child{border-left-color:" + colour + "}\n";
                })
                .collect(Collectors.joining());
        return results + outcomes;
    }

    /** The text colour on a status background: dark on the light grey of SKIPPED, which white would not stand out on. */
    static String textColour(Status status) {
        return status == Status.SKIPPED ? "#1f2328" : "#fff";
    }

    /** Skipped rows are also greyed out and dashed, so that they read as left out rather than as one more status. */
    private static String statusColours() {
        return Arrays.stream(Status.values())
                        .map(status -> {
                            String name = HtmlReport.css(status);
                            String colour = colour(status);
                            return ".bg-" + name + "{background:" + colour + ";color:" + textColour(status) + "}\n"
                                    + ".fg-" + name + "{color:" + colour + "}\n"
                                    + ".mk-" + name + "{fill:" + colour + "}\n"
                                    + "tr.row-" + name + " td:first-child{border-left-color:" + colour + "}\n";
                        })
                        .collect(Collectors.joining())
                + "tr.row-skipped td{color:#57606a}\n"
                + "tr.row-skipped td:first-child{border-left-style:dashed}\n";
    }
}
