package dev.bufpool.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exact counts after many threads used one pool, the threads joined. */
class ConcurrentCountingTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 20_000;
    private static final int KEPT = 3;
    private static final int SIZE = 128;
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(60);

    @Test
    void countersAreExactAfterAMultiThreadedRun() throws InterruptedException {
        StackPool<byte[]> wrapped = new StackPool<>("concurrent", BufferTypes.BYTE_ARRAY);
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(wrapped).registerMBean(false).build()) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Lease<byte[]>> kept = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(new Thread(() -> {
                    await(start);
                    for (int i = 0; i < ROUNDS; i++) {
                        Lease<byte[]> outer = pool.acquire(SIZE);
                        pool.acquire(SIZE).close();
                        outer.close();
                        outer.close(); // a double release: counted, and not passed on
                    }
                    for (int k = 0; k < KEPT; k++) {
                        kept.add(pool.acquire(SIZE));
                    }
                }));
            }
            joinAll(threads);
            PoolStats stats = pool.stats();
            long acquisitions = (long) THREADS * (2 * ROUNDS + KEPT);
            long out = (long) THREADS * KEPT;

            assertEquals(acquisitions, stats.acquisitions());
            assertEquals(acquisitions - out, stats.releases());
            assertEquals(out, stats.outstanding());
            assertEquals(stats.acquisitions(), stats.releases() + stats.outstanding());
            assertEquals(out * SIZE, stats.outstandingBytes());
            assertTrue(stats.peakOutstanding() >= out && stats.peakOutstanding() <= THREADS * (2L + KEPT),
                    "peak " + stats.peakOutstanding());
            assertEquals((long) THREADS * ROUNDS, pool.snapshot().doubleReleases(), "each outer lease closed twice");
            kept.forEach(Lease::close);
            assertEquals(0, pool.stats().outstanding());
            assertEquals(0, pool.stats().outstandingBytes());
        }
    }

    @Test
    void leasesHandedToAnotherThreadAreCountedBackExactly() throws InterruptedException {
        StackPool<byte[]> wrapped = new StackPool<>("hand-off", BufferTypes.BYTE_ARRAY);
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(wrapped).registerMBean(false).build()) {
            BlockingQueue<Lease<byte[]>> handOff = new ArrayBlockingQueue<>(64);
            Thread producer = new Thread(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    put(handOff, pool.acquire(SIZE));
                }
            });
            Thread consumer = new Thread(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    take(handOff).close();
                }
            });
            joinAll(List.of(producer, consumer));
            PoolStats stats = pool.stats();

            assertEquals(ROUNDS, stats.acquisitions());
            assertEquals(ROUNDS, stats.releases());
            assertEquals(0, stats.outstanding());
            assertEquals(0, stats.outstandingBytes());
        }
    }

    @Test
    void withSeveralThreadsThePeaksAreSampledAtEverySnapshot() throws InterruptedException {
        StackPool<byte[]> wrapped = new StackPool<>("sampled", BufferTypes.BYTE_ARRAY);
        try (StatsBufferPool<byte[]> pool = StatsBufferPool.builder(wrapped).registerMBean(false).build()) {
            List<Lease<byte[]>> held = new CopyOnWriteArrayList<>();
            joinAll(List.of(new Thread(() -> {
                for (int i = 0; i < KEPT; i++) {
                    held.add(pool.acquire(SIZE));
                }
            })));
            Lease<byte[]> mine = pool.acquire(SIZE);
            StatsSnapshot during = pool.snapshot();
            held.forEach(Lease::close);
            mine.close();
            PoolStats after = pool.stats();

            assertEquals(KEPT + 1, during.stats().peakOutstanding());
            assertEquals((KEPT + 1) * SIZE, during.peakOutstandingBytes());
            assertEquals(KEPT + 1, after.peakOutstanding());
            assertEquals(0, after.outstanding());
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (Thread thread : threads) {
            thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
            assertFalse(thread.isAlive(), thread.getName() + " did not finish");
        }
        assertEquals(List.of(), failures);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(JOIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(BlockingQueue<Lease<byte[]>> queue, Lease<byte[]> lease) {
        try {
            assertTrue(queue.offer(lease, JOIN_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Lease<byte[]> take(BlockingQueue<Lease<byte[]>> queue) {
        try {
            Lease<byte[]> lease = queue.poll(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(lease != null, "nothing handed over");
            return lease;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
