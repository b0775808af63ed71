package io.konnectivity.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Durations measured in nanoseconds and read back in milliseconds. Percentiles use the nearest-rank method (the
 * smallest sample that at least p % of samples do not exceed), so p99 of 100 samples is the 99th smallest; the median
 * of an even count is the mean of the two middle samples.
 */
public final class Samples {

    private final long[] sorted;

    private Samples(long[] sorted) {
        this.sorted = sorted;
    }

    public static Samples ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("Statistics need at least one sample, but none was taken.");
        }
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Samples(values);
    }

    public int count() {
        return sorted.length;
    }

    public double minMillis() {
        return millis(sorted[0]);
    }

    public double maxMillis() {
        return millis(sorted[sorted.length - 1]);
    }

    public double meanMillis() {
        return millis((long) Arrays.stream(sorted).average().orElseThrow());
    }

    public double medianMillis() {
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return millis(sorted[middle]);
        }
        return (millis(sorted[middle - 1]) + millis(sorted[middle])) / 2;
    }

    /** @param percent above 0 and at most 100 */
    public double percentileMillis(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("A percentile lies in (0, 100], not " + percent + ".");
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return millis(sorted[Math.max(rank, 1) - 1]);
    }

    /** One line: {@code median 12.3 ms, p90 ..., p99 ..., min ..., max ... (n = 500)}. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "median %.2f ms, p90 %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms (n = %d)",
                medianMillis(),
                percentileMillis(90),
                percentileMillis(99),
                minMillis(),
                maxMillis(),
                count());
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
