package io.konnectivity.azure;

import java.io.Serializable;
import java.time.Duration;

/**
 * How patient konnectivity is with Azure Resource Manager: throttled (429) and transient (408, 500, 502, 503, 504)
 * answers are retried up to {@code maxRetries} times with exponential backoff between {@code baseDelay} and {@code
 * maxDelay}, honouring {@code Retry-After} up to {@code maxRetryAfter}; a longer {@code Retry-After} is not waited for.
 *
 * @param requestTimeout the time one HTTP request may take
 * @param pollInterval the time between two polls of a long-running operation, unless ARM asks for longer
 * @param maxConcurrentRequests how many requests may be in flight at once over the shared connection pool
 */
public record ArmSettings(
        int maxRetries,
        Duration baseDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        Duration requestTimeout,
        Duration pollInterval,
        int maxConcurrentRequests)
        implements Serializable {

    public static final ArmSettings DEFAULT = new ArmSettings(
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            64);

    public ArmSettings {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("Retries must be between 0 and 10, not " + maxRetries + ".");
        }
        requirePositive(baseDelay, "base retry delay");
        requirePositive(maxDelay, "maximum retry delay");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("The longest Retry-After to honour must not be negative.");
        }
        requirePositive(requestTimeout, "request timeout");
        requirePositive(pollInterval, "poll interval");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "At least one concurrent request is needed, not " + maxConcurrentRequests + ".");
        }
    }

    public ArmSettings withRetries(int value, Duration base, Duration max) {
        return new ArmSettings(value, base, max, maxRetryAfter, requestTimeout, pollInterval, maxConcurrentRequests);
    }

    public ArmSettings withMaxRetryAfter(Duration value) {
        return new ArmSettings(
                maxRetries, baseDelay, maxDelay, value, requestTimeout, pollInterval, maxConcurrentRequests);
    }

    public ArmSettings withRequestTimeout(Duration value) {
        return new ArmSettings(
                maxRetries, baseDelay, maxDelay, maxRetryAfter, value, pollInterval, maxConcurrentRequests);
    }

    public ArmSettings withPollInterval(Duration value) {
        return new ArmSettings(
                maxRetries, baseDelay, maxDelay, maxRetryAfter, requestTimeout, value, maxConcurrentRequests);
    }

    public ArmSettings withMaxConcurrentRequests(int value) {
        return new ArmSettings(maxRetries, baseDelay, maxDelay, maxRetryAfter, requestTimeout, pollInterval, value);
    }

    private static void requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, not " + value + ".");
        }
    }
}
