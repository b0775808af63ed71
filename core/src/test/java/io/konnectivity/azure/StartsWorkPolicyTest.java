package io.konnectivity.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class StartsWorkPolicyTest {

    private static final String CLUSTER = "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers"
            + "/Microsoft.ContainerService/managedClusters/aks";
    private static final ArmSettings QUICK = new ArmSettings(
            3,
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofMillis(10),
            4);

    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void aRotationWhoseAnswerTimedOutIsNotSentAgainAndTheCallerSeesTheTimeout() {
        HttpPipeline pipeline = failingWith(() -> new IOException("timeout"));

        assertThatThrownBy(
                        () -> pipeline.send(post("/rotateClusterCertificates")).block())
                .hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("timeout")
                .satisfies(
                        error -> assertThat(chainOf(error)).noneMatch(StartsWorkPolicy.NotRepeated.class::isInstance));
        assertThat(sent).hasValue(1);
    }

    @Test
    void readsAndRequestsThatNeverConnectedAreRetried() {
        HttpPipeline timingOut = failingWith(() -> new IOException("timeout"));
        assertThatThrownBy(() ->
                        timingOut.send(new HttpRequest(HttpMethod.GET, CLUSTER)).block())
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(sent).as("a read: the first try and three retries").hasValue(4);

        sent.set(0);
        HttpPipeline refusing = failingWith(() -> new ConnectException("Connection refused"));
        assertThatThrownBy(
                        () -> refusing.send(post("/rotateClusterCertificates")).block())
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(sent)
                .as("nothing reached Azure, so the rotation is tried again")
                .hasValue(4);
    }

    private HttpPipeline failingWith(Supplier<IOException> error) {
        HttpClient http = request -> {
            sent.incrementAndGet();
            return Mono.error(error.get());
        };
        return ArmClients.pipeline(
                TokenCredentials.fixed("token", Clock.systemUTC()), ArmEndpoint.of(AzureCloud.PUBLIC), QUICK, http);
    }

    private static HttpRequest post(String action) {
        return new HttpRequest(HttpMethod.POST, CLUSTER + action);
    }

    private static java.util.List<Throwable> chainOf(Throwable error) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
