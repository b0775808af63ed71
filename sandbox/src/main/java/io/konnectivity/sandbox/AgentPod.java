package io.konnectivity.sandbox;

import java.time.Instant;

/**
 * An agent pod as the sandbox holds it, with what its agent loaded from the Secret when it started.
 *
 * @param name the pod's name
 * @param node the node it runs on
 * @param ready whether its Ready condition is True
 * @param started when it started, by the scenario's clock
 * @param certificateNotAfter when the client certificate it loaded expires; null if it loaded none (a token-authenticated
 *     agent, or a Secret without a readable {@code client.crt})
 * @param certificateFingerprint the SHA-256 fingerprint of that certificate as {@code AB:CD:...}, or null
 * @param certificateProblem why its tunnel fails whatever the time (wrong CA, key that does not match, ...), or null
 * @param tunnelUp whether its log would answer now, by the scenario's clock
 */
public record AgentPod(
        String name,
        String node,
        boolean ready,
        Instant started,
        Instant certificateNotAfter,
        String certificateFingerprint,
        String certificateProblem,
        boolean tunnelUp) {}
