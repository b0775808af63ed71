package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Location;
import io.konnectivity.check.Status;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as Prometheus metrics in the text exposition format 0.0.4, for the node exporter's textfile collector or
 * a Pushgateway. Samples carry no timestamps: the collector adds its own.
 */
public final class PrometheusReport implements ReportRenderer {

    private static final String EXPIRY = "konnectivity_certificate_expiry_timestamp_seconds";

    /**
     * The check and the rotation report both give {@link #EXPIRY}, with labels of their own; collectors that read both
     * files into one family (the node exporter's textfile collector, a Pushgateway) insist on the same help text.
     */
    private static final String EXPIRY_HELP = "When the certificate expires (notAfter).";

    private static final List<RotationText.Result> RESULTS = List.of(RotationText.Result.values());

    private static final List<Status> CERTIFICATE_STATUSES = Arrays.stream(Status.values())
            .filter(status -> status != Status.ERROR && status != Status.SKIPPED)
            .toList();

    @Override
    public String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        List<ClusterCertificate> certificates = report.byExpiry();

        family(out, EXPIRY, EXPIRY_HELP);
        certificates.stream()
                .filter(entry -> entry.certificate().facts() != null)
                .forEach(entry -> sample(
                        out,
                        EXPIRY,
                        labels(entry),
                        entry.certificate().facts().notAfter().getEpochSecond()));

        family(out, "konnectivity_certificate_days_left", "Whole days left until the certificate expires.");
        certificates.stream()
                .filter(entry -> entry.certificate().daysLeft() != null)
                .forEach(entry -> sample(
                        out,
                        "konnectivity_certificate_days_left",
                        labels(entry),
                        entry.certificate().daysLeft()));

        family(out, "konnectivity_certificate_status", "1 for the certificate's status, 0 for the others.");
        certificates.forEach(entry -> CERTIFICATE_STATUSES.forEach(status -> sample(
                out,
                "konnectivity_certificate_status",
                labels(entry) + ",status=\"" + status.name() + "\"",
                entry.certificate().status() == status ? 1 : 0)));

        family(
                out,
                "konnectivity_cluster_check_success",
                "1 when the cluster could be checked, 0 when not; absent when it was skipped.");
        report.clusters().stream()
                .filter(cluster -> !(cluster instanceof ClusterResult.Skipped))
                .forEach(cluster -> sample(
                        out,
                        "konnectivity_cluster_check_success",
                        clusterLabel(cluster),
                        cluster instanceof ClusterResult.Checked ? 1 : 0));

        family(
                out,
                "konnectivity_cluster_skipped",
                "1 when the cluster was deliberately not checked, such as a stopped AKS cluster, 0 when not.");
        report.clusters()
                .forEach(cluster -> sample(
                        out,
                        "konnectivity_cluster_skipped",
                        clusterLabel(cluster),
                        cluster instanceof ClusterResult.Skipped ? 1 : 0));

        family(
                out,
                "konnectivity_tunnel_up",
                "1 when a pod log came back through the tunnel, 0 when the tunnel is down.");
        report.clusters().forEach(cluster -> tunnel(out, cluster));

