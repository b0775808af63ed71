package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Location;
import io.konnectivity.check.Status;
import java.util.Arrays;
import java.util.List;

/**
 * The report as Prometheus metrics in the text exposition format 0.0.4, for the node exporter's textfile collector or
 * a Pushgateway. Samples carry no timestamps: the collector adds its own.
 */
public final class PrometheusReport implements ReportRenderer {

    private static final List<Status> CERTIFICATE_STATUSES = Arrays.stream(Status.values())
            .filter(status -> status != Status.ERROR)
            .toList();

    @Override
    public String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        List<ClusterCertificate> certificates = report.byExpiry();

        family(out, "konnectivity_certificate_expiry_timestamp_seconds", "When the certificate expires (notAfter).");
        certificates.stream()
                .filter(entry -> entry.certificate().facts() != null)
                .forEach(entry -> sample(
                        out,
                        "konnectivity_certificate_expiry_timestamp_seconds",
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

        family(out, "konnectivity_cluster_check_success", "1 when the cluster could be checked, 0 when not.");
        report.clusters()
                .forEach(cluster -> sample(
                        out,
                        "konnectivity_cluster_check_success",
                        clusterLabel(cluster),
                        cluster instanceof ClusterResult.Checked ? 1 : 0));

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

    @Override
    public String fileName() {
        return "konnectivity.prom";
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
