package io.konnectivity.cert;

/** Turns a parser's exception into a short phrase that never repeats the input it choked on. */
final class PemProblems {

    private PemProblems() {}

    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        String firstLine = message.lines().findFirst().orElse("").strip();
        // Base64 content must never travel in an error message: it may be a key.
        return firstLine.replaceAll("[A-Za-z0-9+/=]{24,}", "…");
    }
}
