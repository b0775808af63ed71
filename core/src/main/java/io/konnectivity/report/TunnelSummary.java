package io.konnectivity.report;

import io.konnectivity.cluster.TunnelState;

/**
 * A tunnel probe's outcome as plain values, the same in every format.
 *
 * @param state {@code up}, {@code down}, {@code unknown} or {@code not-probed}
 * @param pod the agent pod probed; null when none was
 * @param detail the pod's last log line, the error, or why the probe did not run; may be null
 */
record TunnelSummary(String state, String pod, String detail) {

    static TunnelSummary of(TunnelState tunnel) {
        if (tunnel instanceof TunnelState.Up up) {
            return new TunnelSummary("up", up.pod(), up.lastLogLine());
        }
        if (tunnel instanceof TunnelState.Down down) {
            return new TunnelSummary("down", down.pod(), down.error());
        }
        if (tunnel instanceof TunnelState.Unknown unknown) {
            return new TunnelSummary("unknown", unknown.pod(), unknown.error());
        }
        if (tunnel instanceof TunnelState.NotProbed notProbed) {
            return new TunnelSummary("not-probed", null, notProbed.reason());
        }
        return new TunnelSummary("not-probed", null, null);
    }

    /** One line for people, such as {@code down (pod konnectivity-agent-1): dial tcp ...: i/o timeout}. */
    String describe() {
        String text = state + (pod == null ? "" : " (pod " + pod + ")");
        return detail == null || detail.isBlank() ? text : text + ": " + ReportText.oneLine(detail);
    }
}
