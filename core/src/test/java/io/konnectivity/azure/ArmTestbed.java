package io.konnectivity.azure;

import io.konnectivity.check.CheckRequest;
import io.konnectivity.sandbox.SandboxCluster;
import io.konnectivity.sandbox.SandboxScenario;
import io.konnectivity.sandbox.arm.ArmEmulator;
import io.konnectivity.sandbox.arm.EmulatedCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An ARM emulator with sandbox clusters behind it, and ARM clients pointed at it; closes everything it started. */
final class ArmTestbed implements AutoCloseable {

    static final String SUBSCRIPTION = EmulatedCluster.DEFAULT_SUBSCRIPTION;

    /** Fast polls and retries, so that a test waits milliseconds where Azure waits seconds. */
    static final ArmSettings FAST = ArmSettings.DEFAULT
            .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50))
            .withPollInterval(Duration.ofMillis(20))
            .withRequestTimeout(Duration.ofSeconds(20));

    final Clock clock = Clock.systemUTC();
    final ArmEmulator arm = ArmEmulator.start(clock);
    final ArmClients clients;
    private final List<SandboxCluster> sandboxes = new ArrayList<>();

    ArmTestbed() {
        this(FAST);
    }

    ArmTestbed(ArmSettings settings) {
        clients = ArmClients.create(
                TokenCredentials.fixed(arm.token(), clock),
                ArmEndpoint.custom(AzureCloud.PUBLIC, arm.endpoint(), arm.caPem()),
                settings);
    }

    /** A sandbox cluster, closed with the test bed. */
    SandboxCluster sandbox(SandboxScenario scenario) {
        SandboxCluster sandbox = SandboxCluster.start(scenario);
        sandboxes.add(sandbox);
        return sandbox;
    }

    SandboxCluster sandbox(String name, Duration agentExpiresIn) {
        return sandbox(SandboxScenario.builder()
                .clusterName(name)
                .agentCertificateExpiresIn(agentExpiresIn)
                .extraTlsSecrets(false)
                .build());
    }

    EmulatedCluster add(EmulatedCluster.Builder cluster) {
        EmulatedCluster built = cluster.build();
        arm.add(built);
        return built;
    }

    static AksCheckRequest request() {
        return AksCheckRequest.of(
                CheckRequest.defaults().withTimeout(Duration.ofSeconds(20)).withConcurrency(4));
    }

    static AksFleetRequest fleet(AksClusterFilter filter) {
        return new AksFleetRequest(List.of(SUBSCRIPTION), filter, request());
    }

    @Override
    public void close() {
        try {
            clients.close();
            arm.close();
        } finally {
            sandboxes.forEach(SandboxCluster::close);
        }
    }
}
