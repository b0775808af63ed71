package io.konnectivity.bench;

import io.konnectivity.check.CheckListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects how long each step of a check took, by the step's message, once recording is switched on. */
final class StepTimes implements CheckListener {

    private final Map<String, List<Long>> nanosByStep = new LinkedHashMap<>();
    private boolean recording;

    synchronized void record(boolean value) {
        recording = value;
    }

    @Override
    public synchronized void step(String cluster, String message, Duration took) {
        if (recording) {
            nanosByStep.computeIfAbsent(message, key -> new ArrayList<>()).add(took.toNanos());
        }
    }

    /** The samples of each step, in the order the steps first ran. */
    synchronized Map<String, Samples> samples() {
        Map<String, Samples> samples = new LinkedHashMap<>();
        nanosByStep.forEach((step, nanos) -> samples.put(step, Samples.ofNanos(nanos)));
        return samples;
    }
}
