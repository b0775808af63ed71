package io.konnectivity.check;

/** Progress of a check run; the command line draws it, Jenkins prints it. Every method may be called concurrently. */
public interface CheckListener {

    CheckListener SILENT = new CheckListener() {};

    /** One step of one cluster's check, such as reading the agent Secret, with how long it took. */
    default void step(String cluster, String message, java.time.Duration took) {}

    /** A cluster's result is in; {@code done} of {@code total} clusters are finished. */
    default void clusterFinished(ClusterResult result, int done, int total) {}
}
