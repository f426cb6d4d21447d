package dev.bufpool.moduletests.contract;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A burst of acquisitions on a few threads that live on afterwards, quiet, as a server's request
 * threads do: so their thread caches stay theirs, the floor idle trimming cannot go below.
 */
final class Burst {

    private static ExecutorService threads;

    private Burst() {
    }

    /**
     * Runs {@code acquisitions} acquisitions of {@code capacity} spread over {@code threadCount}
     * threads, each holding up to {@code held} leases at once, and waits for them; the threads stay
     * alive until {@link #stop()}.
     */
    static void run(BufferPool<byte[]> pool, int threadCount, int acquisitions, int held, int capacity)
            throws Exception {
        threads = Executors.newFixedThreadPool(threadCount);
        List<Future<?>> done = new ArrayList<>();
        int each = acquisitions / threadCount;
        for (int t = 0; t < threadCount; t++) {
            done.add(threads.submit(() -> {
                List<Lease<byte[]>> out = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Lease<byte[]> lease = pool.acquire(capacity);
                    lease.buffer()[0] = 1;
                    out.add(lease);
                    if (out.size() == held) {
                        out.forEach(Lease::close);
                        out.clear();
                    }
                }
                out.forEach(Lease::close);
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
    }

    /** Ends the burst's threads. */
    static void stop() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(1, TimeUnit.MINUTES);
            threads = null;
        }
    }
}
