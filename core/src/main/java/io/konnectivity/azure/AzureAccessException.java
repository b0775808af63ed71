package io.konnectivity.azure;

/** An Azure call failed; the message is one line saying what failed, why, and what to do. */
public class AzureAccessException extends Exception {

    private final int status;

    public AzureAccessException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status ARM answered; 0 when no answer came (sign-in or network failure). */
    public int status() {
        return status;
    }

    /** Whether the object is gone: deleted, or never existed under that name. */
    public boolean isNotFound() {
        return status == 404;
    }
}
