package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.cert.CertificateReader;
import io.konnectivity.check.AgentSecretEvaluation;
import io.konnectivity.cluster.AgentAuthentication;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterConnection;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.KubeconfigFile;
import io.konnectivity.cluster.TunnelState;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renews the agent certificate with no downtime: preflight, lock, verified backup, a CSR signed by the API server
 * and checked, an in-place update of {@code client.crt}, a restart of the agents and proof that the tunnel works, with
 * an automatic rollback when it does not. A rerun after a crash resumes from the progress recorded on the lock.
 */
public final class Rotation {

    private final Clock clock;
    private final RotationListener listener;

    public Rotation(Clock clock, RotationListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Never throws for a cluster problem: how it ended is the report's result. */
    public RotationReport run(ClusterTarget target, RotationRequest request) {
        return run(target.name(), () -> ClusterConnection.open(target, request.requestTimeout()), request);
    }

    /**
     * Rotates through a kubeconfig already read, such as one held in memory only.
     *
     * @param cluster how the report names the cluster
     * @param context the kubeconfig context; null for its current context
     */
    public RotationReport run(String cluster, KubeconfigFile kubeconfig, String context, RotationRequest request) {
        return run(cluster, () -> ClusterConnection.open(kubeconfig, context, request.requestTimeout()), request);
    }

    private RotationReport run(String cluster, Opener opener, RotationRequest request) {
        Run run = new Run(cluster, request);
        try (ClusterConnection connection = opener.open()) {
            run.server = connection.server();
            run.execute(connection);
        } catch (ClusterAccessException e) {
            run.result = new RotationResult.Failed(e.getMessage());
        } catch (RuntimeException e) {
            run.result = new RotationResult.Failed("The rotation stopped unexpectedly: " + e
                    + ". Its lock expires on its own; a rerun then resumes or rolls back.");
        }
        return run.report();
    }

    @FunctionalInterface
    private interface Opener {
        ClusterConnection open() throws ClusterAccessException;
    }

    /** The state of one rotation while it runs. */
    private final class Run {
        private final String cluster;
        private final RotationRequest request;
        private final Instant started = clock.instant();
        private final List<RotationStep> steps = new ArrayList<>();
        private final List<CertificateChange> certificates = new ArrayList<>();
        private String server = "";
        private String backup;
        private String csr;
        private RotationResult result;

        private Run(String cluster, RotationRequest request) {
            this.cluster = cluster;
            this.request = request;
        }

        private void execute(ClusterConnection connection) {
            KubernetesClient client = connection.client();
            String ns = request.names().namespace();
            AgentSecret agent;
            AgentWorkloadReader.Found workload;
            Instant stepStart = clock.instant();
            try {
                agent = AgentSecret.read(client, request.names());
                workload = AgentWorkloadReader.find(client, ns, request.names().workload())
                        .orElseThrow(() -> new RotationException("No agent Deployment or DaemonSet "
                                + request.names().workload() + " runs in " + ns + "; nothing would load a new"
                                + " certificate. Nothing was changed."));
                AgentAuthentication authentication = AgentWorkloadReader.authentication(
                        workload.template(), request.names().secret());
                if (authentication == AgentAuthentication.SERVICE_ACCOUNT_TOKEN) {
                    throw new RotationException("The " + workload.kind() + " " + ns + "/" + workload.name()
                            + " authenticates with a service-account token, not the certificate in "
                            + agent.path() + ": there is nothing to rotate. Nothing was changed.");
                }
                List<Permissions.Needed> missing = Permissions.missing(client, Permissions.needed(request));
                if (!missing.isEmpty()) {
                    throw new RotationException(Permissions.explain(missing, connection.context()));
                }
            } catch (RotationException | KubernetesClientException e) {
                fail("preflight", stepStart, e, connection, "Nothing was changed.");
                return;
            }
            CertificateFacts before = CertificateReader.read(agent.certificate());
            step(
                    "preflight",
                    RotationStep.Outcome.DONE,
                    "read " + agent.path() + " (subject " + before.subject()
                            + ", expires " + before.notAfter() + ", key " + before.keyAlgorithm() + " matches); "
                            + workload.kind() + " " + ns + "/" + workload.name() + " uses the certificate; every"
                            + " permission granted",
                    stepStart);

            boolean lockExists = client.leases()
                            .inNamespace(ns)
                            .withName(RotationLock.leaseName(request.names().secret()))
                            .get()
                    != null;
            if (!lockExists && request.ifExpiresWithinDays() != null) {
                long daysLeft = before.daysLeft(clock.instant());
                if (daysLeft > request.ifExpiresWithinDays()) {
                    step(
                            "due",
                            RotationStep.Outcome.SKIPPED,
                            "the certificate has " + daysLeft + " days left, more" + " than "
                                    + request.ifExpiresWithinDays() + ": not due",
                            clock.instant());
                    certificates.add(new CertificateChange(where(), before, null));
                    result = new RotationResult.Unchanged("Not due: " + agent.path() + " has " + daysLeft
                            + " days left (rotating at " + request.ifExpiresWithinDays() + " or fewer).");
                    return;
                }
            }
            if (request.dryRun()) {
                plan(agent, workload);
                certificates.add(new CertificateChange(where(), before, null));
                result = new RotationResult.Unchanged("Dry run: nothing was changed.");
                return;
            }
            rotate(connection, agent, workload, before);
        }

        private void rotate(
                ClusterConnection connection,
                AgentSecret agent,
                AgentWorkloadReader.Found workload,
                CertificateFacts before) {
            KubernetesClient client = connection.client();
            String ns = request.names().namespace();
            Instant stepStart = clock.instant();
            RotationLock lock;
            try {
                lock = RotationLock.acquire(
                        client, ns, request.names().secret(), request.holder(), request.lockDuration(), clock);
            } catch (RotationException | KubernetesClientException e) {
                fail("lock", stepStart, e, connection, "Nothing was changed.");
                return;
            }
            try (lock) {
                RotationState inherited = lock.inherited();
                step(
                        "lock",
                        RotationStep.Outcome.DONE,
                        "holding Lease " + ns + "/"
                                + RotationLock.leaseName(request.names().secret()) + " as " + request.holder()
                                + (inherited == null
                                        ? ""
                                        : "; resuming an interrupted rotation (" + inherited.phase() + ")"),
                        stepStart);
                if (inherited == null && renewedMeanwhile(client, agent)) {
                    releaseQuietly(lock);
                    return;
                }
                boolean alreadyUpdated = inherited != null
                        && inherited.newFingerprint() != null
                        && inherited.newFingerprint().equals(agent.fingerprint());
                CertificateFacts previous = before;
                if (alreadyUpdated) {
                    backup = inherited.backup();
                    csr = inherited.csr();
                    previous = previousFacts(client, inherited).orElse(null);
                    lock.record(inherited);
                    for (String done : List.of("backup", "csr", "approval", "issued", "update")) {
                        step(done, RotationStep.Outcome.SKIPPED, "done by the interrupted rotation", clock.instant());
                    }
                } else {
                    cleanStaleCsr(client, inherited);
                    if (!renew(connection, lock, agent, inherited)) {
                        return;
                    }
                }
                restartAndProve(connection, lock, workload, previous);
            }
        }

        /**
         * Whether another rotation renewed the certificate between this one's preflight and its taking the lock; the
         * preflight's reading is stale then, and there is nothing left to do.
         */
        private boolean renewedMeanwhile(KubernetesClient client, AgentSecret agent) {
            Instant stepStart = clock.instant();
            try {
                AgentSecret now = AgentSecret.read(client, request.names());
                if (now.fingerprint().equals(agent.fingerprint())) {
                    return false;
                }
                step(
                        "due",
                        RotationStep.Outcome.SKIPPED,
                        "the certificate was renewed by another rotation while this"
                                + " one waited for the lock; it now expires "
                                + now.certificate().getNotAfter().toInstant(),
                        stepStart);
                result = new RotationResult.Unchanged("Renewed meanwhile by another rotation: " + agent.path()
                        + " now expires " + now.certificate().getNotAfter().toInstant() + ".");
                return true;
            } catch (RotationException | KubernetesClientException e) {
                return false;
            }
        }

        /** Backup, CSR, approval, verification and the Secret update; false when the run ended here. */
        private boolean renew(
                ClusterConnection connection, RotationLock lock, AgentSecret agent, RotationState inherited) {
            KubernetesClient client = connection.client();
            SecretBackups backups = new SecretBackups(client, request.names(), clock);
            CsrSigner signer = new CsrSigner(client, clock, listener, cluster);
            Instant stepStart = clock.instant();
            String writing = null;
            try {
                backup = reusableBackup(backups, inherited, agent).orElse(null);
                if (backup == null) {
                    backup = backups.create(agent, request.holder());
                    step(
                            "backup",
                            RotationStep.Outcome.DONE,
                            "copied " + agent.path() + " to " + ns() + "/" + backup + " and read it back equal",
                            stepStart);
                } else {
                    step(
                            "backup",
                            RotationStep.Outcome.SKIPPED,
                            "reusing " + ns() + "/" + backup + " made by the interrupted rotation",
                            stepStart);
                }
                lock.record(lock.state().backedUp(backup, agent.fingerprint()));
                List<String> pruned = backups.prune(request.keepBackups(), backup);
                if (!pruned.isEmpty()) {
                    listener.progress(cluster, "deleted old backups " + String.join(", ", pruned));
                }

                stepStart = clock.instant();
                csr = signer.newName(request.names().secret());
                lock.record(lock.state().csrCreated(csr));
                signer.create(csr, agent, request);
                step(
                        "csr",
                        RotationStep.Outcome.DONE,
                        "created CertificateSigningRequest " + csr + " for "
                                + agent.subject().getName() + " (signer " + CsrSigner.SIGNER_NAME
                                + (request.validity() == null
                                        ? ""
                                        : ", " + request.validity().toSeconds() + " s requested")
                                + ")",
                        stepStart);

                stepStart = clock.instant();
                if (request.approval() == ApprovalMode.AUTO) {
                    signer.approve(csr, request);
                    step("approval", RotationStep.Outcome.DONE, "approved " + csr + " through /approval", stepStart);
                } else {
                    listener.progress(
                            cluster,
                            "waiting up to " + request.approvalTimeout().toSeconds()
                                    + " s for someone to approve: kubectl certificate approve " + csr);
                    step("approval", RotationStep.Outcome.SKIPPED, "left to an approver", stepStart);
                }

                stepStart = clock.instant();
                X509Certificate issued = signer.awaitCertificate(csr, request.approvalTimeout());
                List<String> problems = CsrSigner.problems(issued, agent);
                if (!problems.isEmpty()) {
                    throw new RotationException("The certificate issued for " + csr + " is not safe to use: "
                            + String.join("; ", problems) + ". The Secret was not changed.");
                }
                step(
                        "issued",
                        RotationStep.Outcome.DONE,
                        "issued certificate matches client.key, keeps the subject," + " allows client auth, expires "
                                + issued.getNotAfter().toInstant() + " and chains to ca.crt",
                        stepStart);

                stepStart = clock.instant();
                String newFingerprint = CertificateReader.fingerprint(issued);
                // Recorded first: a rerun after a crash in the write reads the Secret to learn whether it landed.
                lock.record(lock.state().updating(newFingerprint));
                writing = newFingerprint;
                String pem = io.konnectivity.cert.Pem.encode(issued);
                Secret written = SecretWriter.write(
                        client,
                        agent.secret(),
                        Map.of(AgentSecretEvaluation.CERTIFICATE_KEY, AgentSecret.base64(pem)),
                        Map.of(
                                "konnectivity.io/rotated-at", clock.instant().toString(),
                                "konnectivity.io/rotated-by", request.holder(),
                                "konnectivity.io/previous-fingerprint", agent.fingerprint(),
                                "konnectivity.io/backup", backup));
                lock.record(lock.state().secretUpdated(newFingerprint));
                step(
                        "update",
                        RotationStep.Outcome.DONE,
                        "replaced client.crt in " + agent.path()
                                + " in place (resourceVersion "
                                + agent.secret().getMetadata().getResourceVersion() + " -> "
                                + written.getMetadata().getResourceVersion() + "); ca.crt and client.key unchanged",
                        stepStart);
                return true;
            } catch (RotationException | KubernetesClientException | IllegalStateException e) {
                Optional<Boolean> landed = writing == null ? Optional.of(false) : holds(client, writing);
                if (landed.orElse(false)) {
                    // The verified certificate is in place; only the answer or its recording was lost: go on.
                    step(
                            "update",
                            RotationStep.Outcome.DONE,
                            "replaced client.crt in " + agent.path() + " in place: read back after an error ("
                                    + (e instanceof KubernetesClientException
                                            ? connection.describe(e, "the update step")
                                            : e.getMessage())
                                    + ")",
                            stepStart);
                    return true;
                }
                if (csr != null) {
                    deleteQuietly(signer, csr);
                }
                if (landed.isEmpty()) {
                    fail(
                            currentStep(),
                            stepStart,
                            e,
                            connection,
                            "The Secret " + agent.path() + " may hold the new certificate; the lock stays until it"
                                    + " expires, and a rerun then reads the Secret and finishes or rolls back.");
                    return false;
                }
                fail(currentStep(), stepStart, e, connection, "The Secret " + agent.path() + " was not changed.");
                releaseQuietly(lock);
                return false;
            }
        }

        /** Whether the agent Secret holds the certificate of {@code fingerprint}; empty when it cannot be read. */
        private Optional<Boolean> holds(KubernetesClient client, String fingerprint) {
            try {
                return Optional.of(fingerprint.equals(
                        AgentSecret.read(client, request.names()).fingerprint()));
            } catch (RotationException | KubernetesClientException e) {
                return Optional.empty();
            }
        }

        private void restartAndProve(
                ClusterConnection connection,
                RotationLock lock,
                AgentWorkloadReader.Found workload,
                CertificateFacts previous) {
            KubernetesClient client = connection.client();
            Instant stepStart = clock.instant();
            try {
                AgentSecret renewed = AgentSecret.read(client, request.names());
                certificates.add(
                        new CertificateChange(where(), previous, CertificateReader.read(renewed.certificate())));
                String done = new AgentRestart(client, clock, listener, cluster)
                        .restart(ns(), workload, request.restart(), request.rolloutTimeout());
                try {
                    lock.record(lock.state().restarted());
                } catch (KubernetesClientException e) {
                    // Progress only: a rerun after a crash would restart the agents once more.
                    listener.progress(cluster, "could not record the restart on the lock: " + e.getMessage());
                }
                step("restart", RotationStep.Outcome.DONE, done, stepStart);

                stepStart = clock.instant();
                TunnelState tunnel = probeUntilUp(client, workload);
                if (!(tunnel instanceof TunnelState.Up up)) {
                    throw new RotationException("The tunnel does not work after the restart: " + describe(tunnel));
                }
                step("verify", RotationStep.Outcome.DONE, "tunnel works: read the log of pod " + up.pod(), stepStart);
            } catch (RotationException | KubernetesClientException | IllegalStateException e) {
                String why = e instanceof RotationException ? e.getMessage() : connection.describe(e, currentStep());
                step(currentStep(), RotationStep.Outcome.FAILED, why, stepStart);
                rollBack(connection, lock, workload, why);
                return;
            }
            cleanUp(connection, lock);
            result = new RotationResult.Rotated("Renewed " + request.names().secretPath() + "[client.crt]: "
                    + certificates.get(0).after().notAfter() + "; the tunnel works.");
        }

        private void rollBack(
                ClusterConnection connection, RotationLock lock, AgentWorkloadReader.Found workload, String why) {
            KubernetesClient client = connection.client();
            Instant stepStart = clock.instant();
            try {
                lock.ensureHeld();
                Secret saved = new SecretBackups(client, request.names(), clock).get(backup);
                Secret current = client.secrets()
                        .inNamespace(ns())
                        .withName(request.names().secret())
                        .get();
                String ours = lock.state().newFingerprint();
                String found = current == null
                        ? null
                        : AgentSecret.read(client, request.names()).fingerprint();
                if (ours == null || !ours.equals(found)) {
                    throw new RotationException("The Secret " + request.names().secretPath()
                            + (current == null ? " is gone" : " no longer holds this rotation's certificate")
                            + "; the rollback leaves it as it is.");
                }
                Map<String, String> data = Map.of(
                        AgentSecretEvaluation.CERTIFICATE_KEY,
                        saved.getData().get(AgentSecretEvaluation.CERTIFICATE_KEY),
                        AgentSecretEvaluation.PRIVATE_KEY_KEY,
                        saved.getData().get(AgentSecretEvaluation.PRIVATE_KEY_KEY),
                        AgentSecretEvaluation.CA_KEY,
                        saved.getData().get(AgentSecretEvaluation.CA_KEY));
                SecretWriter.write(
                        client,
                        current,
                        data,
                        Map.of(
                                "konnectivity.io/rolled-back-at",
                                clock.instant().toString(),
                                "konnectivity.io/restored-from",
                                backup));
                String done = new AgentRestart(client, clock, listener, cluster)
                        .restart(ns(), workload, request.restart(), request.rolloutTimeout());
                TunnelState tunnel = probeUntilUp(client, workload);
                step(
                        "rollback",
                        RotationStep.Outcome.DONE,
                        "restored the agent data from " + ns() + "/" + backup + ", " + done
                                + "; tunnel after rollback: " + describe(tunnel),
                        stepStart);
                cleanUp(connection, lock);
                result = new RotationResult.RolledBack("The renewal did not work (" + why + ") and was rolled back"
                        + " from backup " + ns() + "/" + backup + "; tunnel now: " + describe(tunnel) + ".");
            } catch (RotationException | KubernetesClientException e) {
                String failure = e instanceof RotationException ? e.getMessage() : connection.describe(e, "rollback");
                step("rollback", RotationStep.Outcome.FAILED, failure, stepStart);
                result = new RotationResult.Failed("The renewal did not work (" + why + ") and the rollback failed ("
                        + failure + "). Restore by hand: konnectivity restore --backup " + backup
                        + ", or rerun after the lock expires to resume.");
            }
        }

        private void cleanUp(ClusterConnection connection, RotationLock lock) {
            Instant stepStart = clock.instant();
            List<String> done = new ArrayList<>();
            if (csr != null && !request.keepCsr()) {
                deleteQuietly(new CsrSigner(connection.client(), clock, listener, cluster), csr);
                done.add("deleted CSR " + csr);
            }
            releaseQuietly(lock);
            done.add("released the lock");
            step("cleanup", RotationStep.Outcome.DONE, String.join(", ", done), stepStart);
        }

        private void plan(AgentSecret agent, AgentWorkloadReader.Found workload) {
            Instant now = clock.instant();
            List<String[]> planned = List.of(
                    new String[] {
                        "lock",
                        "take Lease " + ns() + "/"
                                + RotationLock.leaseName(request.names().secret()) + " as " + request.holder()
                    },
                    new String[] {
                        "backup",
                        "copy " + agent.path() + " to a new backup Secret, verify it, keep the" + " newest "
                                + request.keepBackups()
                    },
                    new String[] {
                        "csr",
                        "create a CertificateSigningRequest for "
                                + agent.subject().getName()
                                + " with the existing " + agent.key().getAlgorithm() + " key, signer "
                                + CsrSigner.SIGNER_NAME
                                + (request.validity() == null
                                        ? ""
                                        : ", validity " + request.validity().toSeconds() + " s")
                    },
                    new String[] {
                        "approval",
                        request.approval() == ApprovalMode.AUTO
                                ? "approve it through /approval"
                                : "wait up to " + request.approvalTimeout().toSeconds() + " s for an approver"
                    },
                    new String[] {
                        "issued",
                        "check the certificate matches the key, keeps the subject, allows client"
                                + " auth, outlives "
                                + agent.certificate().getNotAfter().toInstant() + " and chains to"
                                + " ca.crt"
                    },
                    new String[] {
                        "update",
                        "replace only client.crt in " + agent.path() + ", guarded by" + " resourceVersion "
                                + agent.secret().getMetadata().getResourceVersion()
                    },
                    new String[] {
                        "restart",
                        (request.restart() == RestartStrategy.EVICTION ? "evict the pods of " : "rollout-restart ")
                                + workload.kind() + " " + ns() + "/" + workload.name() + " (" + workload.desired()
                                + " pods) and wait " + request.rolloutTimeout().toSeconds() + " s at most"
                    },
                    new String[] {"verify", "read an agent pod's log through the tunnel; roll back if it fails"},
                    new String[] {"cleanup", (request.keepCsr() ? "keep" : "delete") + " the CSR, release the lock"});
            for (String[] step : planned) {
                step(step[0], RotationStep.Outcome.PLANNED, step[1], now);
            }
        }

        private Optional<String> reusableBackup(SecretBackups backups, RotationState inherited, AgentSecret agent) {
            if (inherited == null || inherited.backup() == null) {
                return Optional.empty();
            }
            try {
                Secret saved = backups.get(inherited.backup());
                return SecretWriter.sameAgentData(saved, agent.secret())
                        ? Optional.of(inherited.backup())
                        : Optional.empty();
            } catch (RotationException e) {
                return Optional.empty();
            }
        }

        private Optional<CertificateFacts> previousFacts(KubernetesClient client, RotationState inherited) {
            try {
                Secret saved = new SecretBackups(client, request.names(), clock).get(inherited.backup());
                return Optional.of(
                        CertificateReader.read(AgentSecret.parse(saved).certificate()));
            } catch (RotationException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private void cleanStaleCsr(KubernetesClient client, RotationState inherited) {
            if (inherited != null && inherited.csr() != null) {
                deleteQuietly(new CsrSigner(client, clock, listener, cluster), inherited.csr());
            }
        }

        private TunnelState probeUntilUp(KubernetesClient client, AgentWorkloadReader.Found workload)
                throws RotationException {
            return TunnelWait.untilUp(client, ns(), workload, clock, request.rolloutTimeout());
        }

        private void fail(String name, Instant stepStart, Exception error, ClusterConnection connection, String state) {
            String message = error instanceof RotationException
                    ? error.getMessage()
                    : connection.describe(error, "the " + name + " step") + " " + state;
            step(name, RotationStep.Outcome.FAILED, message, stepStart);
            result = new RotationResult.Failed(message);
        }

        private String currentStep() {
            List<String> order = List.of("backup", "csr", "approval", "issued", "update", "restart", "verify");
            for (String name : order) {
                if (steps.stream().noneMatch(step -> step.name().equals(name))) {
                    return name;
                }
            }
            return "verify";
        }

        private void step(String name, RotationStep.Outcome outcome, String detail, Instant stepStart) {
            RotationStep step = new RotationStep(name, outcome, detail, Duration.between(stepStart, clock.instant()));
            steps.add(step);
            listener.stepFinished(cluster, step);
        }

        private void deleteQuietly(CsrSigner signer, String name) {
            try {
                signer.delete(name);
            } catch (KubernetesClientException e) {
                listener.progress(
                        cluster, "could not delete CSR " + name + "; the API server removes it within" + " 24 hours");
            }
        }

        private void releaseQuietly(RotationLock lock) {
            try {
                lock.release();
            } catch (RuntimeException e) {
                listener.progress(
                        cluster,
                        "could not release the lock; it expires in "
                                + request.lockDuration().toSeconds() + " s");
            }
        }

        private String ns() {
            return request.names().namespace();
        }

        private String where() {
            return request.names().secretPath() + "[client.crt]";
        }

        private String describe(TunnelState state) {
            if (state instanceof TunnelState.Up up) {
                return "up (pod " + up.pod() + ")";
            }
            if (state instanceof TunnelState.Down down) {
                return "down (" + down.error() + ")";
            }
            if (state instanceof TunnelState.Unknown unknown) {
                return "unknown (" + unknown.error() + ")";
            }
            return "not probed (" + ((TunnelState.NotProbed) state).reason() + ")";
        }

        private RotationReport report() {
            if (result == null) {
                result = new RotationResult.Failed("The rotation stopped without a result.");
            }
            return new RotationReport(
                    cluster,
                    server,
                    RotationMode.CSR,
                    started,
                    Duration.between(started, clock.instant()),
                    result,
                    steps,
                    certificates,
                    backup,
                    csr);
        }
    }
}
