package io.konnectivity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time (user and system) of every child process this JVM has waited for, from Linux's {@code /proc/self/stat}:
 * unlike wall time, it hardly changes when other work shares the machine.
 */
final class ChildrenCpu {

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on every Linux that Java runs on

    private ChildrenCpu() {}

    /** Nanoseconds so far, or -1 where /proc is not there. */
    static long nanos() {
        try {
            return nanosOf(Files.readString(STAT));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Fields 16 and 17, cutime and cstime, counted after the command name, which may itself hold spaces. */
    static long nanosOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK;
    }
}
