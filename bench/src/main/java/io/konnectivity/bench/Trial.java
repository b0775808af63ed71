package io.konnectivity.bench;

import java.util.ArrayList;
import java.util.List;

/** One unit of work to time, repeated after a warm-up that is not recorded. */
@FunctionalInterface
interface Trial {

    void run() throws Exception;

    static void warmUp(Trial trial, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            trial.run();
        }
    }

    static Samples repeat(Trial trial, int warmup, int iterations) throws Exception {
        warmUp(trial, warmup);
        List<Long> nanos = new ArrayList<>(iterations);
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            trial.run();
            nanos.add(System.nanoTime() - start);
        }
        return Samples.ofNanos(nanos);
    }
}
