package io.konnectivity.bench;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.konnectivity.cert.KeyMatch;
import io.konnectivity.cert.PrivateKeyDecoder;
import io.konnectivity.check.AgentNames;
import io.konnectivity.check.AgentSecretEvaluation;
import io.konnectivity.check.CertificateJudge;
import io.konnectivity.check.CheckRequest;
import io.konnectivity.check.ClusterChecker;
import io.konnectivity.check.ClusterResult;
import io.konnectivity.check.Thresholds;
import io.konnectivity.cluster.AgentWorkloadReader;
import io.konnectivity.cluster.ClusterAccessException;
import io.konnectivity.cluster.ClusterTarget;
import io.konnectivity.cluster.ClusterTargets;
import io.konnectivity.cluster.KubeconfigFile;
import io.konnectivity.cluster.KubernetesClients;
import io.konnectivity.cluster.ServingChainProbe;
import io.konnectivity.cluster.TunnelProbe;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxFleet;
import io.konnectivity.sandbox.SandboxScenario;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 1: the in-process time of one full check of one sandbox cluster on loopback, then the same work taken apart
 * (kubeconfig parsing, client construction, TLS handshakes, key match, reads over a kept connection) to show which
 * part dominates. The sandbox serves from this JVM, so its CPU time is on the same two cores.
 */
final class SingleClusterBenchmark {

    /** A kubeconfig as large as part 3's biggest fleet, to show how parsing grows with the number of contexts. */
    private static final int FLEET_CONTEXTS = 1000;

    static final List<String> OPTIONS = List.of("warmup", "iterations", "parts-iterations", "profile", "max-load");

    private final int warmup;
    private final int iterations;
    private final int partsIterations;
    private final boolean profile;
    private final QuietMachine quiet;

    SingleClusterBenchmark(Options options) {
        this.warmup = options.number("warmup", 1000);
        this.iterations = options.number("iterations", 500);
        this.partsIterations = options.number("parts-iterations", 200);
        this.profile = Boolean.parseBoolean(options.text("profile", "true"));
        this.quiet = new QuietMachine(Double.parseDouble(options.text("max-load", "0")), Duration.ofMinutes(10));
    }

    void run(PrintStream out) throws Exception {
        out.println("== 1. In-process check of one sandbox cluster on loopback ==");
        Instant started = Instant.now();
        try (SandboxCluster cluster = SandboxCluster.start(SandboxScenario.defaults())) {
            out.printf(
                    Locale.ROOT,
                    "sandbox cluster %s started in %d ms%n",
                    cluster.serverUrl(),
                    Duration.between(started, Instant.now()).toMillis());
            ClusterTarget target = ClusterTargets.resolve(List.of(cluster.kubeconfig()), null, false)
                    .get(0);
            measureChecks(cluster, target, out);
            try (SandboxFleet fleet = SandboxFleet.start(FLEET_CONTEXTS, 1, index -> SandboxScenario.defaults())) {
                measureParts(cluster, fleet, target, out);
            }
        }
    }

    private void measureChecks(SandboxCluster cluster, ClusterTarget target, PrintStream out) throws Exception {
        StepTimes steps = new StepTimes();
        ClusterChecker checker = new ClusterChecker(Clock.systemUTC(), steps);
        CheckRequest request = CheckRequest.defaults();
        Trial check = () -> requireChecked(checker.check(target, request));

        Trial.warmUp(check, warmup);
        out.printf(Locale.ROOT, "measuring at load average %.2f%n", quiet.await());
        cluster.faults().clearRequests();
        check.run();
        out.println("the HTTP requests of one check:");
        cluster.faults().requests().forEach(served -> out.println("  " + served));
        steps.record(true);
        int requestsBefore = cluster.requestCount();
        long cpuBefore = processCpuNanos();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long gcBefore = gcMillis();
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        Samples checks = Trial.repeat(check, 0, iterations);
        long cpuNanos = processCpuNanos() - cpuBefore;
        int requests = cluster.requestCount() - requestsBefore;
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        long gcMillis = gcMillis() - gcBefore;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore;
        steps.record(false);

        out.printf(Locale.ROOT, "full check, after %d warm-up checks: %s%n", warmup, checks.summary());
        out.printf(
                Locale.ROOT,
                "HTTP requests per check: %.1f; classes loaded per check: %.1f%n",
                (double) requests / iterations,
                (double) classes / iterations);
        out.printf(
                Locale.ROOT,
                "CPU per check (checker and sandbox together): %.2f ms; JIT compiling %.2f ms, GC pauses %.2f ms%n",
                cpuNanos / 1e6 / iterations,
                (double) jitMillis / iterations,
                (double) gcMillis / iterations);
        out.println("steps the check reports (median, p90):");
        double accounted = 0;
        for (Map.Entry<String, Samples> step : steps.samples().entrySet()) {
            accounted += step.getValue().medianMillis();
            out.printf(
                    Locale.ROOT,
                    "  %-45s %7.2f ms %7.2f ms%n",
                    step.getKey(),
                    step.getValue().medianMillis(),
                    step.getValue().percentileMillis(90));
        }
        out.printf(
                Locale.ROOT,
                "  %-45s %7.2f ms%n",
                "rest (kubeconfig, client build and close, judging)",
                checks.medianMillis() - accounted);
        if (profile) {
            // A pass of its own: the sampling would weigh on the checks measured above.
            Profile sampling = Profile.start();
            Trial.repeat(check, 0, iterations);
            out.printf(Locale.ROOT, "profile of %d more checks, sampled after the measurement:%n", iterations);
            sampling.stopAndPrint(out, 20);
            sampling.close();
        }
    }

