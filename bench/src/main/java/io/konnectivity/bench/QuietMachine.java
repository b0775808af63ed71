package io.konnectivity.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for other work on a shared machine to calm down before a measurement starts: until the one-minute load
 * average is at most a threshold, or a time limit has passed. A threshold of zero or less never waits.
 */
record QuietMachine(double maxLoad, Duration limit) {

    private static final Duration POLL = Duration.ofSeconds(5);

    /** The load average when the wait ended, which the figures then carry so that a reader can judge them. */
    double await() throws InterruptedException {
        double load = load();
        Instant deadline = Instant.now().plus(limit);
        while (maxLoad > 0 && load > maxLoad && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
            load = load();
        }
        return load;
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
