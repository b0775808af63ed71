package io.konnectivity.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code konnectivity} command line. */
@Command(
        name = "konnectivity",
        mixinStandardHelpOptions = true,
        versionProvider = Konnectivity.Version.class,
        description = "Checks the certificates an AKS cluster's Konnectivity tunnel depends on.",
        subcommands = {
            CheckCommand.class,
            InspectCommand.class,
            RotateCommand.class,
            BackupsCommand.class,
            RestoreCommand.class,
            io.konnectivity.cli.azure.FleetCommand.class,
            io.konnectivity.cli.azure.NodesCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every certificate is OK",
            "1:the worst is WARNING",
            "2:the worst is CRITICAL, EXPIRED or INVALID",
            "3:a cluster could not be checked, or the command was used wrongly"
        })
public final class Konnectivity {

    /** Exit code for a cluster that could not be checked and for bad usage. */
    static final int COULD_NOT_CHECK = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Konnectivity());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("konnectivity: " + oneLine(error));
            return COULD_NOT_CHECK;
        });
        commandLine.setParameterExceptionHandler((error, args) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("konnectivity: " + error.getMessage());
            err.println("Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return COULD_NOT_CHECK;
        });
        return commandLine;
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse("").strip();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Konnectivity.class.getPackage().getImplementationVersion();
            return new String[] {"konnectivity " + (version == null ? "development build" : version)};
        }
    }
}
