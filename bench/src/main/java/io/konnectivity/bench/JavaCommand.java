package io.konnectivity.bench;

import java.nio.file.Path;

/** The {@code java} launcher and class path of this JVM, for starting child JVMs just like it. */
final class JavaCommand {

    private JavaCommand() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }
}
