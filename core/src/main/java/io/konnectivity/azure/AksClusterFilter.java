package io.konnectivity.azure;

import java.io.Serializable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which clusters of a subscription a fleet run takes: all of one resource group, those carrying every given tag, and
 * those whose name matches a glob ({@code *} any run of characters, {@code ?} one). Azure names ignore case, so does
 * the filter. Null or empty parts take everything.
 */
public record AksClusterFilter(String resourceGroup, Map<String, String> tags, String namePattern)
        implements Serializable {

    public static final AksClusterFilter ALL = new AksClusterFilter(null, Map.of(), null);

    public AksClusterFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Reads a {@code key=value} tag filter as given on the command line. */
    public static Map.Entry<String, String> parseTag(String keyEqualsValue) {
        int equals = keyEqualsValue.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(
                    "A tag filter is KEY=VALUE, such as env=prod, but was '" + keyEqualsValue + "'.");
        }
        return Map.entry(keyEqualsValue.substring(0, equals), keyEqualsValue.substring(equals + 1));
    }

    public boolean matches(AksClusterFacts cluster) {
        if (resourceGroup != null
                && !resourceGroup.isBlank()
                && !resourceGroup.equalsIgnoreCase(cluster.resourceGroup())) {
            return false;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            boolean found = cluster.tags().entrySet().stream()
                    .anyMatch(actual -> actual.getKey().equalsIgnoreCase(tag.getKey())
                            && actual.getValue().equals(tag.getValue()));
            if (!found) {
                return false;
            }
        }
        return namePattern == null
                || namePattern.isBlank()
                || glob(namePattern).matcher(cluster.name()).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (resourceGroup != null) {
            text.append("resource group ").append(resourceGroup);
        }
        tags.forEach((key, value) -> text.append(text.isEmpty() ? "" : ", ")
                .append("tag ")
                .append(key)
                .append('=')
                .append(value));
        if (namePattern != null) {
            text.append(text.isEmpty() ? "" : ", ").append("name ").append(namePattern);
        }
        return text.isEmpty() ? "all clusters" : text.toString();
    }
}
