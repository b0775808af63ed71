package io.konnectivity.rotate;

import java.io.Serializable;

/** How a rotation ended. */
public sealed interface RotationResult extends Serializable {

    /** One line for people. */
    String summary();

    /** The new certificate is in place and the tunnel works. */
    record Rotated(String summary) implements RotationResult {}

    /** Nothing was changed: a dry run, or the certificate was not yet due. */
    record Unchanged(String summary) implements RotationResult {}

    /** The rotation failed after changing the cluster and restored the previous state. */
    record RolledBack(String summary) implements RotationResult {}

    /** The rotation stopped; {@code summary} says where, what state the cluster is in and what to do. */
    record Failed(String summary) implements RotationResult {}
}
