package io.konnectivity.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@code --name value} options of a benchmark command, each given at most once, with defaults. */
public record Options(Map<String, String> values) {

    public Options {
        values = Map.copyOf(values);
    }

    /** Reads {@code --name value} pairs, refusing names outside {@code known}: a typo must not run the defaults. */
    public static Options parse(List<String> args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected an option such as --iterations 500, found '" + arg + "'.");
            }
            String name = arg.substring(2);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; this command knows --"
                        + String.join(", --", new TreeSet<>(known)) + ".");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("The option --" + name + " needs a value.");
            }
            if (values.put(name, args.get(++i)) != null) {
                throw new IllegalArgumentException("The option --" + name + " is given twice.");
            }
        }
        return new Options(values);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int number(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The option --" + name + " takes a whole number, not '" + value + "'.");
        }
    }

    /** A comma-separated list of whole numbers, such as {@code --clusters 1,10,100}. */
    public List<Integer> numbers(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        try {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(item -> !item.isEmpty())
                    .map(Integer::parseInt)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "The option --" + name + " takes whole numbers separated by commas, not '" + value + "'.");
        }
    }
}
