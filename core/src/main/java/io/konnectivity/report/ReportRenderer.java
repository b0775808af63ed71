package io.konnectivity.report;

import io.konnectivity.check.CheckReport;

/** Turns a check report into one output format; deterministic, so the same report always gives the same text. */
public interface ReportRenderer {

    String render(CheckReport report);

    /** The name of the file this format is written to, such as {@code konnectivity-report.json}. */
    String fileName();
}
