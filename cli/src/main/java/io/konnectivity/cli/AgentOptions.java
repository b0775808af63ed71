package io.konnectivity.cli;

import io.konnectivity.check.AgentNames;
import picocli.CommandLine.Option;

/** Where the agent lives: its namespace, certificate Secret and workload. */
final class AgentOptions {

    @Option(
            names = {"-n", "--namespace"},
            defaultValue = "kube-system",
            description = "Namespace of the agent (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
            names = "--secret",
            defaultValue = "konnectivity-certs",
            description = "The agent's certificate Secret (default: ${DEFAULT-VALUE}).")
    String secret;

    @Option(
            names = "--workload",
            defaultValue = "konnectivity-agent",
            description = "The agent's Deployment or DaemonSet (default: ${DEFAULT-VALUE}).")
    String workload;

    AgentNames names() {
        return new AgentNames(namespace, secret, workload);
    }
}
