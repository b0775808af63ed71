package io.konnectivity.report;

import io.konnectivity.check.CheckReport;
import io.konnectivity.rotate.RotationReport;

/**
 * Turns a check report or a rotation report into one output format; deterministic, so the same report always gives
 * the same text. No format ever shows a private key, even one quoted in a message.
 */
public interface ReportRenderer {

    String render(CheckReport report);

    String render(RotationReport report);

    /** The name of the file a check report is written to in this format, such as {@code konnectivity-report.json}. */
    String fileName();

    /** The name of the file a rotation report is written to, such as {@code konnectivity-rotation.json}. */
    String rotationFileName();
}
