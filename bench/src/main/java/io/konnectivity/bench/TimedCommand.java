package io.konnectivity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A command line run to completion with some environment variables set: its wall time from process start to exit, the
 * CPU time it and its own children used (-1 where unknown), and what it printed on both streams.
 */
record TimedCommand(List<String> command, int exitCode, long nanos, long cpuNanos, String output) {

    static TimedCommand run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long cpuBefore = ChildrenCpu.nanos();
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int exitCode = process.waitFor();
        long nanos = System.nanoTime() - start;
        long cpuNanos = cpuBefore < 0 ? -1 : ChildrenCpu.nanos() - cpuBefore;
        return new TimedCommand(command, exitCode, nanos, cpuNanos, new String(output, StandardCharsets.UTF_8));
    }

    /** Fails with the command's own words when it did not do what it was run for. */
    TimedCommand require(boolean condition, String expectation) {
        if (!condition) {
            String shown = output.length() > 600 ? output.substring(0, 600) + "..." : output;
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode + "; expected "
                    + expectation + ". It printed: " + shown.strip());
        }
        return this;
    }
}
