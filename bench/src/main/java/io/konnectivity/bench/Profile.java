package io.konnectivity.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final Map<String, Predicate<String>> COMPONENTS = components();

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
                if (frames.stream().anyMatch(matches)) {
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

    private static Map<String, Predicate<String>> components() {
        Map<String, Predicate<String>> components = new LinkedHashMap<>();
        components.put(
                "ClusterChecker.check (the checking thread)",
                frame -> frame.startsWith("io.konnectivity.check.ClusterChecker.check"));
        components.put(
                "kubeconfig parsing (KubeconfigFile, fabric8 Config, SnakeYAML)",
                frame -> frame.startsWith("io.konnectivity.cluster.KubeconfigFile.")
                        || frame.startsWith("org.yaml.snakeyaml.")
                        || frame.startsWith("io.fabric8.kubernetes.client.internal.KubeConfigUtils."));
        components.put(
                "client construction (KubernetesClientBuilder.build)",
                frame -> frame.startsWith("io.fabric8.kubernetes.client.KubernetesClientBuilder.build"));
        components.put("client close", frame -> frame.endsWith("Client.close") || frame.endsWith("ClientImpl.close"));
        components.put("TLS (sun.security.ssl: handshakes, records)", frame -> frame.startsWith("sun.security.ssl."));
        components.put(
                "serving chain probe (ServingChainProbe.read)",
                frame -> frame.startsWith("io.konnectivity.cluster.ServingChainProbe."));
        components.put(
                "agent Secret evaluation (AgentSecretEvaluation)",
                frame -> frame.startsWith("io.konnectivity.check.AgentSecretEvaluation."));
        components.put(
                "key match (KeyMatch.matches: RSA sign + verify)",
                frame -> frame.startsWith("io.konnectivity.cert.KeyMatch."));
        components.put(
                "public-key math (sun.security.rsa/ec, BigInteger)",
                frame -> frame.startsWith("sun.security.rsa.")
                        || frame.startsWith("sun.security.ec.")
                        || frame.startsWith("sun.security.util.math.")
                        || frame.startsWith("java.math.BigInteger."));
        components.put(
                "certificate parsing (X.509, PEM, Bouncy Castle)",
                frame -> frame.startsWith("sun.security.x509.")
                        || frame.startsWith("org.bouncycastle.")
                        || frame.startsWith("io.konnectivity.cert.CertificateDecoder."));
        components.put("JSON (Jackson)", frame -> frame.startsWith("com.fasterxml.jackson."));
        components.put("OkHttp", frame -> frame.startsWith("okhttp3.") && !frame.startsWith("okhttp3.mockwebserver"));
        components.put(
                "sandbox server (mock server, Vert.x, Netty, TLS relay)",
                frame -> frame.startsWith("io.konnectivity.sandbox.")
                        || frame.startsWith("io.fabric8.mockwebserver.")
                        || frame.startsWith("io.vertx.")
                        || frame.startsWith("io.netty."));
        return components;
    }
}
