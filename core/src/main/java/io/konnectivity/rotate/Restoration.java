package io.konnectivity.rotate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.konnectivity.cert.CertificateFacts;
import io.konnectivity.cert.CertificateReader;
import io.konnectivity.check.AgentSecretEvaluation;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterConnection;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.TunnelState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts a backup's agent data back into the agent Secret, in place and under the rotation lock, then restarts. */
public final class Restoration {

    private final Clock clock;
    private final RotationListener listener;

    public Restoration(Clock clock, RotationListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    public RotationReport restore(ClusterTarget target, RotationRequest request, String backupName) {
        Instant started = clock.instant();
        List<RotationStep> steps = new ArrayList<>();
        List<CertificateChange> certificates = new ArrayList<>();
        String server = "";
        RotationResult result;
        try (ClusterConnection connection = ClusterConnection.open(target, request.requestTimeout())) {
            server = connection.server();
            result = restore(connection, request, backupName, steps, certificates, target.name());
        } catch (ClusterAccessException e) {
            result = new RotationResult.Failed(e.getMessage());
        }
        return new RotationReport(
                target.name(),
                server,
                RotationMode.RESTORE,
                started,
                Duration.between(started, clock.instant()),
                result,
                steps,
                certificates,
                backupName,
                null);
    }

    private RotationResult restore(
            ClusterConnection connection,
            RotationRequest request,
            String backupName,
            List<RotationStep> steps,
            List<CertificateChange> certificates,
            String cluster) {
        KubernetesClient client = connection.client();
        String ns = request.names().namespace();
        Instant stepStart = clock.instant();
        String stepName = "preflight";
        try {
            Secret backup = new SecretBackups(client, request.names(), clock).get(backupName);
            AgentSecret saved = AgentSecret.parse(backup);
            Secret current = client.secrets()
                    .inNamespace(ns)
                    .withName(request.names().secret())
                    .get();
            if (current == null) {
                throw new RotationException("The Secret " + request.names().secretPath() + " does not exist; restore"
                        + " recreates nothing by design. Create it from the backup with kubectl, then rerun.");
            }
            AgentWorkloadReader.Found workload = AgentWorkloadReader.find(
                            client, ns, request.names().workload())
                    .orElseThrow(() -> new RotationException(
                            "No agent workload " + request.names().workload() + " runs in " + ns + "."));
            CertificateFacts before = currentFacts(current);
            record(
                    steps,
                    cluster,
                    "preflight",
                    RotationStep.Outcome.DONE,
                    "backup " + ns + "/" + backupName + " holds a matching key and certificate (" + saved.fingerprint()
                            + ")",
                    stepStart);
            if (request.dryRun()) {
                record(
                        steps,
                        cluster,
                        "restore",
                        RotationStep.Outcome.PLANNED,
                        "write ca.crt, client.crt and" + " client.key of " + backupName + " into "
                                + request.names().secretPath(),
                        clock.instant());
                return new RotationResult.Unchanged("Dry run: nothing was changed.");
            }

            stepName = "lock";
            stepStart = clock.instant();
            try (RotationLock lock = RotationLock.acquire(
                    client, ns, request.names().secret(), request.holder(), request.lockDuration(), clock)) {
                record(steps, cluster, "lock", RotationStep.Outcome.DONE, "holding the rotation lock", stepStart);

                stepName = "restore";
                stepStart = clock.instant();
                Map<String, String> data = Map.of(
                        AgentSecretEvaluation.CA_KEY, saved.raw(AgentSecretEvaluation.CA_KEY),
                        AgentSecretEvaluation.CERTIFICATE_KEY, saved.raw(AgentSecretEvaluation.CERTIFICATE_KEY),
                        AgentSecretEvaluation.PRIVATE_KEY_KEY, saved.raw(AgentSecretEvaluation.PRIVATE_KEY_KEY));
                SecretWriter.write(
                        client,
                        current,
                        data,
                        Map.of(
                                "konnectivity.io/restored-at",
                                clock.instant().toString(),
                                "konnectivity.io/restored-from",
                                backupName));
                certificates.add(new CertificateChange(
                        request.names().secretPath() + "[client.crt]",
                        before,
                        CertificateReader.read(saved.certificate())));
                record(
                        steps,
                        cluster,
                        "restore",
                        RotationStep.Outcome.DONE,
                        "wrote the agent data of " + backupName + " into "
                                + request.names().secretPath() + " in place",
                        stepStart);

                stepName = "restart";
                stepStart = clock.instant();
                String done = new AgentRestart(client, clock, listener, cluster)
                        .restart(ns, workload, request.restart(), request.rolloutTimeout());
                record(steps, cluster, "restart", RotationStep.Outcome.DONE, done, stepStart);

                stepName = "verify";
                stepStart = clock.instant();
                TunnelState tunnel = TunnelWait.untilUp(client, ns, workload, clock, request.rolloutTimeout());
                lock.release();
                if (tunnel instanceof TunnelState.Up up) {
                    record(
                            steps,
                            cluster,
                            "verify",
                            RotationStep.Outcome.DONE,
                            "tunnel works (pod " + up.pod() + ")",
                            stepStart);
                    return new RotationResult.Rotated(
                            "Restored " + request.names().secretPath() + " from " + backupName + "; the tunnel works.");
                }
                record(
                        steps,
                        cluster,
                        "verify",
                        RotationStep.Outcome.FAILED,
                        "tunnel after restore: " + tunnel,
                        stepStart);
                return new RotationResult.Failed("Restored " + request.names().secretPath() + " from " + backupName
                        + ", but the tunnel does not work: " + tunnel + ".");
            }
        } catch (RotationException | KubernetesClientException e) {
            String message = e instanceof RotationException ? e.getMessage() : connection.describe(e, stepName);
            record(steps, cluster, stepName, RotationStep.Outcome.FAILED, message, stepStart);
            return new RotationResult.Failed(message);
        }
    }

    private static CertificateFacts currentFacts(Secret current) {
        try {
            return CertificateReader.read(AgentSecret.parse(current).certificate());
        } catch (RotationException e) {
            return null;
        }
    }

    private void record(
            List<RotationStep> steps,
            String cluster,
            String name,
            RotationStep.Outcome outcome,
            String detail,
            Instant stepStart) {
        RotationStep step = new RotationStep(name, outcome, detail, Duration.between(stepStart, clock.instant()));
        steps.add(step);
        listener.stepFinished(cluster, step);
    }
}
