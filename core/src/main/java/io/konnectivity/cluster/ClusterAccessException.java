package io.konnectivity.cluster;

/** The cluster could not be read; the message is one line saying what failed and what to do. */
public class ClusterAccessException extends Exception {

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
