package io.konnectivity.check;

import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything one check run found, across all its clusters; the model every report format renders. */
public record CheckReport(Instant generatedAt, Thresholds thresholds, List<ClusterResult> clusters)
        implements Serializable {

    /** The version of the JSON report format, raised on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public CheckReport {
        clusters = List.copyOf(clusters);
    }

    public Status status() {
        return Status.worst(clusters.stream().map(ClusterResult::status).toList());
    }

    /** Every certificate of every checked cluster, the one that expires first first. */
    public List<ClusterCertificate> byExpiry() {
        return clusters.stream()
                .filter(ClusterResult.Checked.class::isInstance)
                .map(ClusterResult.Checked.class::cast)
                .flatMap(cluster -> cluster.certificates().stream()
                        .map(certificate -> new ClusterCertificate(cluster.cluster(), certificate)))
                .sorted(Comparator.comparing((ClusterCertificate entry) -> Optional.ofNullable(
                                entry.certificate().facts())
                        .map(facts -> facts.notAfter())
                        .orElse(Instant.MIN)))
                .toList();
    }

    /** A certificate together with the cluster it belongs to. */
    public record ClusterCertificate(String cluster, CertificateCheck certificate) implements Serializable {}
}
