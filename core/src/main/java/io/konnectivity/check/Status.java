package io.konnectivity.check;

import java.util.Collection;

/**
 * How healthy a certificate, a cluster or a whole run is, from best to worst. {@link #SKIPPED} stands outside that
 * scale: it never makes anything worse.
 */
public enum Status {
    /** The cluster was deliberately not checked, such as a stopped AKS cluster; it never fails a build. */
    SKIPPED(0),
    OK(0),
    WARNING(1),
    CRITICAL(2),
    EXPIRED(2),
    INVALID(2),
    /** The cluster could not be checked at all: unreachable, forbidden, timed out. */
    ERROR(3);

    private final int exitCode;

    Status(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The documented process exit code for a run whose overall status is this one. */
    public int exitCode() {
        return exitCode;
    }

    public boolean isWorseThan(Status other) {
        return compareTo(other) > 0;
    }

    /** The worst of the statuses, {@link #OK} when there are none; {@link #SKIPPED} counts as no worse than OK. */
    public static Status worst(Collection<Status> statuses) {
        return statuses.stream().reduce(OK, (a, b) -> a.isWorseThan(b) ? a : b);
    }
}
