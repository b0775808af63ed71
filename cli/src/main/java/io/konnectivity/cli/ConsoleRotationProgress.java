package io.konnectivity.cli;

import io.konnectivity.rotate.RotationListener;
import io.konnectivity.rotate.RotationStep;
import java.io.PrintWriter;

/** Prints each rotation step as it finishes, on standard error. */
final class ConsoleRotationProgress implements RotationListener {

    private final PrintWriter err;

    ConsoleRotationProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void stepFinished(String cluster, RotationStep step) {
        err.printf(
                "[%s] %-9s %-8s %s (%d ms)%n",
                cluster, step.name(), step.outcome(), step.detail(), step.took().toMillis());
        err.flush();
    }

    @Override
    public synchronized void progress(String cluster, String message) {
        err.printf("[%s]           %s%n", cluster, message);
        err.flush();
    }
}
