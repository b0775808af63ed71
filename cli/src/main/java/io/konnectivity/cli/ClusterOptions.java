package io.konnectivity.cli;

import io.konnectivity.check.AgentNames;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that choose one cluster and where its agent lives. */
final class ClusterOptions {

    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", description = "The context to use (default: the current context).")
    String context;

    @Mixin
    AgentOptions agent;

    AgentNames names() {
        return agent.names();
    }

    ClusterTarget target() throws ClusterAccessException {
        List<Path> files = kubeconfig == null ? defaultKubeconfigs() : List.of(kubeconfig);
        List<ClusterTarget> targets = ClusterTargets.resolve(files.subList(0, 1), context, false);
        return targets.get(0);
    }

    /** The kubeconfig files a command uses when none is given, as kubectl does. */
    static List<Path> defaultKubeconfigs() {
        String variable = System.getenv("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            return Arrays.stream(variable.split(File.pathSeparator))
                    .filter(part -> !part.isBlank())
                    .map(Path::of)
                    .toList();
        }
        return List.of(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }
}
