package io.konnectivity.rotate;

/** Progress of a rotation, one call per finished step; the command line draws it, Jenkins prints it. */
public interface RotationListener {

    RotationListener SILENT = (cluster, step) -> {};

    void stepFinished(String cluster, RotationStep step);

    /** Something worth a line while a long step runs, such as waiting for approval. */
    default void progress(String cluster, String message) {}
}
