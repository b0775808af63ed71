package io.konnectivity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated fleet in its own JVM, {@code konnectivity sandbox --clusters N ...}, so that the checking JVM's heap and
 * threads are its own. Stopped like Ctrl+C would stop it, so that it deletes its kubeconfig.
 */
final class SandboxProcess implements AutoCloseable {

    private static final String KUBECONFIG_PREFIX = "kubeconfig: ";

    private final Process process;
    private final Path kubeconfig;

    private SandboxProcess(Process process, Path kubeconfig) {
        this.process = process;
        this.kubeconfig = kubeconfig;
    }

    static SandboxProcess start(Path cliJar, int clusters, int servers, int latencyMillis, Duration startupLimit)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java(), "-jar", cliJar.toString(), "sandbox"));
        command.addAll(List.of("--clusters", String.valueOf(clusters), "--servers", String.valueOf(servers)));
        command.addAll(List.of("--latency-ms", String.valueOf(latencyMillis)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Path> announced = CompletableFuture.supplyAsync(() -> awaitKubeconfig(output));
        try {
            Path kubeconfig = announced.get(startupLimit.toMillis(), TimeUnit.MILLISECONDS);
            Thread drain = new Thread(() -> drain(output), "sandbox-output");
            drain.setDaemon(true);
            drain.start();
            return new SandboxProcess(process, kubeconfig);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while the sandbox started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("The sandbox (" + String.join(" ", command) + ") printed no kubeconfig within "
                    + startupLimit.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    /** The path of a {@code kubeconfig: PATH} line, the line the sandbox command prints once it serves. */
    static Optional<Path> kubeconfigOf(String line) {
        String stripped = line.strip();
        if (!stripped.startsWith(KUBECONFIG_PREFIX)) {
            return Optional.empty();
        }
        String path = stripped.substring(KUBECONFIG_PREFIX.length()).strip();
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the sandbox JVM has used so far, zero where the platform does not tell. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path awaitKubeconfig(BufferedReader output) {
        List<String> seen = new ArrayList<>();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Optional<Path> path = kubeconfigOf(line);
                if (path.isPresent()) {
                    return path.get();
                }
                seen.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("it exited, having printed: " + String.join(" | ", seen));
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // The sandbox prints nothing more that matters; reading keeps its pipe from filling up.
            }
        } catch (IOException e) {
            // The process ended.
        }
    }
}
