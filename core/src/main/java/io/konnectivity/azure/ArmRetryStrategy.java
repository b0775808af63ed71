package io.konnectivity.azure;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.util.Set;

/**
 * Retries throttled and transient answers with exponential backoff, but gives up at once when ARM asks to wait longer
 * than allowed: a run would rather report the throttling than stall for an hour.
 */
final class ArmRetryStrategy implements RetryStrategy {

    private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);

    private final ExponentialBackoff backoff;
    private final int maxRetries;
    private final Duration maxRetryAfter;

    ArmRetryStrategy(ArmSettings settings) {
        this.backoff = new ExponentialBackoff(settings.maxRetries(), settings.baseDelay(), settings.maxDelay());
        this.maxRetries = settings.maxRetries();
        this.maxRetryAfter = settings.maxRetryAfter();
    }

    @Override
    public int getMaxRetries() {
        return maxRetries;
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetry(HttpResponse response) {
        if (!RETRIED.contains(response.getStatusCode())) {
            return false;
        }
        Duration asked = retryAfter(response);
        return asked == null || asked.compareTo(maxRetryAfter) <= 0;
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        return backoff.shouldRetryException(throwable);
    }

    /** The wait ARM asks for in {@code retry-after-ms} or {@code Retry-After} (seconds); null when it names none. */
    static Duration retryAfter(HttpResponse response) {
        String millis = response.getHeaderValue("retry-after-ms");
        if (millis == null) {
            millis = response.getHeaderValue("x-ms-retry-after-ms");
        }
        try {
            if (millis != null) {
                return Duration.ofMillis(Long.parseLong(millis.trim()));
            }
            String seconds = response.getHeaderValue("Retry-After");
            return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: the backoff decides, as for no header at all.
            return null;
        }
    }
}
