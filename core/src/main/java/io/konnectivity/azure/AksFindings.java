package io.konnectivity.azure;

import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.Finding;
import io.konnectivity.check.Status;
import io.konnectivity.check.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Explains what ARM's facts about a cluster mean for its certificates, and what to schedule. */
final class AksFindings {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private AksFindings() {}

    /** @param certificates the cluster's checked certificates, to date the agent certificate; may be empty */
    static List<Finding> explain(
            AksClusterFacts cluster, List<CertificateCheck> certificates, Thresholds thresholds, Instant now) {
        List<Finding> findings = new ArrayList<>();
        String object = "AKS cluster " + cluster.id().shortName();
        if (!cluster.rbacEnabled()) {
            findings.add(rbacDisabled(cluster, object, agentCertificate(certificates), thresholds, now));
        }
        if (cluster.isRotatingCertificates()) {
            findings.add(new Finding(
                    Finding.Level.WARNING,
                    "AKS_ROTATION_IN_PROGRESS",
                    object,
                    "A certificate rotation of " + cluster.id().shortName() + " is in progress (provisioning state "
                            + cluster.provisioningState() + "): AKS is recreating its nodes, and every kubeconfig"
                            + " fetched before it stops working.",
                    "Wait until the provisioning state is Succeeded, fetch a new kubeconfig (az aks get-credentials)"
                            + " and check again."));
        } else if (cluster.provisioningState() != null && !"Succeeded".equalsIgnoreCase(cluster.provisioningState())) {
            findings.add(new Finding(
                    Finding.Level.INFO,
                    "AKS_PROVISIONING",
                    object,
                    "The provisioning state of " + cluster.id().shortName() + " is " + cluster.provisioningState()
                            + ", not Succeeded: an operation runs or failed.",
                    "See the cluster's activity log before changing it."));
        }
        if (cluster.privateCluster()) {
            findings.add(privateCluster(cluster, object));
        }
        return findings;
    }

    static Finding stopped(AksClusterFacts cluster) {
        return new Finding(
                Finding.Level.INFO,
                "AKS_CLUSTER_STOPPED",
                "AKS cluster " + cluster.id().shortName(),
                "The cluster " + cluster.id().shortName() + " is stopped, so its certificates cannot be read.",
                "Check it after az aks start; certificates keep expiring while it is stopped.");
    }

    static Finding privateCluster(AksClusterFacts cluster, String object) {
        return new Finding(
                Finding.Level.INFO,
                "AKS_PRIVATE_CLUSTER",
                object,
                "The API server of " + cluster.id().shortName() + " is private"
                        + (cluster.fqdn() == null ? "" : " (" + cluster.fqdn() + ")")
                        + ": only machines in its virtual network, or networks peered or connected to it, reach it.",
                "Run konnectivity on a machine (a Jenkins agent) inside that network.");
    }

    private static Finding rbacDisabled(
            AksClusterFacts cluster,
            String object,
            Optional<CertificateCheck> agent,
            Thresholds thresholds,
            Instant now) {
        String name = cluster.id().shortName();
        String rotateNow = "konnectivity rotate (no downtime), or az aks rotate-certs -g " + cluster.resourceGroup()
                + " -n " + cluster.name() + " (recreates every node: up to 30 minutes of downtime)";
        String never = "AKS never rotates the certificates of " + name + ": RBAC is disabled (enableRBAC false), and"
                + " automatic certificate rotation applies only to RBAC-enabled clusters.";
        if (agent.isEmpty() || agent.get().facts() == null) {
            return new Finding(
                    Finding.Level.WARNING,
                    "AKS_RBAC_DISABLED",
                    object,
                    never + " The agent certificate could not be read to tell when it runs out.",
                    "Read its date with konnectivity check, then schedule " + rotateNow + " before it.");
        }
        Instant notAfter = agent.get().facts().notAfter();
        Instant scheduleBy = notAfter.minus(Duration.ofDays(Math.max(thresholds.warnDays(), 1)));
        Status status = agent.get().status();
        Finding.Level level = status == Status.CRITICAL || status == Status.EXPIRED || status == Status.INVALID
                ? Finding.Level.CRITICAL
                : Finding.Level.WARNING;
        String when = notAfter.isAfter(now)
                ? " Its Konnectivity agent certificate runs out on " + DATE.format(notAfter) + " ("
                        + Duration.between(now, notAfter).toDays() + " days), and the tunnel (kubectl logs, exec,"
                        + " webhooks, metrics) stops then."
                : " Its Konnectivity agent certificate ran out on " + DATE.format(notAfter) + ".";
        String advice;
        if (!notAfter.isAfter(now)) {
            advice = "Renew it now: " + rotateNow + ".";
        } else if (scheduleBy.isAfter(now)) {
            advice = "Schedule " + rotateNow + " before " + DATE.format(notAfter) + ", best by "
                    + DATE.format(scheduleBy) + ".";
        } else {
            advice = "Schedule " + rotateNow + " before " + DATE.format(notAfter) + ", within the next days: it is"
                    + " inside the " + thresholds.warnDays() + "-day warning period.";
        }
        return new Finding(level, "AKS_RBAC_DISABLED", object, never + when, advice);
    }

    private static Optional<CertificateCheck> agentCertificate(List<CertificateCheck> certificates) {
        return certificates.stream()
                .filter(check -> check.role() == CertificateRole.AGENT_CLIENT)
                .findFirst();
    }
}
