package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of when certificates expire. The axis runs from the report's time to at most three years ahead on a
 * square-root scale, so the weeks that need action get more room than the years that do not. Expired certificates sit
 * in a zone left of it and later ones, such as a 30-year cluster CA, in a zone right of it.
 */
final class ExpiryTimeline {

    private static final int WIDTH = 1000;
    private static final double EXPIRED_START = 8;
    private static final double EXPIRED_END = 78;
    private static final double NOW_X = 100;
    private static final double HORIZON_X = 860;
    private static final double LATER_START = 908;
    private static final double LATER_END = 992;
    private static final double MIN_HORIZON_DAYS = 60;
    private static final double MAX_HORIZON_DAYS = 3 * 365;
    private static final long[] TICK_DAYS = {7, 14, 30, 60, 90, 180, 365, 730, 1095};
    private static final double MIN_TICK_SPACING = 72;
    private static final double RADIUS = 5;
    private static final double MARKER_SPACING = 2 * RADIUS + 1;
    private static final double LANE_HEIGHT = 12;
    private static final int MAX_LANES = 24;
    private static final int LABELLED = 5;
    private static final double LABEL_HEIGHT = 15;
    private static final int LABEL_LENGTH = 90;

    private final Instant now;
    private final Thresholds thresholds;

    ExpiryTimeline(Instant now, Thresholds thresholds) {
        this.now = now;
        this.thresholds = thresholds;
    }

