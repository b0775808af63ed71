package io.konnectivity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Watches this JVM during one run: the peak of its heap pools (the pools' own peaks, reset at the start), the peak of
 * heap in use as sampled every few milliseconds, and the peak thread count with the threads alive at that moment,
 * grouped by name.
 */
final class HeapWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long sampledPeakBytes;
    private volatile int peakThreads;
    private volatile Map<String, Integer> threadsAtPeak = Map.of();

    private HeapWatch() {
        sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
    }

    /** Resets the pools' peaks and starts sampling. */
    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        watch.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        watch.threads.resetPeakThreadCount();
        watch.sampler.start();
        return watch;
    }

    /** The sum of every heap pool's peak since the start: an upper bound, as pools peak at different moments. */
    long poolPeakBytes() {
        return heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    long sampledPeakBytes() {
        return sampledPeakBytes;
    }

    int peakThreads() {
        return Math.max(peakThreads, threads.getPeakThreadCount());
    }

    /** The threads alive when the sampled thread count peaked, by name group, largest group first. */
    String threadsAtPeak() {
        return threadsAtPeak.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }

    private void sample() {
        while (running) {
            long used = heapPools.stream()
                    .mapToLong(pool -> pool.getUsage().getUsed())
                    .sum();
            sampledPeakBytes = Math.max(sampledPeakBytes, used);
            int count = threads.getThreadCount();
            if (count > peakThreads) {
                peakThreads = count;
                threadsAtPeak = groups(threads.getThreadInfo(threads.getAllThreadIds(), 0));
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Map<String, Integer> groups(ThreadInfo[] infos) {
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                groups.merge(ThreadNames.group(info.getThreadName()), 1, Integer::sum);
            }
        }
        return groups;
    }
}
