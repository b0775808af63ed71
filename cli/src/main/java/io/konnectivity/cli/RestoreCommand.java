package io.konnectivity.cli;

import io.konnectivity.rotate.Restoration;
import io.konnectivity.rotate.RotationReport;
import io.konnectivity.rotate.RotationRequest;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity restore}: puts a backup's agent data back and restarts the agents. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Write a backup's ca.crt, client.crt and client.key back into the agent Secret, in place, and"
                + " restart the agents.")
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--backup", required = true, description = "The backup Secret's name (see konnectivity backups).")
    String backup;

    @Option(names = "--dry-run", description = "Check the backup and print what would be done; change nothing.")
    boolean dryRun;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm the restore (required unless --dry-run).")
    boolean yes;

    @Mixin
    RotationOutput output;

    @Override
    public Integer call() throws Exception {
        if (!yes && !dryRun) {
            throw new IllegalArgumentException("A restore overwrites the agent Secret: pass --yes to confirm, or"
                    + " --dry-run to check the backup.");
        }
        RotationRequest request = RotationRequest.defaults(Holder.current())
                .withNames(cluster.names())
                .withDryRun(dryRun);
        RotationReport report = new Restoration(
                        Clock.systemUTC(),
                        new ConsoleRotationProgress(spec.commandLine().getErr()))
                .restore(cluster.target(), request, backup);
        return output.publish(
                report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
