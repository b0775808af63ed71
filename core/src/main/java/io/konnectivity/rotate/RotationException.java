package io.konnectivity.rotate;

/** A rotation step failed; the message says what, which objects, in what state the cluster is, and what to do. */
public class RotationException extends Exception {

    public RotationException(String message) {
        super(message);
    }

    public RotationException(String message, Throwable cause) {
        super(message, cause);
    }
}
