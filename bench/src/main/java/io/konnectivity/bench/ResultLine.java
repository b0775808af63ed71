package io.konnectivity.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a child JVM hands its figures to the harness: one line of standard output, {@code RESULT key=value ...}, values
 * without spaces. Every other line the child prints is passed through as it is.
 */
public record ResultLine(Map<String, String> values) {

    static final String PREFIX = "RESULT ";

    public ResultLine {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!entry.getKey().matches("[A-Za-z0-9_.-]+") || entry.getValue().matches(".*[\\s=].*")) {
                throw new IllegalArgumentException("A result entry is a name and a value without spaces or '=', not '"
                        + entry.getKey() + "=" + entry.getValue() + "'.");
            }
        }
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Optional<ResultLine> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : line.substring(PREFIX.length()).strip().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("A result field reads name=value, not '" + field + "'.");
            }
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return Optional.of(new ResultLine(values));
    }

    public String format() {
        StringBuilder line = new StringBuilder(PREFIX.strip());
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("The result has no '" + key + "' (it has " + values.keySet() + ").");
        }
        return value;
    }

    public double number(String key) {
        return Double.parseDouble(text(key));
    }
}
