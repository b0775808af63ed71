package io.konnectivity.check;

import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.cluster.TunnelState;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result for one cluster: it was checked, it could not be and why, or it was deliberately left out and why. */
public sealed interface ClusterResult extends Serializable {

    String cluster();

    String server();

    Instant checkedAt();

    Duration took();

    Status status();

    /**
     * A cluster that was read.
     *
     * @param workload the agent workload; null when none was found
     * @param facts further facts about the cluster, such as its Kubernetes version, keyed by name
     */
    record Checked(
            String cluster,
            String server,
            Instant checkedAt,
            Duration took,
            List<CertificateCheck> certificates,
            AgentWorkload workload,
            TunnelState tunnel,
            List<Finding> findings,
            Map<String, String> facts)
            implements ClusterResult {

        public Checked {
            certificates = List.copyOf(certificates);
            findings = List.copyOf(findings);
            facts = Map.copyOf(facts);
        }

        @Override
        public Status status() {
            List<Status> statuses = new ArrayList<>();
            certificates.forEach(certificate -> statuses.add(certificate.status()));
            return Status.worst(statuses);
        }

        /** A copy with more findings and facts, for sources read after the cluster itself (Azure). */
        public Checked with(List<Finding> moreFindings, Map<String, String> moreFacts) {
            List<Finding> allFindings = new ArrayList<>(findings);
            allFindings.addAll(moreFindings);
            Map<String, String> allFacts = new java.util.TreeMap<>(facts);
            allFacts.putAll(moreFacts);
            return new Checked(cluster, server, checkedAt, took, certificates, workload, tunnel, allFindings, allFacts);
        }
    }

    /** A cluster that could not be checked; {@code error} says why in one line. */
    record NotChecked(String cluster, String server, Instant checkedAt, Duration took, String error)
            implements ClusterResult {

        @Override
        public Status status() {
            return Status.ERROR;
        }
    }

    /**
     * A cluster deliberately not checked, such as a stopped AKS cluster whose API server cannot answer; {@code reason}
     * says why in one line. It never fails a build.
     */
    record Skipped(String cluster, String server, Instant checkedAt, Duration took, String reason)
            implements ClusterResult {

        @Override
        public Status status() {
            return Status.SKIPPED;
        }
    }
}
