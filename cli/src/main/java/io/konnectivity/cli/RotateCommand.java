package io.konnectivity.cli;

import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.rotate.ApprovalMode;
import io.konnectivity.rotate.RestartStrategy;
import io.konnectivity.rotate.Rotation;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationRequest;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity rotate}: renews the agent certificate through the CSR API, with no downtime. */
@Command(
        name = "rotate",
        mixinStandardHelpOptions = true,
        description = {
            "Renew the Konnectivity agent certificate with no downtime: back up the Secret, have the API server sign",
            "a new certificate for the existing key, write it in place, restart the agents and prove the tunnel works",
            "(rolling back automatically if it does not)."
        })
final class RotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--dry-run", description = "Print the plan with the facts found; change nothing.")
    boolean dryRun;

    @Option(
            names = "--approval",
            defaultValue = "AUTO",
            description = "AUTO approves the CSR; EXTERNAL waits for someone else to (four eyes)"
                    + " (default: ${DEFAULT-VALUE}).")
    ApprovalMode approval;

    @Option(
            names = "--validity",
            description = "Requested lifetime of the new certificate in days (at least 600 seconds; the signer may cap"
                    + " it; default: the signer's).")
    Double validityDays;

    @Option(
            names = "--if-expires-within",
            paramLabel = "DAYS",
            description = "Rotate only when the current certificate has at most DAYS days left.")
    Integer ifExpiresWithin;

    @Option(
            names = "--restart",
            defaultValue = "EVICTION",
            description = "EVICTION evicts pods one at a time, honouring the PodDisruptionBudget; ROLLOUT_RESTART"
                    + " changes the pod template like kubectl rollout restart (default: ${DEFAULT-VALUE}).")
    RestartStrategy restart;

    @Option(
            names = "--approval-timeout",
            defaultValue = "300",
            description = "Seconds to wait for approval and signing (default: ${DEFAULT-VALUE}).")
    int approvalTimeoutSeconds;

    @Option(
            names = "--rollout-timeout",
            defaultValue = "300",
            description = "Seconds to wait for new agent pods and the tunnel (default: ${DEFAULT-VALUE}).")
    int rolloutTimeoutSeconds;

    @Option(
            names = "--lock-seconds",
            defaultValue = "60",
            description = "Duration of the rotation lock; a crashed run's lock expires after it"
                    + " (default: ${DEFAULT-VALUE}).")
    int lockSeconds;

    @Option(
            names = "--keep-backups",
            defaultValue = "5",
            description = "Backup Secrets to keep (default: ${DEFAULT-VALUE}).")
    int keepBackups;

    @Option(names = "--keep-csr", description = "Leave the CertificateSigningRequest in place afterwards.")
    boolean keepCsr;

    @Option(
            names = "--backup-file",
            description = "Also save the Secret, private key included, to this local file (owner-only permissions).")
    Path backupFile;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (for pipelines).")
    boolean yes;

    @Mixin
    RotationOutput output;

    @Override
    public Integer call() throws Exception {
        ClusterTarget target = cluster.target();
        RotationRequest request = RotationRequest.defaults(Holder.current())
                .withNames(cluster.names())
                .withDryRun(dryRun)
                .withApproval(approval)
                .withValidity(validityDays == null ? null : Duration.ofSeconds(Math.round(validityDays * 86_400)))
                .withIfExpiresWithinDays(ifExpiresWithin)
                .withRestart(restart)
                .withKeepBackups(keepBackups)
                .withKeepCsr(keepCsr)
                .withApprovalTimeout(Duration.ofSeconds(approvalTimeoutSeconds))
                .withRolloutTimeout(Duration.ofSeconds(rolloutTimeoutSeconds))
                .withLockDuration(Duration.ofSeconds(lockSeconds));
        if (!dryRun && !confirmed(target)) {
            spec.commandLine().getErr().println("konnectivity: not confirmed; nothing was changed.");
            return Konnectivity.COULD_NOT_CHECK;
        }
        if (backupFile != null && !dryRun) {
            LocalBackup.write(target, request.names(), backupFile);
            spec.commandLine().getErr().println("Local backup written to " + backupFile + " (owner-only).");
        }
        RotationReport report = new Rotation(Clock.systemUTC(), new ConsoleRotationProgress(spec.commandLine().getErr()))
                .run(target, request);
        return output.publish(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private boolean confirmed(ClusterTarget target) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("Not on a terminal: pass --yes to rotate without confirmation, or"
                    + " --dry-run to see the plan.");
        }
        String answer = console.readLine(
                "Renew %s in context %s now? The agents restart one at a time. [y/N] ",
                cluster.names().secretPath(),
                target.context());
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }
}
