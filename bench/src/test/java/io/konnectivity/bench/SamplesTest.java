package io.konnectivity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRankOverMillisecondsReadFromNanoseconds() {
        Samples samples = Samples.ofNanos(
                LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).boxed().toList());

        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.minMillis()).isEqualTo(1.0);
        assertThat(samples.percentileMillis(90)).isEqualTo(90.0);
        assertThat(samples.percentileMillis(99)).isEqualTo(99.0);
        assertThat(samples.percentileMillis(100)).isEqualTo(100.0);
        assertThat(samples.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        assertThat(Samples.ofNanos(List.of(4 * MS, 1 * MS, 3 * MS, 2 * MS)).medianMillis())
                .isEqualTo(2.5);
        assertThat(Samples.ofNanos(List.of(3 * MS, 1 * MS, 2 * MS)).medianMillis())
                .isEqualTo(2.0);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Samples one = Samples.ofNanos(List.of(1_500_000L));

        assertThat(one.percentileMillis(1)).isEqualTo(1.5);
        assertThat(one.percentileMillis(99)).isEqualTo(1.5);
        assertThat(one.summary())
                .isEqualTo("median 1.50 ms, p90 1.50 ms, p99 1.50 ms, min 1.50 ms, max 1.50 ms (n = 1)");
    }

    @Test
    void refusesNoSamplesAndPercentilesOutsideTheRange() {
        assertThatThrownBy(() -> Samples.ofNanos(List.of())).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> Samples.ofNanos(List.of(MS)).percentileMillis(0))
                .hasMessageContaining("(0, 100]");
    }
}