        family(out, "konnectivity_check_timestamp_seconds", "When the check ran.");
        sample(
                out,
                "konnectivity_check_timestamp_seconds",
                null,
                report.generatedAt().getEpochSecond());
        return out.toString();
    }

    /**
     * A rotation as metrics: whether it worked, how it ended, how long it and each step took, and the expiry of each
     * certificate before and, once it is in use, after.
     */
    @Override
    public String render(RotationReport report) {
        RotationReport safe = KeyMaterial.redact(report);
        StringBuilder out = new StringBuilder();
        String labels = label("cluster", safe.cluster()) + "," + label("mode", RotationText.mode(safe));
        RotationText.Result result = RotationText.result(safe);

        family(
                out,
                "konnectivity_rotation_success",
                "1 when the rotation renewed the certificate or found nothing to do, 0 when it was rolled back or"
                        + " failed.");
        sample(out, "konnectivity_rotation_success", labels, result.success() ? 1 : 0);

        family(out, "konnectivity_rotation_result", "1 for how the rotation ended, 0 for the other results.");
        RESULTS.forEach(each -> sample(
                out,
                "konnectivity_rotation_result",
                labels + "," + label("result", each.name()),
                each == result ? 1 : 0));

        family(out, "konnectivity_rotation_duration_seconds", "How long the rotation took.");
        sample(out, "konnectivity_rotation_duration_seconds", labels, RotationText.seconds(safe.took()));

        family(out, "konnectivity_rotation_step_duration_seconds", "How long each step of the rotation took.");
        stepDurations(safe)
                .forEach((stepLabels, took) -> sample(
                        out, "konnectivity_rotation_step_duration_seconds", stepLabels, RotationText.seconds(took)));

        family(out, EXPIRY, EXPIRY_HELP);
        expiries(safe).forEach((expiryLabels, seconds) -> sample(out, EXPIRY, expiryLabels, seconds));

        family(out, "konnectivity_rotation_timestamp_seconds", "When the rotation started.");
        if (safe.startedAt() != null) {
            sample(
                    out,
                    "konnectivity_rotation_timestamp_seconds",
                    labels,
                    safe.startedAt().getEpochSecond());
        }
        return out.toString();
    }

    @Override
    public String fileName() {
        return "konnectivity.prom";
    }

    @Override
    public String rotationFileName() {
        return "konnectivity-rotation.prom";
    }

    /**
     * One sample per step that ran, by step and outcome; a planned step did not run. A step that ran twice with the
     * same outcome adds up, as each series must be unique.
     */
    private static Map<String, Duration> stepDurations(RotationReport report) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        for (RotationStep step : report.steps()) {
            if (step.outcome() == RotationStep.Outcome.PLANNED) {
                continue;
            }
            String labels = String.join(
                    ",",
                    label("cluster", report.cluster()),
                    label("step", step.name()),
                    label(
                            "outcome",
                            step.outcome() == null ? null : step.outcome().name()));
            durations.merge(labels, step.took() == null ? Duration.ZERO : step.took(), Duration::plus);
        }
        return durations;
    }

    /**
     * The expiry before the rotation, and after it only when the new certificate is in use: after a rollback or a
     * failure the certificate issued is not, and an alert on it would be wrong.
     */
    private static Map<String, Long> expiries(RotationReport report) {
        boolean inUse = RotationText.result(report) == RotationText.Result.ROTATED;
        Map<String, Long> expiries = new LinkedHashMap<>();
        for (CertificateChange change : report.certificates()) {
            String labels = label("cluster", report.cluster()) + "," + label("what", change.what());
            if (change.before() != null && change.before().notAfter() != null) {
                expiries.putIfAbsent(
                        labels + "," + label("phase", "before"),
                        change.before().notAfter().getEpochSecond());
            }
            if (inUse && change.after() != null && change.after().notAfter() != null) {
                expiries.putIfAbsent(
                        labels + "," + label("phase", "after"),
                        change.after().notAfter().getEpochSecond());
            }
        }
        return expiries;
    }

    private static void tunnel(StringBuilder out, ClusterResult cluster) {
        if (cluster instanceof ClusterResult.Checked checked) {
            String state = TunnelSummary.of(checked.tunnel()).state();
            if (state.equals("up") || state.equals("down")) {
                sample(out, "konnectivity_tunnel_up", clusterLabel(cluster), state.equals("up") ? 1 : 0);
            }
        }
    }

    private static void family(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        sample(out, name, labels, Long.toString(value));
    }

    private static void sample(StringBuilder out, String name, String labels, String value) {
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String clusterLabel(ClusterResult cluster) {
        return label("cluster", cluster.cluster());
    }

    /**
     * The same label names for every certificate; {@code location} is the readable location, which with cluster and
     * role tells two certificates apart where the other labels cannot (files, bundles).
     */
    private static String labels(ClusterCertificate entry) {
        CertificateCheck certificate = entry.certificate();
        Location location = certificate.location();
        return String.join(
                ",",
                label("cluster", entry.cluster()),
                label("role", certificate.role().name()),
                label("namespace", location.namespace()),
                label("secret", location.secret()),
                label("key", location.key()),
                label("endpoint", location.endpoint()),
                label("location", location.describe()),
                label(
                        "subject",
                        certificate.facts() == null ? null : certificate.facts().subject()));
    }

    private static String label(String name, String value) {
        return name + "=\"" + escapeLabelValue(value) + "\"";
    }

    static String escapeLabelValue(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
