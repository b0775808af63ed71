package io.konnectivity.check;

import java.io.Serializable;

/** Days left at or below which a certificate is reported as WARNING or CRITICAL. */
public record Thresholds(int warnDays, int criticalDays) implements Serializable {

    public static final Thresholds DEFAULT = new Thresholds(30, 7);

    public Thresholds {
        if (criticalDays < 0 || warnDays < 0) {
            throw new IllegalArgumentException(
                    "Thresholds must not be negative: warn " + warnDays + ", critical " + criticalDays + " days.");
        }
        if (criticalDays > warnDays) {
            throw new IllegalArgumentException("The critical threshold (" + criticalDays
                    + " days) must not be above the warning threshold (" + warnDays + " days).");
        }
    }

    /** The status of a certificate that is otherwise valid and has this many whole days left. */
    public Status statusFor(long daysLeft, boolean expired) {
        if (expired) {
            return Status.EXPIRED;
        }
        if (daysLeft <= criticalDays) {
            return Status.CRITICAL;
        }
        return daysLeft <= warnDays ? Status.WARNING : Status.OK;
    }
}
