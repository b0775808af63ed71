package io.konnectivity.sandbox.arm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A long-running ARM operation: in progress for a set number of status polls, then it completes once, running its
 * effect and keeping its result body (null when the operation has none).
 */
final class EmulatedOperation {

    private final String id;
    private final String startTime;
    private final AtomicInteger pollsLeft;
    private final Supplier<Object> effect;
    private Object result;
    private boolean done;

    EmulatedOperation(String id, String startTime, int polls, Supplier<Object> effect) {
        this.id = id;
        this.startTime = startTime;
        this.pollsLeft = new AtomicInteger(polls);
        this.effect = effect;
    }

    String id() {
        return id;
    }

    String startTime() {
        return startTime;
    }

    /** One status poll: counts down and completes the operation on the last one. */
    synchronized boolean poll() {
        if (!done && pollsLeft.decrementAndGet() <= 0) {
            result = effect.get();
            done = true;
        }
        return done;
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized Object result() {
        return result;
    }
}
