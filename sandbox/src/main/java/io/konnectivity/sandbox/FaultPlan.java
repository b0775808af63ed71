package io.konnectivity.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults a sandbox API server injects, and the log of every request it served, for reliability tests: run an
 * operation once, read {@link #requests()} to learn every API call it makes, then fail each one in turn. Thread-safe;
 * faults apply from the next request on. When several faults match a request, each counts it, and the first injected
 * one that fires answers it.
 */
public final class FaultPlan {

    /** How many requests the log keeps: the latest ones, so that a long benchmark does not fill the heap. */
    public static final int LOG_LIMIT = 100_000;

    private final List<Fault> faults = new ArrayList<>();
    private final Map<Fault, int[]> counts = new IdentityHashMap<>();
    private final ArrayDeque<ServedRequest> served = new ArrayDeque<>();

    FaultPlan() {}

    /** Adds a fault; returns it, to pass to {@link #matched(Fault)} or {@link #remove(Fault)} later. */
    public synchronized Fault inject(Fault fault) {
        faults.add(fault);
        counts.putIfAbsent(fault, new int[2]);
        return fault;
    }

    /** Stops injecting {@code fault}; its counts stay readable. */
    public synchronized void remove(Fault fault) {
        faults.removeIf(injected -> injected == fault);
    }

    /** Removes every fault and forgets their counts; the request log is kept. */
    public synchronized void clear() {
        faults.clear();
        counts.clear();
    }

    /** How many requests matched the fault's method and path since it was injected, whether or not it fired. */
    public synchronized int matched(Fault fault) {
        int[] count = counts.get(fault);
        return count == null ? 0 : count[0];
    }

    /** How many requests the fault answered. */
    public synchronized int fired(Fault fault) {
        int[] count = counts.get(fault);
        return count == null ? 0 : count[1];
    }

    /**
     * Every request served so far (seeding excluded; the latest {@value #LOG_LIMIT} at most), oldest first, with the
     * status it was answered.
     */
    public synchronized List<ServedRequest> requests() {
        return List.copyOf(served);
    }

    /** Empties the request log, to record a new operation from a clean start. */
    public synchronized void clearRequests() {
        served.clear();
    }

    /** Counts the request against every fault it matches and returns the one that answers it, or null. */
    synchronized Fault match(String method, String path) {
        Fault firing = null;
        for (Fault fault : faults) {
            if (fault.matches(method, path)) {
                int[] count = counts.get(fault);
                count[0]++;
                if (firing == null && fault.firesOn(count[0])) {
                    firing = fault;
                    count[1]++;
                }
            }
        }
        return firing;
    }

    synchronized void record(ServedRequest request) {
        if (served.size() == LOG_LIMIT) {
            served.removeFirst();
        }
        served.addLast(request);
    }
}
