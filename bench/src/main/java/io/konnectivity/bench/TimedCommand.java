package io.konnectivity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A command line run to completion, timed from process start to exit, with what it printed (both streams). */
record TimedCommand(List<String> command, int exitCode, long nanos, String output) {

    static TimedCommand run(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int exitCode = process.waitFor();
        return new TimedCommand(
                command, exitCode, System.nanoTime() - start, new String(output, StandardCharsets.UTF_8));
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
