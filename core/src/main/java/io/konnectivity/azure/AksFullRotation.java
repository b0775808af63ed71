package io.konnectivity.azure;

import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.konnectivity.check.CertificateCheck;
import io.konnectivity.check.CertificateRole;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.rotate.CertificateChange;
import io.konnectivity.rotate.RotationListener;
import io.konnectivity.rotate.RotationMode;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationResult;
import io.konnectivity.rotate.RotationStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * AKS's own rotation of every cluster certificate ({@code rotateClusterCertificates}, what {@code az aks rotate-certs}
 * does): refused unless the downtime is accepted, polled until AKS finishes, and followed by a fresh kubeconfig and a
 * check, so that the report shows every certificate before and after.
 */
public final class AksFullRotation {

    private final ArmClients arm;
    private final Clock clock;
    private final AzureListener listener;
    private final RotationListener steps;
    private final AksClusterCheck check;

    public AksFullRotation(ArmClients arm, Clock clock, AzureListener listener) {
        this(arm, clock, listener, RotationListener.SILENT);
    }

    /** @param steps told of every step as it finishes, and of every poll while AKS works */
    public AksFullRotation(ArmClients arm, Clock clock, AzureListener listener, RotationListener steps) {
        this.arm = arm;
        this.clock = clock;
        this.listener = new AzureListener() {
            @Override
            public void step(String cluster, String message, Duration took) {
                listener.step(cluster, message, took);
            }

            @Override
            public void operationPolled(String cluster, String operation, String status, Duration elapsed) {
                listener.operationPolled(cluster, operation, status, elapsed);
                steps.progress(cluster, operation + ": " + status + " after " + elapsed.toSeconds() + " s");
            }
        };
        this.steps = steps;
        this.check = new AksClusterCheck(arm, clock, listener);
    }

    /**
     * @throws IllegalArgumentException when the downtime is not accepted; nothing has been done then
     */
    public RotationReport rotate(AksClusterId id, FullRotationRequest request) throws InterruptedException {
        refuseWithoutDowntime(id, request);
        Run run = new Run(id);
        AksClusterFacts facts;
        try {
            facts = run.step("preflight", () -> rotatable(check.clusters().get(id)), AksFullRotation::describe);
        } catch (StepFailed e) {
            return run.report(new RotationResult.Failed(e.getMessage()));
        }

        ClusterResult before = check.check(facts, id.shortName(), request.check());
        run.recordCheck("check-before", before, "before the rotation");

        try {
            run.step("rotate", () -> rotateAndWait(id, request.timeout()), detail -> detail);
        } catch (StepFailed e) {
            return run.report(new RotationResult.Failed(e.getMessage()), before, null);
        }

        AksKubeconfig fresh;
        try {
            fresh = run.step(
                    "fetch-kubeconfig",
                    () -> check.fetch(id, id.shortName(), request.check().credential()),
                    kubeconfig -> "Fetched a new " + kubeconfig.scope().name().toLowerCase(java.util.Locale.ROOT)
                            + " kubeconfig; every kubeconfig fetched before the rotation no longer works.");
        } catch (StepFailed e) {
            return run.report(
                    new RotationResult.Failed("AKS rotated the certificates, but " + e.getMessage()), before, null);
        }
        ClusterResult after = check.check(facts, id.shortName(), fresh, request.check());
        run.recordCheck("check-after", after, "after the rotation");
        return run.report(verdict(id, before, after), before, after);
    }

    /** Throws unless the request accepts the downtime; for callers that want to refuse before signing in. */
    public static void refuseWithoutDowntime(AksClusterId id, FullRotationRequest request) {
        if (!request.acceptDowntime()) {
            throw new IllegalArgumentException("AKS's full certificate rotation of " + id.shortName() + " recreates"
                    + " every node, VM scale set and disk (up to 30 minutes of downtime, often longer) and invalidates"
                    + " every kubeconfig handed out before. Accept the downtime explicitly (--accept-downtime) to go"
                    + " ahead, or renew the agent certificate without downtime with konnectivity rotate (CSR mode).");
        }
    }

