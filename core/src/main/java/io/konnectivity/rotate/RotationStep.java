package io.konnectivity.rotate;

import java.io.Serializable;
import java.time.Duration;

/**
 * One step of a rotation as it went.
 *
 * @param name a stable step name such as {@code preflight}, {@code backup} or {@code restart}
 * @param detail what the step found or did, naming the objects it touched
 */
public record RotationStep(String name, Outcome outcome, String detail, Duration took) implements Serializable {

    /** What became of a step. */
    public enum Outcome {
        DONE,
        /** Nothing to do: already done by an earlier, interrupted run, or not asked for. */
        SKIPPED,
        /** Dry run: what would be done. */
        PLANNED,
        FAILED
    }
}
