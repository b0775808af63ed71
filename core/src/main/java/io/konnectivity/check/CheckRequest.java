package io.konnectivity.check;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What a check reads and how it judges it; maps one-to-one to the check step's parameters.
 *
 * @param scanNamespaces namespaces whose Secrets are all scanned for PEM certificates; empty for none
 * @param probeTunnel whether to fetch an agent pod's last log line through the API server
 * @param timeout the time one cluster may take before it is reported as not checked
 * @param concurrency how many clusters are checked at once
 */
public record CheckRequest(
        AgentNames names,
        Thresholds thresholds,
        List<String> scanNamespaces,
        boolean probeTunnel,
        Duration timeout,
        int concurrency)
        implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONCURRENCY = 8;

    public CheckRequest {
        scanNamespaces = List.copyOf(scanNamespaces);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The per-cluster timeout must be positive, not " + timeout + ".");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("Concurrency must be at least 1, not " + concurrency + ".");
        }
    }

    public static CheckRequest defaults() {
        return new CheckRequest(
                AgentNames.DEFAULT, Thresholds.DEFAULT, List.of(), true, DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY);
    }

    public CheckRequest withNames(AgentNames value) {
        return new CheckRequest(value, thresholds, scanNamespaces, probeTunnel, timeout, concurrency);
    }

    public CheckRequest withThresholds(Thresholds value) {
        return new CheckRequest(names, value, scanNamespaces, probeTunnel, timeout, concurrency);
    }

    public CheckRequest withScanNamespaces(List<String> value) {
        return new CheckRequest(names, thresholds, value, probeTunnel, timeout, concurrency);
    }

    public CheckRequest withProbeTunnel(boolean value) {
        return new CheckRequest(names, thresholds, scanNamespaces, value, timeout, concurrency);
    }

    public CheckRequest withTimeout(Duration value) {
        return new CheckRequest(names, thresholds, scanNamespaces, probeTunnel, value, concurrency);
    }

    public CheckRequest withConcurrency(int value) {
        return new CheckRequest(names, thresholds, scanNamespaces, probeTunnel, timeout, value);
    }
}