    private static AksClusterFacts rotatable(AksClusterFacts facts) throws StepFailed {
        if (facts.isStopped()) {
            throw new StepFailed("The cluster " + facts.id().shortName() + " is stopped; AKS rotates certificates of"
                    + " running clusters only. Start it with az aks start first.");
        }
        if (facts.isRotatingCertificates()) {
            throw new StepFailed("A certificate rotation of " + facts.id().shortName() + " is already running"
                    + " (provisioning state " + facts.provisioningState() + "); wait for it instead of starting"
                    + " another.");
        }
        return facts;
    }

    private static String describe(AksClusterFacts facts) {
        return "The cluster runs Kubernetes " + facts.kubernetesVersion() + ", RBAC "
                + (facts.rbacEnabled() ? "enabled" : "disabled") + ", provisioning state " + facts.provisioningState()
                + ".";
    }

    private String rotateAndWait(AksClusterId id, Duration timeout) throws AzureAccessException, StepFailed {
        SyncPoller<?, Void> poller;
        try {
            poller = arm.managedClusters(id.subscription())
                    .beginRotateClusterCertificates(id.resourceGroup(), id.name());
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e,
                    ArmAction.ROTATE_CERTIFICATES,
                    id.shortName(),
                    arm.endpoint().url());
        }
        Instant started = clock.instant();
        PollResponse<?> last;
        try {
            last = new OperationPoller(clock, arm.settings().pollInterval(), listener)
                    .await(poller, id.shortName(), "rotateClusterCertificates", timeout);
        } catch (TimeoutException e) {
            throw new StepFailed("AKS's rotation of " + id.shortName() + " did not finish within "
                    + timeout.toMinutes() + " min; it goes on in Azure. Watch az aks show -g " + id.resourceGroup()
                    + " -n " + id.name() + " --query provisioningState, then fetch a new kubeconfig.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed(
                    "Stopped while waiting for AKS's rotation of " + id.shortName() + "; it goes on in Azure.");
        } catch (RuntimeException e) {
            throw AzureErrors.explain(
                    e,
                    ArmAction.ROTATE_CERTIFICATES,
                    id.shortName(),
                    arm.endpoint().url());
        }
        if (!OperationPoller.succeeded(last)) {
            throw new StepFailed("AKS's rotation of " + id.shortName() + " ended " + last.getStatus()
                    + "; see the cluster's activity log and az aks show before retrying.");
        }
        return "AKS rotated the cluster certificates in "
                + Duration.between(started, clock.instant()).toSeconds() + " s.";
    }

    private static RotationResult verdict(AksClusterId id, ClusterResult before, ClusterResult after) {
        if (!(after instanceof ClusterResult.Checked checkedAfter)) {
            return new RotationResult.Failed("AKS rotated the certificates of " + id.shortName()
                    + ", but the check afterwards failed: " + whyNotRead(after));
        }
        Optional<CertificateCheck> agentAfter = agent(checkedAfter);
        Optional<CertificateCheck> agentBefore =
                before instanceof ClusterResult.Checked checkedBefore ? agent(checkedBefore) : Optional.empty();
        if (agentAfter.isEmpty() || agentAfter.get().facts() == null) {
            return new RotationResult.Rotated("AKS rotated the certificates of " + id.shortName()
                    + "; no agent certificate was found to compare.");
        }
        Instant notAfter = agentAfter.get().facts().notAfter();
        if (agentBefore.isPresent()
                && agentBefore.get().facts() != null
                && agentBefore
                        .get()
                        .facts()
                        .sha256Fingerprint()
                        .equals(agentAfter.get().facts().sha256Fingerprint())) {
            return new RotationResult.Failed("AKS reported the rotation of " + id.shortName() + " done, but the agent"
                    + " certificate is unchanged (valid until " + notAfter + "); open a support request with Azure.");
        }
        return new RotationResult.Rotated("AKS rotated the certificates of " + id.shortName()
                + "; the agent certificate is now valid until " + notAfter + ".");
    }

    /** Why a cluster's certificates were not read: its error, or why it was skipped. */
    private static String whyNotRead(ClusterResult result) {
        if (result instanceof ClusterResult.Skipped skipped) {
            return skipped.reason();
        }
        return result instanceof ClusterResult.NotChecked notChecked ? notChecked.error() : "";
    }

    private static Optional<CertificateCheck> agent(ClusterResult.Checked checked) {
        return checked.certificates().stream()
                .filter(certificate -> certificate.role() == CertificateRole.AGENT_CLIENT)
                .findFirst();
    }

    /** The steps of one rotation as they go. */
    private final class Run {
        private final AksClusterId id;
        private final Instant started = clock.instant();
        private final List<RotationStep> done = new ArrayList<>();
        private String server = "";

        Run(AksClusterId id) {
            this.id = id;
        }

        <T> T step(String name, Work<T> work, Describe<T> describe) throws StepFailed {
            Instant start = clock.instant();
            try {
                T value = work.run();
                String detail = describe.detail(value);
                add(new RotationStep(name, RotationStep.Outcome.DONE, detail, since(start)));
                return value;
            } catch (AzureAccessException | StepFailed e) {
                add(new RotationStep(name, RotationStep.Outcome.FAILED, e.getMessage(), since(start)));
                throw new StepFailed(e.getMessage());
            }
        }

        void recordCheck(String name, ClusterResult result, String when) {
            if (!result.server().isEmpty()) {
                server = result.server();
            }
            if (result instanceof ClusterResult.Checked checked) {
                add(new RotationStep(
                        name,
                        RotationStep.Outcome.DONE,
                        "Read " + checked.certificates().size() + " certificates " + when + "; worst status "
                                + checked.status() + ".",
                        result.took()));
            } else {
                add(new RotationStep(
                        name,
                        RotationStep.Outcome.SKIPPED,
                        "Could not read the certificates " + when + ": " + whyNotRead(result),
                        result.took()));
            }
        }

        private void add(RotationStep step) {
            done.add(step);
            steps.stepFinished(id.shortName(), step);
        }

        RotationReport report(RotationResult result) {
            return report(result, null, null);
        }

        RotationReport report(RotationResult result, ClusterResult before, ClusterResult after) {
            return new RotationReport(
                    id.shortName(),
                    server,
                    RotationMode.FULL,
                    started,
                    since(started),
                    result,
                    done,
                    changes(before, after),
                    null,
                    null);
        }
    }

    /** Every certificate read before or after, with its facts on both sides; {@code after} null when unchanged. */
    static List<CertificateChange> changes(ClusterResult before, ClusterResult after) {
        Map<String, CertificateCheck> beforeById = byId(before);
        Map<String, CertificateCheck> afterById = byId(after);
        List<CertificateChange> changes = new ArrayList<>();
        beforeById.forEach((key, check) -> {
            CertificateCheck later = afterById.get(key);
            boolean changed = later != null
                    && later.facts() != null
                    && (check.facts() == null
                            || !later.facts()
                                    .sha256Fingerprint()
                                    .equals(check.facts().sha256Fingerprint()));
            changes.add(
                    new CertificateChange(check.location().describe(), check.facts(), changed ? later.facts() : null));
        });
        afterById.forEach((key, check) -> {
            if (!beforeById.containsKey(key)) {
                changes.add(new CertificateChange(check.location().describe(), null, check.facts()));
            }
        });
        return changes;
    }

    private static Map<String, CertificateCheck> byId(ClusterResult result) {
        Map<String, CertificateCheck> checks = new LinkedHashMap<>();
        if (result instanceof ClusterResult.Checked checked) {
            checked.certificates().forEach(check -> checks.putIfAbsent(check.id(), check));
        }
        return checks;
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws AzureAccessException, StepFailed;
    }

    @FunctionalInterface
    private interface Describe<T> {
        String detail(T value);
    }

    /** A step that failed; the message says why and what state the cluster is in. */
    private static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }
}
