package io.konnectivity.rotate;

/** Who approves the certificate signing request. */
public enum ApprovalMode {
    /** The rotation approves its own request through the approval subresource. */
    AUTO,
    /** Someone else approves it (four eyes); the rotation waits up to its timeout. */
    EXTERNAL
}
