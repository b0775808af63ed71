package io.konnectivity.cli;

import io.konnectivity.check.CheckListener;
import io.konnectivity.check.ClusterResult;
import java.io.PrintWriter;

/** Prints one line per finished cluster on standard error when several clusters are checked. */
final class ConsoleProgress implements CheckListener {

    private final PrintWriter err;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void clusterFinished(ClusterResult result, int done, int total) {
        if (total < 2) {
            return;
        }
        err.printf(
                "[%d/%d] %s: %s (%d ms)%n",
                done, total, result.cluster(), result.status(), result.took().toMillis());
        err.flush();
    }
}
