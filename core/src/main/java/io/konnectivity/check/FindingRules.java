package io.konnectivity.check;

import io.konnectivity.cluster.AgentAuthentication;
import io.konnectivity.cluster.AgentWorkload;
import io.konnectivity.cluster.TunnelState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Explains what a cluster's certificates, agent and tunnel mean together, and advises what to do. */
final class FindingRules {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String cluster;
    private final AgentNames names;

    FindingRules(String cluster, AgentNames names) {
        this.cluster = cluster;
        this.names = names;
    }

    List<Finding> explain(
            List<CertificateCheck> certificates, boolean secretFound, AgentWorkload workload, TunnelState tunnel) {
        List<Finding> findings = new ArrayList<>();
        Optional<CertificateCheck> agent = certificates.stream()
                .filter(check -> check.role() == CertificateRole.AGENT_CLIENT)
                .findFirst();
        boolean tokenAgent = workload != null && workload.authentication() == AgentAuthentication.SERVICE_ACCOUNT_TOKEN;

        tunnelFinding(agent, tunnel, tokenAgent).ifPresent(findings::add);
        if (!tokenAgent) {
            agent.flatMap(this::agentCertificateFinding).ifPresent(findings::add);
        }
        missingAgentFinding(secretFound, workload).ifPresent(findings::add);
        if (workload != null) {
            workloadFindings(workload, tokenAgent, findings);
        }
        certificates.stream()
                .filter(check -> check.role() == CertificateRole.KUBECONFIG_CLIENT)
                .filter(check -> check.status() != Status.OK)
                .findFirst()
                .ifPresent(check -> findings.add(kubeconfigCredentialFinding(check)));
        return findings;
    }

    private Optional<Finding> tunnelFinding(Optional<CertificateCheck> agent, TunnelState tunnel, boolean tokenAgent) {
        if (!(tunnel instanceof TunnelState.Down down)) {
            return Optional.empty();
        }
        if (!tokenAgent && agent.isPresent() && expired(agent.get())) {
            return Optional.of(new Finding(
                    Finding.Level.CRITICAL,
                    "TUNNEL_DOWN_CERT_EXPIRED",
                    names.secretPath(),
                    "The Konnectivity tunnel is down (logs of pod " + down.pod() + " fail: " + down.error()
                            + ") and the agent certificate in " + names.secretPath() + " expired on "
                            + DATE.format(agent.get().facts().notAfter()) + ": that is the cause.",
                    "Renew the agent certificate without downtime: konnectivity rotate --context " + cluster
                            + "; or run AKS's full rotation (az aks rotate-certs), which recreates every node."));
        }
        String advice;
        if (tokenAgent) {
            advice = "The agents authenticate with a service-account token, so no certificate of theirs is the cause:"
                    + " look at the agent pods' own logs and their outbound connection on port 443.";
        } else if (agent.isPresent() && agent.get().status() == Status.INVALID) {
            advice = "The agent certificate in " + names.secretPath() + " is unusable ("
                    + String.join(" ", agent.get().problems()) + "): that is the likely cause. Restore the Secret from"
                    + " a backup, or renew the certificate from the agent's key.";
        } else if (agent.isPresent()
                && agent.get().facts() != null
                && EnumSet.of(Status.OK, Status.WARNING, Status.CRITICAL)
                        .contains(agent.get().status())) {
            advice = "The agent certificate is valid until "
                    + DATE.format(agent.get().facts().notAfter())
                    + ", so look at the agent pods' own logs, network policies and the outbound connection to the"
                    + " control plane on port 443.";
        } else {
            advice = "Look at the agent pods' own logs and their outbound connection on port 443.";
        }
        return Optional.of(new Finding(
                Finding.Level.CRITICAL,
                "TUNNEL_DOWN",
                "pod " + names.namespace() + "/" + down.pod(),
                "The Konnectivity tunnel is down: the logs of pod " + down.pod() + " fail with: " + down.error(),
                advice));
    }

    /** Expired, whatever else is wrong with it: a certificate both expired and unusable is judged INVALID. */
    private static boolean expired(CertificateCheck check) {
        return check.status() == Status.EXPIRED
                || (check.facts() != null && check.daysLeft() != null && check.daysLeft() < 0);
    }

