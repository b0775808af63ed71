package io.konnectivity.cli;

import io.konnectivity.azure.AksClusterId;
import io.konnectivity.azure.AksClusters;
import io.konnectivity.azure.AksKubeconfig;
import io.konnectivity.azure.ArmClients;
import io.konnectivity.azure.CredentialScope;
import io.konnectivity.cli.azure.AzureCommands;
import io.konnectivity.cli.azure.AzureOptions;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterConnection;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.KubeconfigFile;
import io.konnectivity.rotate.ApprovalMode;
import io.konnectivity.rotate.RestartStrategy;
import io.konnectivity.rotate.Rotation;
import io.konnectivity.rotate.RotationMode;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationRequest;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

    @Option(
            names = "--mode",
            defaultValue = "CSR",
            description = "CSR renews the agent certificate with no downtime; FULL runs AKS's own rotation of every"
                    + " cluster certificate (recreates every node: downtime; needs --azure-cluster and"
                    + " --accept-downtime) (default: ${DEFAULT-VALUE}).")
    RotationMode mode;

    @Option(
            names = "--accept-downtime",
            description =
                    "With --mode FULL: accept that every node is recreated and existing kubeconfigs stop" + " working.")
    boolean acceptDowntime;

    @Option(
            names = "--full-timeout",
            defaultValue = "5400",
            description = "With --mode FULL: seconds to wait for AKS's rotation (default: ${DEFAULT-VALUE}).")
    int fullTimeoutSeconds;

    @Option(
            names = "--azure-cluster",
            paramLabel = "RESOURCE_GROUP/NAME",
            description = "Rotate this AKS cluster with only an Azure credential: its kubeconfig comes from ARM.")
    String azureCluster;

    @Option(
            names = "--admin-credential",
            description = "With --azure-cluster: use the cluster admin kubeconfig instead of the user one.")
    boolean adminCredential;

    @Mixin
    AzureOptions azure;

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

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask for confirmation (for pipelines).")
    boolean yes;

    @Mixin
    RotationOutput output;

    @Override
    public Integer call() throws Exception {
        if (mode == RotationMode.FULL) {
            return rotateFull();
        }
        if (mode != RotationMode.CSR) {
            throw new IllegalArgumentException("--mode takes CSR or FULL; use konnectivity restore to restore.");
        }
        if (azureCluster == null) {
            return rotate(cluster.target());
        }
        try (ArmClients arm = azure.connect(Clock.systemUTC())) {
            AksKubeconfig fetched = new AksClusters(arm)
                    .kubeconfig(
                            AksClusterId.parse(azure.subscription(), azureCluster),
                            adminCredential ? CredentialScope.ADMIN : CredentialScope.USER);
            try {
                KubeconfigFile kubeconfig = fetched.parsed();
                return rotate(
                        "AKS cluster " + azureCluster,
                        request -> new Rotation(Clock.systemUTC(), progress())
                                .run(azureCluster, kubeconfig, null, request),
                        () -> ClusterConnection.open(kubeconfig, null, Duration.ofSeconds(30)));
            } finally {
                fetched.erase();
            }
        }
    }

    private int rotateFull() throws Exception {
        if (azureCluster == null) {
            throw new IllegalArgumentException("--mode FULL runs AKS's own rotation: name the cluster with"
                    + " --azure-cluster RESOURCE_GROUP/NAME.");
        }
        if (acceptDowntime
                && !yes
                && !confirmed("Run AKS's full certificate rotation of " + azureCluster
                        + " now? Every node is recreated (downtime). [y/N] ")) {
            spec.commandLine().getErr().println("konnectivity: not confirmed; nothing was changed.");
            return Konnectivity.COULD_NOT_CHECK;
        }
        RotationReport report = new AzureCommands(
                        azure, Clock.systemUTC(), spec.commandLine().getErr())
                .rotateFull(
                        azureCluster,
                        acceptDowntime,
                        Duration.ofSeconds(fullTimeoutSeconds),
                        io.konnectivity.check.CheckRequest.defaults().withNames(cluster.names()),
                        adminCredential,
                        new ConsoleRotationProgress(spec.commandLine().getErr()));
        return output.publish(
                report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private int rotate(ClusterTarget target) throws Exception {
        return rotate(
                "context " + target.context(),
                request -> new Rotation(Clock.systemUTC(), progress()).run(target, request),
                () -> ClusterConnection.open(target, Duration.ofSeconds(30)));
    }

    private ConsoleRotationProgress progress() {
        return new ConsoleRotationProgress(spec.commandLine().getErr());
    }

    /**
     * @param where how the confirmation names the cluster
     * @param rotation runs the rotation
     * @param connection opens a connection for the local backup
     */
    private int rotate(String where, Function<RotationRequest, RotationReport> rotation, Opener connection)
            throws Exception {
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
        if (!dryRun
                && !yes
                && !confirmed("Renew " + cluster.names().secretPath() + " in " + where
                        + " now? The agents restart one at a time. [y/N] ")) {
            spec.commandLine().getErr().println("konnectivity: not confirmed; nothing was changed.");
            return Konnectivity.COULD_NOT_CHECK;
        }
        if (backupFile != null && !dryRun) {
            try (ClusterConnection opened = connection.open()) {
                LocalBackup.write(opened, request.names(), backupFile);
            }
            spec.commandLine().getErr().println("Local backup written to " + backupFile + " (owner-only).");
        }
        RotationReport report = rotation.apply(request);
        return output.publish(
                report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @FunctionalInterface
    private interface Opener {
        ClusterConnection open() throws ClusterAccessException;
    }

    private static boolean confirmed(String question) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException(
                    "Not on a terminal: pass --yes to rotate without confirmation, or" + " --dry-run to see the plan.");
        }
        String answer = console.readLine("%s", question);
        return answer != null
                && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }
}
