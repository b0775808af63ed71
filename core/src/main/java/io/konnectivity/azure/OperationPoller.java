package io.konnectivity.azure;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Polls a long-running ARM operation until it completes or a deadline passes, reporting every poll. The wait between
 * polls is the configured interval, or longer when ARM asks for it with {@code Retry-After}, never past the deadline.
 */
final class OperationPoller {

    private final Clock clock;
    private final Duration interval;
    private final AzureListener listener;

    OperationPoller(Clock clock, Duration interval, AzureListener listener) {
        this.clock = clock;
        this.interval = interval;
        this.listener = listener;
    }

    /**
     * @return the last poll's response, whose status is complete (succeeded, failed or cancelled)
     * @throws TimeoutException when the operation is still running at the deadline; it goes on in Azure
     */
    <T, U> PollResponse<T> await(SyncPoller<T, U> poller, String cluster, String operation, Duration timeout)
            throws TimeoutException, InterruptedException {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        PollResponse<T> response = poller.poll();
        report(cluster, operation, response.getStatus(), started);
        while (!response.getStatus().isComplete()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TimeoutException(
                        operation + " of " + cluster + " did not finish within " + timeout.toSeconds() + " s");
            }
            Duration wait =
                    response.getRetryAfter() != null && response.getRetryAfter().compareTo(interval) > 0
                            ? response.getRetryAfter()
                            : interval;
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), left.toMillis())));
            response = poller.poll();
            report(cluster, operation, response.getStatus(), started);
        }
        return response;
    }

    static boolean succeeded(PollResponse<?> response) {
        return response.getStatus() == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
    }

    private void report(String cluster, String operation, LongRunningOperationStatus status, Instant started) {
        listener.operationPolled(cluster, operation, status.toString(), Duration.between(started, clock.instant()));
    }
}
