package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ArmRetryStrategyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

    private final ArmRetryStrategy strategy = new ArmRetryStrategy(ArmSettings.DEFAULT);

    @Test
    void retryAfterIsReadInMillisecondsSecondsOrAsAnHttpDate() {
        assertThat(ArmRetryStrategy.retryAfter(response(429, Map.of("retry-after-ms", "1500")), NOW))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(ArmRetryStrategy.retryAfter(response(429, Map.of("Retry-After", "7")), NOW))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(ArmRetryStrategy.retryAfter(
                        response(429, Map.of("Retry-After", httpDate(NOW.plusSeconds(30)))), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ArmRetryStrategy.retryAfter(
                        response(429, Map.of("Retry-After", httpDate(NOW.minusSeconds(5)))), NOW))
                .isEqualTo(Duration.ZERO);
        assertThat(ArmRetryStrategy.retryAfter(response(429, Map.of("Retry-After", "soon")), NOW))
                .isNull();
        assertThat(ArmRetryStrategy.retryAfter(response(429, Map.of()), NOW)).isNull();
    }

    @Test
    void aWaitLongerThanAllowedIsNotRetriedWhetherGivenInSecondsOrAsADate() {
        Instant inTwoHours = Instant.now().plus(Duration.ofHours(2));

        assertThat(strategy.shouldRetry(response(429, Map.of("Retry-After", "3"))))
                .isTrue();
        assertThat(strategy.shouldRetry(response(429, Map.of("Retry-After", "7200"))))
                .isFalse();
        assertThat(strategy.shouldRetry(response(429, Map.of("Retry-After", httpDate(inTwoHours)))))
                .isFalse();
        assertThat(strategy.shouldRetry(response(503, Map.of()))).isTrue();
        assertThat(strategy.shouldRetry(response(404, Map.of()))).isFalse();
    }

    @Test
    void aRotationOrRunCommandThatMayHaveStartedIsRetriedOnlyWhenThrottled() {
        String cluster = "https://management.example/subscriptions/s/resourceGroups/rg/providers"
                + "/Microsoft.ContainerService/managedClusters/aks";
        String instance = "https://management.example/subscriptions/s/resourceGroups/nrg/providers"
                + "/Microsoft.Compute/virtualMachineScaleSets/pool/virtualmachines/0";

        for (String starts : new String[] {cluster + "/rotateClusterCertificates", instance + "/runCommand"}) {
            assertThat(strategy.shouldRetry(response(HttpMethod.POST, starts, 504, Map.of())))
                    .isFalse();
            assertThat(strategy.shouldRetry(response(HttpMethod.POST, starts, 500, Map.of())))
                    .isFalse();
            assertThat(strategy.shouldRetry(response(HttpMethod.POST, starts, 429, Map.of("Retry-After", "1"))))
                    .isTrue();
        }
        assertThat(strategy.shouldRetry(
                        response(HttpMethod.POST, cluster + "/listClusterUserCredential", 504, Map.of())))
                .as("fetching a kubeconfig starts nothing")
                .isTrue();
        assertThat(strategy.shouldRetry(response(HttpMethod.GET, cluster, 503, Map.of())))
                .isTrue();
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    private static HttpResponse response(int status, Map<String, String> headers) {
        return response(HttpMethod.GET, "https://management.example/", status, headers);
    }

    private static HttpResponse response(HttpMethod method, String url, int status, Map<String, String> headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        headers.forEach((name, value) -> httpHeaders.set(HttpHeaderName.fromString(name), value));
        return new HttpResponse(new HttpRequest(method, url)) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public String getHeaderValue(String name) {
                return httpHeaders.getValue(HttpHeaderName.fromString(name));
            }

            @Override
            public HttpHeaders getHeaders() {
                return httpHeaders;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(new byte[0]);
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just("");
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.just("");
            }
        };
    }
}
