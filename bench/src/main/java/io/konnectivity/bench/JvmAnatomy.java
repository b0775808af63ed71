package io.konnectivity.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a short JVM run spent itself, read from its own diagnostics: {@code -XX:+CITime} (time compiling, per
 * compiler), {@code -Xlog:class+load} (classes loaded, and how many came from a class-data sharing archive) and
 * {@code -Xlog:gc} (pause time).
 *
 * @param c1Seconds time the C1 compiler spent, standard and on-stack replacement together
 * @param c2Seconds the same for C2
 */
record JvmAnatomy(double c1Seconds, double c2Seconds, int classes, int sharedClasses, double gcPauseMillis) {

    private static final Pattern COMPILER =
            Pattern.compile("^\\s*(C1|C2) \\{.*standard:\\s*([0-9.]+) s.*osr:\\s*([0-9.]+) s", Pattern.MULTILINE);
    private static final Pattern PAUSE = Pattern.compile("Pause .* ([0-9.]+)ms$", Pattern.MULTILINE);

    static List<String> flags(String classLog, String gcLog) {
        return List.of("-XX:+CITime", "-Xlog:class+load:file=" + classLog, "-Xlog:gc:file=" + gcLog);
    }

    /** Reads the three diagnostics: the standard output of the run and the contents of its two logs. */
    static JvmAnatomy parse(String output, String classLog, String gcLog) {
        double c1 = 0;
        double c2 = 0;
        Matcher compiler = COMPILER.matcher(output);
        while (compiler.find()) {
            double seconds = Double.parseDouble(compiler.group(2)) + Double.parseDouble(compiler.group(3));
            if (compiler.group(1).equals("C1")) {
                c1 = seconds;
            } else {
                c2 = seconds;
            }
        }
        List<String> loaded =
                classLog.lines().filter(line -> line.contains("[class,load]")).toList();
        int shared = (int) loaded.stream()
                .filter(line -> line.contains("source: shared objects file"))
                .count();
        double pauses = 0;
        Matcher pause = PAUSE.matcher(gcLog);
        while (pause.find()) {
            pauses += Double.parseDouble(pause.group(1));
        }
        return new JvmAnatomy(c1, c2, loaded.size(), shared, pauses);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "JIT compiling C1 %.2f s + C2 %.2f s (compiler threads, beside the main thread); %d classes loaded,"
                        + " %d of them from a CDS archive; GC pauses %.0f ms",
                c1Seconds,
                c2Seconds,
                classes,
                sharedClasses,
                gcPauseMillis);
    }
}
