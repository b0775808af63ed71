package io.konnectivity.cli;

import io.konnectivity.check.CheckReport;
import io.konnectivity.check.OfflineInspection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity inspect}: the check report from files, with no cluster. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Check certificate, key and CA files, or a saved Secret, offline.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Source source;

    @Mixin
    ReportOptions report;

    static final class Source {
        @ArgGroup(exclusive = false)
        Files files;

        @Option(
                names = "--secret-file",
                required = true,
                description = "A Secret saved as YAML or JSON (kubectl get secret NAME -o yaml).")
        Path secretFile;
    }

    static final class Files {
        @Option(names = "--cert", required = true, description = "The client certificate (PEM or DER).")
        Path certificate;

        @Option(names = "--key", description = "Its private key, to check that it matches.")
        Path key;

        @Option(names = "--ca", description = "The CA bundle it must chain to.")
        Path ca;
    }

    @Override
    public Integer call() throws Exception {
        OfflineInspection inspection = new OfflineInspection(Clock.systemUTC(), report.thresholds());
        CheckReport result = source.secretFile != null
                ? inspection.savedSecret(source.secretFile)
                : inspection.files(source.files.certificate, source.files.key, source.files.ca);
        return report.publish(
                result, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