    private void measureParts(SandboxCluster cluster, SandboxFleet fleet, ClusterTarget target, PrintStream out)
            throws Exception {
        out.printf(
                Locale.ROOT,
                "the parts of a check, each alone (%d times after %d warm-up):%n",
                partsIterations,
                partsIterations / 2);
        Map<String, Trial> parts = new LinkedHashMap<>();
        KubeconfigFile kubeconfig = KubeconfigFile.load(target.kubeconfig());
        String context = kubeconfig.requireContext(null);
        Duration timeout = CheckRequest.DEFAULT_TIMEOUT;

        parts.put("KubeconfigFile.load", () -> KubeconfigFile.load(target.kubeconfig()));
        parts.put("KubeconfigFile.clientConfig (once per check)", () -> kubeconfig.clientConfig(context, timeout));
        KubeconfigFile fleetKubeconfig = KubeconfigFile.load(fleet.kubeconfig());
        String fleetContext = fleet.contexts().get(fleet.contexts().size() / 2);
        parts.put(
                "KubeconfigFile.load, " + FLEET_CONTEXTS + " contexts", () -> KubeconfigFile.load(fleet.kubeconfig()));
        parts.put(
                "KubeconfigFile.clientConfig, " + FLEET_CONTEXTS + " contexts",
                () -> fleetKubeconfig.clientConfig(fleetContext, timeout));
        Config config = kubeconfig.clientConfig(context, timeout);
        parts.put("fabric8 SSLUtils.trustManagers (JDK cacerts + CA)", () -> SSLUtils.trustManagers(config));
        parts.put("fabric8 SSLUtils.keyManagers (PKCS12 store of the key)", () -> SSLUtils.keyManagers(config));
        parts.put("plain fabric8 client build + close, no request", () -> {
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(kubeconfig.clientConfig(context, timeout))
                    .build()) {
                client.getMasterUrl();
            }
        });
        parts.put("plain fabric8 client build + GET /version + close", () -> {
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(kubeconfig.clientConfig(context, timeout))
                    .build()) {
                client.getKubernetesVersion();
            }
        });
        KubernetesClients clients = new KubernetesClients();
        parts.put("core's client (KubernetesClients) open + close", () -> {
            try (KubernetesClients.Opened opened = clients.open(kubeconfig.clientConfig(context, timeout))) {
                opened.client().getMasterUrl();
            }
        });
        parts.put("core's client open + GET /version + close (new TLS)", () -> {
            try (KubernetesClients.Opened opened = clients.open(kubeconfig.clientConfig(context, timeout))) {
                opened.client().getKubernetesVersion();
            }
        });
        parts.put(
                "ServingChainProbe.read (one TLS handshake)",
                () -> ServingChainProbe.read(cluster.serverUrl(), timeout));

        Map<String, byte[]> secretData = decoded(cluster.adminClient()
                .secrets()
                .inNamespace(AgentNames.DEFAULT.namespace())
                .withName(AgentNames.DEFAULT.secret())
                .get());
        AgentSecretEvaluation evaluation =
                new AgentSecretEvaluation(new CertificateJudge(Thresholds.DEFAULT, Instant.now()));
        parts.put(
                "AgentSecretEvaluation.evaluate (RSA-2048 agent key)",
                () -> evaluation.evaluate(AgentNames.DEFAULT.namespace(), AgentNames.DEFAULT.secret(), secretData));
        PrivateKey agentKey = PrivateKeyDecoder.decode(secretData.get(AgentSecretEvaluation.PRIVATE_KEY_KEY), "key");
        var agentPublicKey = cluster.agentCertificate().certificate().getPublicKey();
        parts.put("  of which KeyMatch.matches", () -> KeyMatch.matches(agentKey, agentPublicKey));

        try (KubernetesClient kept = new KubernetesClientBuilder()
                .withConfig(kubeconfig.clientConfig(context, timeout))
                .build()) {
            AgentNames names = AgentNames.DEFAULT;
            parts.put("the same API reads over one kept client (no new TLS)", () -> {
                kept.secrets()
                        .inNamespace(names.namespace())
                        .withName(names.secret())
                        .get();
                var workload = AgentWorkloadReader.find(kept, names.namespace(), names.workload())
                        .orElseThrow();
                TunnelProbe.probe(kept, names.namespace(), workload);
                kept.getKubernetesVersion();
            });
            for (Map.Entry<String, Trial> part : parts.entrySet()) {
                Samples samples = Trial.repeat(part.getValue(), partsIterations / 2, partsIterations);
                out.printf(
                        Locale.ROOT,
                        "  %-55s median %7.2f ms, p90 %7.2f ms%n",
                        part.getKey(),
                        samples.medianMillis(),
                        samples.percentileMillis(90));
            }
        }
        new FreshClientTimings(() -> {
                    try {
                        return kubeconfig.clientConfig(context, timeout);
                    } catch (ClusterAccessException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                })
                .print(partsIterations / 2, partsIterations, out);
    }

    private static void requireChecked(ClusterResult result) {
        if (result instanceof ClusterResult.NotChecked notChecked) {
            throw new IllegalStateException("The sandbox cluster was not checked: " + notChecked.error());
        }
    }

    private static Map<String, byte[]> decoded(Secret secret) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        secret.getData()
                .forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
        return data;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
