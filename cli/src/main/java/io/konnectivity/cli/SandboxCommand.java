package io.konnectivity.cli;

import io.konnectivity.sandbox.SandboxFleet;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code konnectivity sandbox}: runs simulated clusters until stopped, for trying the tool out. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Run simulated AKS-like clusters on loopback until stopped (Ctrl+C), and print their kubeconfig.",
            "A simulator for tests and trials: it answers the API calls this tool makes, nothing more."
        })
final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", defaultValue = "sandbox", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--agent-expires-in",
            defaultValue = "200",
            description = "Days until the agent certificate expires; negative for already expired"
                    + " (default: ${DEFAULT-VALUE}).")
    long agentExpiresInDays;

    @Option(
            names = "--auth",
            defaultValue = "CLIENT_CERTIFICATE",
            description = "How the agent authenticates: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SandboxScenario.AgentAuth authentication;

    @Option(
            names = "--workload",
            defaultValue = "DEPLOYMENT",
            description = "The agent workload kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SandboxScenario.WorkloadKind workloadKind;

    @Option(
            names = "--secret-mode",
            defaultValue = "EnsureExists",
            description = "The Secret's addonmanager.kubernetes.io/mode label (default: ${DEFAULT-VALUE}).")
    String secretMode;

    @Option(
            names = "--tunnel-error",
            defaultValue = "IO_TIMEOUT",
            description = "What pod logs fail with once the tunnel is down: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    SandboxScenario.TunnelError tunnelError;

    @Option(
            names = "--latency-ms",
            defaultValue = "0",
            description = "Milliseconds added to every response (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(
            names = "--clusters",
            defaultValue = "1",
            description = "How many clusters (kubeconfig contexts) to simulate (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Option(
            names = "--servers",
            defaultValue = "4",
            description = "How many servers the clusters share when there are many (default: ${DEFAULT-VALUE}).")
    int servers;

    @Override
    public Integer call() throws Exception {
        if (clusters < 1 || servers < 1) {
            throw new IllegalArgumentException("--clusters and --servers must be at least 1.");
        }
        SandboxScenario scenario = SandboxScenario.builder()
                .clusterName(name)
                .agentCertificateExpiresIn(Duration.ofDays(agentExpiresInDays))
                .agentAuthentication(authentication)
                .workloadKind(workloadKind)
                .secretMode(secretMode.isBlank() ? null : secretMode)
                .tunnelError(tunnelError)
                .latency(Duration.ofMillis(latencyMillis))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        try (SandboxFleet fleet = SandboxFleet.start(clusters, Math.min(servers, clusters), index -> scenario)) {
            out.println("Simulated cluster" + (clusters > 1 ? "s" : "") + " running (a simulator, not Kubernetes).");
            out.println("kubeconfig: " + fleet.kubeconfig());
            out.println("Try: konnectivity check --kubeconfig " + fleet.kubeconfig()
                    + (clusters > 1 ? " --all-contexts" : ""));
            out.println("Stop with Ctrl+C.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