    /** The SVG for certificates in expiry order; only certificates with a readable expiry date can be placed. */
    String render(List<ClusterCertificate> byExpiry) {
        List<ClusterCertificate> dated = byExpiry.stream()
                .filter(entry -> entry.certificate().facts() != null)
                .toList();
        if (dated.isEmpty()) {
            return "<p class=\"muted\">No certificate has a readable expiry date.</p>\n";
        }

        Scale scale = new Scale(dated);
        List<Marker> markers = place(dated, scale);
        int labels = Math.min(LABELLED, markers.size());
        double markersTop = labels * LABEL_HEIGHT + 34;
        int lanes = markers.stream().mapToInt(Marker::lane).max().orElse(0) + 1;
        double axisY = markersTop + lanes * LANE_HEIGHT + 6;
        double height = axisY + 40;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"timeline\" viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"Expiry timeline\">\n",
                WIDTH,
                height));
        zones(svg, scale, markers, markersTop, axisY);
        axis(svg, scale, markersTop, axisY);
        thresholds(svg, scale, markersTop, axisY);
        for (int index = 0; index < labels; index++) {
            label(svg, markers.get(index), index, markersTop);
        }
        markers.forEach(marker -> marker(svg, marker, markersTop));
        return svg.append("</svg>\n").toString();
    }

    private List<Marker> place(List<ClusterCertificate> dated, Scale scale) {
        double[] laneEnds = new double[MAX_LANES];
        java.util.Arrays.fill(laneEnds, Double.NEGATIVE_INFINITY);
        List<Marker> markers = new ArrayList<>();
        for (int index = 0; index < dated.size(); index++) {
            ClusterCertificate entry = dated.get(index);
            double x = scale.x(entry.certificate().facts().notAfter());
            int lane = freeLane(laneEnds, x, index);
            laneEnds[lane] = Math.max(laneEnds[lane], x);
            markers.add(new Marker(entry, x, lane));
        }
        return markers;
    }

    /** The first lane with room at {@code x}; when all are taken, markers overlap, spread over the lanes in turn. */
    private static int freeLane(double[] laneEnds, double x, int index) {
        for (int lane = 0; lane < laneEnds.length; lane++) {
            if (x - laneEnds[lane] >= MARKER_SPACING) {
                return lane;
            }
        }
        return index % laneEnds.length;
    }

    private void zones(StringBuilder svg, Scale scale, List<Marker> markers, double top, double axisY) {
        double zoneTop = top - 14;
        if (markers.stream().anyMatch(marker -> marker.x() < NOW_X)) {
            rect(
                    svg,
                    "zone expired-zone",
                    EXPIRED_START - 4,
                    zoneTop,
                    EXPIRED_END - EXPIRED_START + 8,
                    axisY - zoneTop);
            text(svg, (EXPIRED_START + EXPIRED_END) / 2, axisY + 14, "middle", "expired");
        }
        if (markers.stream().anyMatch(marker -> marker.x() > HORIZON_X)) {
            rect(svg, "zone", LATER_START - 4, zoneTop, LATER_END - LATER_START + 8, axisY - zoneTop);
            text(svg, (LATER_START + LATER_END) / 2, axisY + 14, "middle", "later");
            text(svg, (LATER_START + LATER_END) / 2, axisY + 28, "middle", "to " + ReportText.date(scale.latest));
        }
    }

    private void axis(StringBuilder svg, Scale scale, double top, double axisY) {
        line(svg, "axis", NOW_X, axisY, HORIZON_X, axisY);
        line(svg, "axis", NOW_X, top - 14, NOW_X, axisY + 4);
        text(svg, NOW_X, axisY + 14, "middle", "now");
        text(svg, NOW_X, axisY + 28, "middle", ReportText.date(now));

        double previous = NOW_X;
        List<Long> ticks = new ArrayList<>();
        for (long days : TICK_DAYS) {
            if (days < scale.horizonDays) {
                ticks.add(days);
            }
        }
        ticks.add(Math.round(scale.horizonDays));
        for (long days : ticks) {
            double x = scale.x(now.plus(Duration.ofDays(days)));
            if (x - previous >= MIN_TICK_SPACING) {
                line(svg, "grid", x, top - 14, x, axisY + 4);
                text(svg, x, axisY + 14, "middle", "+" + tickName(days));
                text(svg, x, axisY + 28, "middle", ReportText.date(now.plus(Duration.ofDays(days))));
                previous = x;
            }
        }
    }

    private void thresholds(StringBuilder svg, Scale scale, double top, double axisY) {
        threshold(svg, scale, thresholds.criticalDays(), "critical", "end", top, axisY);
        threshold(svg, scale, thresholds.warnDays(), "warning", "start", top, axisY);
    }

    private void threshold(
            StringBuilder svg, Scale scale, int days, String name, String anchor, double top, double axisY) {
        if (days > scale.horizonDays) {
            return;
        }
        double x = scale.x(now.plus(Duration.ofDays(days)));
        line(svg, "threshold threshold-" + name, x, top - 18, x, axisY);
        double textX = anchor.equals("end") ? x - 3 : x + 3;
        text(svg, textX, top - 20, anchor, name + " " + days + " d");
    }

    private static void label(StringBuilder svg, Marker marker, int row, double markersTop) {
        double y = (row + 1) * LABEL_HEIGHT;
        CertificateCheck certificate = marker.entry().certificate();
        String remaining = " \u00b7 " + ReportText.remaining(certificate);
        String what = marker.entry().cluster() + " \u00b7 " + certificate.role().label();
        int room = LABEL_LENGTH - remaining.length();
        String text = (what.length() > room ? what.substring(0, room - 3) + "..." : what) + remaining;
        boolean right = marker.x() > WIDTH * 0.6;
        line(svg, "leader", marker.x(), y + 3, marker.x(), marker.y(markersTop) - RADIUS);
        text(svg, right ? marker.x() - 4 : marker.x() + 4, y, right ? "end" : "start", text);
    }

    private static void marker(StringBuilder svg, Marker marker, double markersTop) {
        CertificateCheck certificate = marker.entry().certificate();
        String status = certificate.status().name().toLowerCase(Locale.ROOT);
        svg.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"marker mk-%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"><title>",
                        status,
                        marker.x(),
                        marker.y(markersTop),
                        RADIUS))
                .append(HtmlReport.escape(marker.entry().cluster() + ": "
                        + certificate.role().label() + " at "
                        + certificate.location().describe() + ", expires " + ReportText.expiryDateTime(certificate)
                        + " (" + ReportText.remaining(certificate) + "), " + certificate.status()))
                .append("</title></circle>\n");
    }

    private static String tickName(long days) {
        if (days % 365 == 0) {
            return days / 365 + " y";
        }
        return days % 7 == 0 && days < 30 ? days / 7 + " w" : days + " d";
    }

    private static void line(StringBuilder svg, String cssClass, double x1, double y1, double x2, double y2) {
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                cssClass,
                x1,
                y1,
                x2,
                y2));
    }

    private static void rect(StringBuilder svg, String cssClass, double x, double y, double width, double height) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\"/>\n",
                cssClass,
                x,
                y,
                width,
                height));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor))
                .append(HtmlReport.escape(content))
                .append("</text>\n");
    }

    /** One certificate's place: its x on the axis and the lane that keeps it from covering its neighbours. */
    private record Marker(ClusterCertificate entry, double x, int lane) {

        double y(double markersTop) {
            return markersTop + lane * LANE_HEIGHT + RADIUS;
        }
    }

    /** Where an expiry date goes on the x axis, given the spread of dates in this report. */
    private final class Scale {

        private final Instant earliest;
        private final Instant latest;
        private final double horizonDays;

        Scale(List<ClusterCertificate> dated) {
            this.earliest = dated.get(0).certificate().facts().notAfter();
            this.latest = dated.get(dated.size() - 1).certificate().facts().notAfter();
            double latestDays = Math.max(0, days(latest));
            this.horizonDays = Math.min(
                    MAX_HORIZON_DAYS, Math.max(Math.max(MIN_HORIZON_DAYS, thresholds.warnDays() * 1.5), latestDays));
        }

        double x(Instant expiry) {
            double days = days(expiry);
            if (days <= 0) {
                return within(EXPIRED_START + RADIUS, EXPIRED_END - RADIUS, days(earliest), 0, days);
            }
            if (days <= horizonDays) {
                return NOW_X + (HORIZON_X - NOW_X) * Math.sqrt(days / horizonDays);
            }
            return within(LATER_START + RADIUS, LATER_END - RADIUS, horizonDays, days(latest), days);
        }

        /** Linear placement inside a zone; the middle of the zone when all its dates are the same. */
        private double within(double from, double to, double firstDays, double lastDays, double days) {
            if (lastDays - firstDays < 1e-9) {
                return (from + to) / 2;
            }
            return from + (to - from) * (days - firstDays) / (lastDays - firstDays);
        }

        private double days(Instant instant) {
            return Duration.between(now, instant).toSeconds() / 86_400.0;
        }
    }
}
