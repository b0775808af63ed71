package io.konnectivity.azure;

import io.konnectivity.check.CertificateRole;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shell script run on a node to read its certificate files with openssl, and the reading of what it prints. The
 * script prints one line per file, {@code konnectivity-node-cert|<path>|ok|notBefore=...|notAfter=...|...|}, or
 * {@code |missing} or {@code |error|<openssl's first line>}: short enough for run-command's 4 KiB output limit, and
 * parsed from the message run-command wraps it in ({@code Enable succeeded: \n[stdout]\n...\n[stderr]\n...}).
 */
public final class NodeCertificateScript {

    public static final String API_SERVER_CERTIFICATE = "/etc/kubernetes/certs/apiserver.crt";
    public static final String CLUSTER_CA = "/etc/kubernetes/certs/ca.crt";
    public static final String KUBELET_CLIENT_CERTIFICATE = "/var/lib/kubelet/pki/kubelet-client-current.pem";

    public static final List<String> PATHS = List.of(API_SERVER_CERTIFICATE, CLUSTER_CA, KUBELET_CLIENT_CERTIFICATE);

    static final String PREFIX = "konnectivity-node-cert|";

    private static final DateTimeFormatter OPENSSL_DATE =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);

    private NodeCertificateScript() {}

    /**
     * The script's lines. {@code KONNECTIVITY_ROOT}, unset on nodes, prefixes every path so that the script can be
     * tried on a copy of a node's files.
     */
    public static List<String> lines() {
        return List.of(
                "for f in " + String.join(" ", PATHS) + "; do",
                "  p=\"${KONNECTIVITY_ROOT:-}$f\"",
                "  if [ ! -e \"$p\" ]; then echo \"" + PREFIX + "$f|missing\"; continue; fi",
                "  if o=$(openssl x509 -in \"$p\" -noout -startdate -enddate -serial -fingerprint -sha256"
                        + " -nameopt RFC2253 -issuer -subject 2>&1); then",
                "    echo \"" + PREFIX + "$f|ok|$(printf '%s' \"$o\" | tr '\\n' '|')|\"",
                "  else",
                "    echo \"" + PREFIX + "$f|error|$(printf '%s' \"$o\" | head -n 1 | tr '|' '/')\"",
                "  fi",
                "done");
    }

    /** What a file the script reads is to the cluster; {@link CertificateRole#FILE} for any other path. */
    public static CertificateRole role(String path) {
        return switch (path) {
            case API_SERVER_CERTIFICATE -> CertificateRole.NODE_SERVING;
            case CLUSTER_CA -> CertificateRole.NODE_CA;
            case KUBELET_CLIENT_CERTIFICATE -> CertificateRole.KUBELET_CLIENT;
            default -> CertificateRole.FILE;
        };
    }

    /** One file as the script reported it. */
    public record Line(String path, State state, Map<String, String> fields, String error) {

        public Line {
            fields = Map.copyOf(fields);
        }
    }

    /** What the script found at a path. */
    public enum State {
        OK,
        MISSING,
        ERROR
    }

    /** The standard output inside a run-command message; the whole message when it carries no markers. */
    public static String stdout(String message) {
        if (message == null) {
            return "";
        }
        String text = message.replace("\r\n", "\n");
        int start = text.indexOf("[stdout]");
        int end = text.indexOf("[stderr]", Math.max(start, 0));
        if (start < 0) {
            return end < 0 ? text : text.substring(0, end);
        }
        return end < 0 ? text.substring(start + "[stdout]".length()) : text.substring(start + "[stdout]".length(), end);
    }

    /** The standard error inside a run-command message, trimmed; empty when none. */
    public static String stderr(String message) {
        if (message == null) {
            return "";
        }
        int start = message.indexOf("[stderr]");
        return start < 0 ? "" : message.substring(start + "[stderr]".length()).strip();
    }

    /** Every well-formed report line of the message, in order; anything else (noise, a cut first line) is skipped. */
    public static List<Line> parse(String message) {
        List<Line> lines = new ArrayList<>();
        for (String raw : stdout(message).split("\n")) {
            int at = raw.indexOf(PREFIX);
            if (at < 0) {
                continue;
            }
            String[] parts = raw.substring(at + PREFIX.length()).strip().split("\\|", -1);
            if (parts.length < 2 || !parts[0].startsWith("/")) {
                continue;
            }
            String path = parts[0];
            switch (parts[1].strip()) {
                case "missing" -> lines.add(new Line(path, State.MISSING, Map.of(), null));
                case "error" ->
                    lines.add(new Line(
                            path, State.ERROR, Map.of(), parts.length > 2 ? parts[2].strip() : "openssl failed"));
                case "ok" -> lines.add(okLine(path, parts));
                default -> {
                    // A line cut by run-command's output limit: its state is unknown, so it says nothing.
                }
            }
        }
        return lines;
    }

    private static Line okLine(String path, String[] parts) {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            if (equals > 0 && isKey(part.substring(0, equals))) {
                last = normalisedKey(part.substring(0, equals));
                fields.put(last, part.substring(equals + 1).strip());
            } else if (last != null && !part.isEmpty()) {
                // A '|' inside a subject split it: join it back.
                fields.put(last, fields.get(last) + "|" + part);
            }
        }
        if (!fields.containsKey("notAfter")) {
            return new Line(path, State.ERROR, Map.of(), "the node printed no notAfter for it");
        }
        return new Line(path, State.OK, fields, null);
    }

    private static boolean isKey(String key) {
        return key.matches("[A-Za-z0-9 ]+");
    }

    /** {@code sha256 Fingerprint} (OpenSSL 3) and {@code SHA256 Fingerprint} (1.1) both become {@code sha256}. */
    private static String normalisedKey(String key) {
        String trimmed = key.strip();
        return trimmed.toLowerCase(Locale.ROOT).endsWith("fingerprint") ? "sha256" : trimmed;
    }

    /** Reads openssl's {@code Mar  5 12:00:00 2026 GMT} (or ISO 8601 with {@code -dateopt iso_8601}). */
    public static Instant date(String value) {
        String text = value.strip().replaceAll("\\s+", " ");
        try {
            if (Character.isDigit(text.charAt(0))) {
                return Instant.parse(text.replace(' ', 'T').replace("TZ", "Z"));
            }
            String withoutZone = text.endsWith(" GMT") ? text.substring(0, text.length() - 4) : text;
            return LocalDateTime.parse(withoutZone, OPENSSL_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a date openssl prints: '" + value + "'", e);
        }
    }
}
