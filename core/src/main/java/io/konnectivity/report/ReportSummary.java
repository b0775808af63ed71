package io.konnectivity.report;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CheckReport;
import io.konnectivity.check.CheckReport.ClusterCertificate;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a person wants to know first about a report: counts per status and the certificate that expires first. */
final class ReportSummary {

    /** The order of {@link CheckReport#byExpiry()}: unreadable certificates first, then by expiry. */
    static final Comparator<CertificateCheck> BY_EXPIRY = Comparator.comparing(certificate ->
            certificate.facts() == null ? Instant.MIN : certificate.facts().notAfter());

    private final CheckReport report;
    private final List<ClusterCertificate> byExpiry;

    ReportSummary(CheckReport report) {
        this.report = report;
        this.byExpiry = report.byExpiry();
    }

    List<ClusterCertificate> byExpiry() {
        return byExpiry;
    }

    /** The readable certificate with the earliest expiry, expired ones included. */
    Optional<ClusterCertificate> firstToExpire() {
        return byExpiry.stream()
                .filter(entry -> entry.certificate().facts() != null)
                .findFirst();
    }

    /** How many certificates have each status, in status order, with only the statuses that occur. */
    Map<Status, Integer> certificatesByStatus() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        byExpiry.forEach(entry -> counts.merge(entry.certificate().status(), 1, Integer::sum));
        return counts;
    }

    List<ClusterResult.Checked> checked() {
        return report.clusters().stream()
                .filter(ClusterResult.Checked.class::isInstance)
                .map(ClusterResult.Checked.class::cast)
                .toList();
    }

    List<ClusterResult.NotChecked> notChecked() {
        return report.clusters().stream()
                .filter(ClusterResult.NotChecked.class::isInstance)
                .map(ClusterResult.NotChecked.class::cast)
                .toList();
    }

    List<ClusterResult.Skipped> skipped() {
        return report.clusters().stream()
                .filter(ClusterResult.Skipped.class::isInstance)
                .map(ClusterResult.Skipped.class::cast)
                .toList();
    }

    /**
     * Such as {@code 5 clusters (1 not checked, 1 skipped), 9 certificates: 5 OK, 1 WARNING, 1 CRITICAL, 2 EXPIRED}.
     */
    String describe() {
        int clusters = report.clusters().size();
        List<String> unchecked = new ArrayList<>();
        if (!notChecked().isEmpty()) {
            unchecked.add(notChecked().size() + " not checked");
        }
        if (!skipped().isEmpty()) {
            unchecked.add(skipped().size() + " skipped");
        }
        String text = count(clusters, "cluster")
                + (unchecked.isEmpty() ? "" : " (" + String.join(", ", unchecked) + ")")
                + ", "
                + count(byExpiry.size(), "certificate");
        if (byExpiry.isEmpty()) {
            return text;
        }
        return text + ": "
                + certificatesByStatus().entrySet().stream()
                        .map(entry -> entry.getValue() + " " + entry.getKey())
                        .collect(Collectors.joining(", "));
    }

    static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
