package io.konnectivity.cluster;

import java.util.List;
import java.util.Locale;

/**
 * Tells, from an error's text, whether the API server failed to reach a node through the Konnectivity tunnel. These
 * are the texts seen in the field when the agent cannot connect; any other error says nothing about the tunnel.
 */
public final class TunnelErrors {

    private static final List<String> TUNNEL_DOWN_TEXTS = List.of(
            "no agent available",
            "error dialing backend",
            "/containerlogs/",
            ":10250: i/o timeout",
            ":10250: connect: connection refused",
            "the server is currently unable to handle the request",
            "failing or missing response from",
            "x509: certificate has expired or is not yet valid",
            "authentication handshake failed");

    private TunnelErrors() {}

    public static boolean isTunnelDown(String errorText) {
        if (errorText == null) {
            return false;
        }
        String text = errorText.toLowerCase(Locale.ROOT);
        return TUNNEL_DOWN_TEXTS.stream().anyMatch(text::contains);
    }
}
