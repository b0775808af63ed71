package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    private final Thresholds thresholds = new Thresholds(28, 14);

    @Test
    void daysLeftAtOrBelowAThresholdTakeItsStatus() {
        assertThat(thresholds.statusFor(29, false)).isEqualTo(Status.OK);
        assertThat(thresholds.statusFor(28, false)).isEqualTo(Status.WARNING);
        assertThat(thresholds.statusFor(15, false)).isEqualTo(Status.WARNING);
        assertThat(thresholds.statusFor(14, false)).isEqualTo(Status.CRITICAL);
        assertThat(thresholds.statusFor(0, false)).isEqualTo(Status.CRITICAL);
        assertThat(thresholds.statusFor(-1, true)).isEqualTo(Status.EXPIRED);
    }

    @Test
    void criticalAboveWarningIsRejectedInOneSentence() {
        assertThatThrownBy(() -> new Thresholds(7, 30))
                .hasMessage("The critical threshold (30 days) must not be above the warning threshold (7 days).");
    }

    @Test
    void worstStatusDecidesTheExitCode() {
        assertThat(Status.worst(java.util.List.of(Status.OK, Status.WARNING)).exitCode())
                .isEqualTo(1);
        assertThat(Status.worst(java.util.List.of(Status.EXPIRED, Status.WARNING))
                        .exitCode())
                .isEqualTo(2);
        assertThat(Status.worst(java.util.List.of(Status.INVALID, Status.ERROR)).exitCode())
                .isEqualTo(3);
        assertThat(Status.worst(java.util.List.of()).exitCode()).isZero();
    }
}
