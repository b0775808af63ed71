package io.konnectivity.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryStrategy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Retries throttled and transient answers with exponential backoff, but gives up at once when ARM asks to wait longer
 * than allowed (a run would rather report the throttling than stall for an hour), and retries a request that starts
 * work in Azure only when it was throttled.
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
        if (response.getStatusCode() != 429 && startsWork(response.getRequest())) {
            // It may have reached Azure before the error: a second one would be refused, or run the work twice.
            return false;
        }
        Duration asked = retryAfter(response);
        return asked == null || asked.compareTo(maxRetryAfter) <= 0;
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        return !(throwable instanceof StartsWorkPolicy.NotRepeated) && backoff.shouldRetryException(throwable);
    }

    /**
     * Whether a request starts work in Azure that a repeat must not start again: AKS's certificate rotation and a
     * run-command. Throttling (429) means it was not accepted, so that alone is retried for them.
     */
    static boolean startsWork(HttpRequest request) {
        if (request == null || request.getHttpMethod() != HttpMethod.POST || request.getUrl() == null) {
            return false;
        }
        String path = request.getUrl().getPath().toLowerCase(Locale.ROOT);
        return path.endsWith("/rotateclustercertificates") || path.endsWith("/runcommand");
    }

    /**
     * The wait ARM asks for in {@code retry-after-ms} or {@code Retry-After} (seconds, or an HTTP date, which azure-core
     * also waits for); null when it names none or none that reads.
     */
    static Duration retryAfter(HttpResponse response) {
        return retryAfter(response, Instant.now());
    }

    static Duration retryAfter(HttpResponse response, Instant now) {
        String millis = response.getHeaderValue("retry-after-ms");
        if (millis == null) {
            millis = response.getHeaderValue("x-ms-retry-after-ms");
        }
        try {
            if (millis != null) {
                return Duration.ofMillis(Long.parseLong(millis.trim()));
            }
            String value = response.getHeaderValue("Retry-After");
            if (value == null) {
                return null;
            }
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException notSeconds) {
                Instant until = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
                return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
            }
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
