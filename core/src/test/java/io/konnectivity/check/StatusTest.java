package io.konnectivity.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    private static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");

    @Test
    void skippedNeverFailsABuild() {
        assertThat(Status.SKIPPED.exitCode()).isZero();
        assertThat(Status.SKIPPED.isWorseThan(Status.OK)).isFalse();
    }

    @Test
    void skippedCountsAsNoWorseThanOkInTheWorstStatus() {
        assertThat(Status.worst(List.of(Status.SKIPPED))).isEqualTo(Status.OK);
        assertThat(Status.worst(List.of(Status.SKIPPED, Status.OK))).isEqualTo(Status.OK);
        assertThat(Status.worst(List.of(Status.WARNING, Status.SKIPPED))).isEqualTo(Status.WARNING);
        assertThat(Status.worst(List.of(Status.SKIPPED, Status.ERROR))).isEqualTo(Status.ERROR);
    }

    @Test
    void theOtherStatusesKeepTheirOrderFromBestToWorst() {
        assertThat(List.of(Status.values()))
                .containsExactly(
                        Status.SKIPPED,
                        Status.OK,
                        Status.WARNING,
                        Status.CRITICAL,
                        Status.EXPIRED,
                        Status.INVALID,
                        Status.ERROR);
    }

    @Test
    void aReportWhoseOnlyClusterWasSkippedIsOkAndExitsWithZero() {
        ClusterResult stopped = new ClusterResult.Skipped("aks-dev", "", NOW, Duration.ZERO, "The cluster is stopped.");

        CheckReport report = new CheckReport(NOW, Thresholds.DEFAULT, List.of(stopped));

        assertThat(stopped.status()).isEqualTo(Status.SKIPPED);
        assertThat(report.status()).isEqualTo(Status.OK);
        assertThat(report.status().exitCode()).isZero();
        assertThat(report.byExpiry()).isEmpty();
    }
}
