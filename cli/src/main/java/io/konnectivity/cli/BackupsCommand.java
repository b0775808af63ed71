package io.konnectivity.cli;

import io.konnectivity.cluster.ClusterConnection;
import io.konnectivity.rotate.SecretBackups;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code konnectivity backups}: lists the backups of the agent Secret kept in the cluster. */
@Command(
        name = "backups",
        mixinStandardHelpOptions = true,
        description = "List the agent Secret's backups, newest first.")
final class BackupsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        try (ClusterConnection connection = ClusterConnection.open(cluster.target(), Duration.ofSeconds(30))) {
            List<SecretBackups.Backup> backups =
                    new SecretBackups(connection.client(), cluster.names(), Clock.systemUTC()).list();
            PrintWriter out = spec.commandLine().getOut();
            if (backups.isEmpty()) {
                out.println("No backups of " + cluster.names().secretPath() + ".");
                return 0;
            }
            out.printf("%-48s %-22s %-20s %s%n", "BACKUP", "MADE AT", "FINGERPRINT (SHA-256)", "MADE BY");
            for (SecretBackups.Backup backup : backups) {
                String fingerprint = backup.fingerprint() == null
                        ? "-"
                        : backup.fingerprint().substring(0, 17) + "…";
                out.printf(
                        "%-48s %-22s %-20s %s%n",
                        backup.name(),
                        backup.createdAt(),
                        fingerprint,
                        backup.createdBy() == null ? "-" : backup.createdBy());
            }
            out.flush();
            return 0;
        }
    }
}
