package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code stats} decorator's peak never exceeds what was really out at one moment: a bounded
 * pool of {@code maxBuffers} buffers, used by more threads than it has buffers while another thread
 * reads the figures without pause, never shows a peak above {@code maxBuffers}.
 */
class PeakOutstandingContractTest {

    private static final int ROUNDS = 200_000;

    @ParameterizedTest(name = "{0} buffers, {1} threads")
    @CsvSource({"1, 4", "2, 4"})
    void thePeakOfADecoratedBoundedPoolNeverExceedsItsSize(int buffers, int threads) throws Exception {
        BufferPool<byte[]> pool = BufferPools.create(BufferPools.providers().stream()
                .filter(p -> p.name().equals("bounded")).findFirst()
                .map(p -> dev.bufpool.PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("bounded")
                        .name("peak-" + buffers).maxBuffers(buffers).bufferCapacity(64)
                        .maxWait(Duration.ofSeconds(30)).decorate("stats").build())
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("no bounded provider")));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong highest = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                highest.accumulateAndGet(pool.stats().peakOutstanding(), Math::max);
            }
        });
        try (pool) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(new Thread(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < ROUNDS; i++) {
                            try (Lease<byte[]> lease = pool.acquire(64)) {
                                lease.buffer()[0] = 1;
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            reader.start();
            workers.forEach(Thread::start);
            for (Thread worker : workers) {
                worker.join(TimeUnit.MINUTES.toMillis(2));
            }
            running.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(30));
            PoolStats stats = pool.stats();
            assertEquals((long) ROUNDS * threads, stats.acquisitions());
            long seen = Math.max(highest.get(), stats.peakOutstanding());
            assertTrue(seen <= buffers, () -> "peakOutstanding " + seen + " with maxBuffers " + buffers + ": " + stats);
        }
    }
}
