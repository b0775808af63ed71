package io.konnectivity.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where CPU time goes, from Flight Recorder's execution samples: by thread, by component (a sample counts for every
 * component with a frame on its stack, so shares overlap) and by the method on top of the stack.
 */
final class Profile implements AutoCloseable {

    private static final Duration SAMPLING_PERIOD = Duration.ofMillis(10);

    private static final Map<String, Predicate<List<String>>> COMPONENTS = components();

    private final Recording recording;

    private Profile(Recording recording) {
        this.recording = recording;
    }

    static Profile start() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(SAMPLING_PERIOD).withStackTrace();
        recording.setToDisk(true);
        recording.start();
        return new Profile(recording);
    }

    /** Stops sampling and prints the three views, each as shares of all samples taken. */
    void stopAndPrint(PrintStream out, int topMethods) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("konnectivity-bench-", ".jfr");
        try {
            recording.dump(file);
            print(RecordingFile.readAllEvents(file), out, topMethods);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    private static void print(List<RecordedEvent> events, PrintStream out, int topMethods) {
        Map<String, Integer> threads = new TreeMap<>();
        Map<String, Integer> components = new LinkedHashMap<>();
        Map<String, Integer> tops = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : events) {
            RecordedStackTrace stack = event.getStackTrace();
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || stack == null) {
                continue;
            }
            total++;
            String thread = event.getThread("sampledThread") == null
                    ? "?"
                    : event.getThread("sampledThread").getJavaName();
            threads.merge(ThreadNames.group(thread), 1, Integer::sum);
            List<String> frames = stack.getFrames().stream().map(Profile::name).toList();
            if (!frames.isEmpty()) {
                tops.merge(frames.get(0), 1, Integer::sum);
            }
            COMPONENTS.forEach((component, matches) -> {
                if (matches.test(frames)) {
                    components.merge(component, 1, Integer::sum);
                }
            });
        }
        out.printf(
                Locale.ROOT, "  %d CPU samples (every %d ms per running thread)%n", total, SAMPLING_PERIOD.toMillis());
        if (total == 0) {
            return;
        }
        out.println("  by thread:");
        printShares(threads, total, out, 12);
        out.println("  by component (inclusive, overlapping):");
        printShares(components, total, out, COMPONENTS.size());
        out.println("  by method on top of the stack:");
        printShares(tops, total, out, topMethods);
    }

    private static void printShares(Map<String, Integer> counts, int total, PrintStream out, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(entry -> out.printf(
                        Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Predicate<List<String>>> components() {
        Predicate<List<String>> kubeconfig = anyFrame(
                "io.konnectivity.cluster.KubeconfigFile.",
                "io.fabric8.kubernetes.client.internal.KubeConfigUtils.",
                "org.snakeyaml.",
                "org.yaml.snakeyaml.");
        Map<String, Predicate<List<String>>> components = new LinkedHashMap<>();
        components.put("ClusterChecker.check (the checking thread)", anyFrame("io.konnectivity.check.ClusterChecker."));
        components.put("kubeconfig parsing (KubeconfigFile, fabric8 Config, YAML)", kubeconfig);
        components.put(
                "client construction (KubernetesClientBuilder.build)",
                anyFrame("io.fabric8.kubernetes.client.KubernetesClientBuilder.build"));
        components.put(
                "  of which the client key store (SSLUtils.keyManagers: PKCS12, PBKDF2)",
                anyFrame("io.fabric8.kubernetes.client.internal.SSLUtils.keyManagers"));
        components.put(
                "  of which the trust store (SSLUtils.trustManagers: JDK cacerts + CA)",
                anyFrame("io.fabric8.kubernetes.client.internal.SSLUtils.trustManagers"));
        components.put("TLS (sun.security.ssl: handshakes, records)", anyFrame("sun.security.ssl."));
        components.put(
                "serving chain probe (ServingChainProbe.read)", anyFrame("io.konnectivity.cluster.ServingChainProbe."));
        components.put(
                "pod log (fabric8 getLog: readiness wait, informer)",
                anyFrame("io.fabric8.kubernetes.client.dsl.internal.core.v1.PodOperationsImpl.doGetLog"));
        components.put(
                "agent Secret evaluation (AgentSecretEvaluation)",
                anyFrame("io.konnectivity.check.AgentSecretEvaluation."));
        components.put("key match (KeyMatch.matches: sign + verify)", anyFrame("io.konnectivity.cert.KeyMatch."));
        components.put(
                "public-key math (sun.security.rsa/ec, BigInteger)",
                anyFrame("sun.security.rsa.", "sun.security.ec.", "sun.security.util.math.", "java.math.BigInteger."));
        components.put(
                "JSON (Jackson) outside kubeconfig parsing",
                anyFrame("com.fasterxml.jackson.").and(kubeconfig.negate()));
        components.put("OkHttp", anyFrame("okhttp3.internal.", "okhttp3.RealCall", "okhttp3.OkHttpClient"));
        components.put(
                "sandbox server (mock server, Vert.x, Netty, TLS relay)",
                anyFrame("io.konnectivity.sandbox.", "io.fabric8.mockwebserver.", "io.vertx.", "io.netty."));
        return components;
    }

    private static Predicate<List<String>> anyFrame(String... prefixes) {
        return frames ->
                frames.stream().anyMatch(frame -> Arrays.stream(prefixes).anyMatch(frame::startsWith));
    }
}