    private Optional<Finding> agentCertificateFinding(CertificateCheck agent) {
        String where = agent.location().describe();
        return switch (agent.status()) {
            case SKIPPED, OK, ERROR -> Optional.empty();
            case INVALID ->
                Optional.of(new Finding(
                        Finding.Level.CRITICAL,
                        "AGENT_CERT_INVALID",
                        where,
                        "The agent certificate in " + where + " is unusable: " + String.join(" ", agent.problems())
                                + (expired(agent)
                                        ? " It also expired on "
                                                + DATE.format(agent.facts().notAfter()) + "."
                                        : ""),
                        "Restore the Secret from a backup, or renew the certificate from the agent's key."));
            case EXPIRED ->
                Optional.of(new Finding(
                        Finding.Level.CRITICAL,
                        "AGENT_CERT_EXPIRED",
                        where,
                        "The agent certificate in " + where + " expired on "
                                + DATE.format(agent.facts().notAfter())
                                + "; the agents cannot connect again once they restart or reconnect.",
                        "Renew it now: konnectivity rotate --context " + cluster + "."));
            case WARNING, CRITICAL ->
                Optional.of(new Finding(
                        agent.status() == Status.CRITICAL ? Finding.Level.CRITICAL : Finding.Level.WARNING,
                        "AGENT_CERT_EXPIRING",
                        where,
                        "The agent certificate in " + where + " expires in " + agent.daysLeft() + " days, on "
                                + DATE.format(agent.facts().notAfter()) + "; then the Konnectivity tunnel stops"
                                + " (kubectl logs, exec, port-forward, webhooks and metrics fail).",
                        "Renew it before then without downtime: konnectivity rotate --context " + cluster + "."));
        };
    }

    private Optional<Finding> missingAgentFinding(boolean secretFound, AgentWorkload workload) {
        if (secretFound) {
            return Optional.empty();
        }
        if (workload == null) {
            return Optional.of(new Finding(
                    Finding.Level.INFO,
                    "NO_KONNECTIVITY_AGENT",
                    names.namespace(),
                    "Neither the Secret " + names.secretPath() + " nor a konnectivity-agent workload exists: this"
                            + " cluster does not seem to use Konnectivity with a client certificate.",
                    "If the agent lives elsewhere, give its names with --namespace, --secret and --workload."));
        }
        if (workload.authentication() == AgentAuthentication.SERVICE_ACCOUNT_TOKEN) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Finding.Level.CRITICAL,
                "AGENT_SECRET_MISSING",
                names.secretPath(),
                "The " + workload.path() + " runs, but its certificate Secret " + names.secretPath()
                        + " does not exist: new agent pods cannot start.",
                "Restore the Secret from a backup (konnectivity backups / restore), or run az aks rotate-certs."));
    }

    private void workloadFindings(AgentWorkload workload, boolean tokenAgent, List<Finding> findings) {
        if (tokenAgent) {
            findings.add(new Finding(
                    Finding.Level.INFO,
                    "AGENT_USES_TOKEN",
                    workload.path(),
                    "The " + workload.path() + " authenticates with a service-account token, not a client"
                            + " certificate: its tunnel does not depend on the certificates in "
                            + names.secretPath() + ".",
                    "Nothing to rotate for the agent."));
        }
        if (workload.ready() < workload.desired()) {
            findings.add(new Finding(
                    workload.ready() == 0 ? Finding.Level.CRITICAL : Finding.Level.WARNING,
                    "AGENT_NOT_READY",
                    workload.path(),
                    "Only " + workload.ready() + " of " + workload.desired() + " agent pods of " + workload.path()
                            + " are ready.",
                    "kubectl -n " + workload.namespace() + " describe pods -l app=konnectivity-agent"));
        }
        if ("Reconcile".equals(workload.secretMode())) {
            findings.add(new Finding(
                    Finding.Level.WARNING,
                    "SECRET_RECONCILED",
                    names.secretPath(),
                    "The Secret " + names.secretPath() + " is labelled addonmanager.kubernetes.io/mode=Reconcile:"
                            + " AKS's addon manager may reset manual changes to it.",
                    "After a renewal, check again within the hour that the new certificate is still in place."));
        }
    }

    private Finding kubeconfigCredentialFinding(CertificateCheck check) {
        String when =
                check.facts() == null ? "" : " (" + DATE.format(check.facts().notAfter()) + ")";
        return new Finding(
                check.status() == Status.WARNING ? Finding.Level.WARNING : Finding.Level.CRITICAL,
                "KUBECONFIG_CREDENTIAL_EXPIRING",
                check.location().describe(),
                "The kubeconfig's client certificate for context " + cluster + " is " + check.status()
                        + (check.daysLeft() == null ? "" : ", " + check.daysLeft() + " days left") + when
                        + ": whatever uses this kubeconfig (this job included) loses access then.",
                "Fetch a fresh kubeconfig (az aks get-credentials) and update the stored credential.");
    }
}
