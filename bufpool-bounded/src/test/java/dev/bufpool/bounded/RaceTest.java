package dev.bufpool.bounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;

/**
 * 100,000 acquisitions of every kind race with releases, timeouts, interrupts, trims and one-off
 * requests on a pool of three buffers; at the end every slot is back, nobody waits, the budget
 * held throughout, and no buffer was ever held by two leases at once (each holder stamps its buffer
 * and checks the stamp is still its own before it lets go).
 */
class RaceTest {

    private static final int ATTEMPTS = 100_000;
    private static final int WORKERS = 4;
    private static final int CAPACITY = 256;
    private static final long BUDGET = 4 * CAPACITY;

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger stamps = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @RepeatedTest(3)
    void racingAcquisitionsReleasesTimeoutsAndInterruptsLeaveThePoolWhole() throws InterruptedException {
        try (BoundedBufferPool<ByteBuffer> pool = BoundedBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER)
                .name("race").maxBuffers(3).bufferCapacity(CAPACITY).memoryBudget(BUDGET)
                .maxWait(Duration.ofNanos(200_000)).build()) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(new Thread(() -> {
                    try {
                        work(pool);
                    } catch (Throwable e) {
                        failures.add("worker died: " + e);
                    }
                }, "worker-" + i));
            }
            Thread disturber = new Thread(() -> disturb(pool, workers), "disturber");
            workers.forEach(Thread::start);
            disturber.start();
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(Poll.BOUND_SECONDS));
                assertFalse(worker.isAlive(), () -> worker.getName() + " hangs; " + pool);
            }
            done.set(true);
            disturber.join(TimeUnit.SECONDS.toMillis(Poll.BOUND_SECONDS));

            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
            PoolStats stats = pool.stats();
            assertTrue(stats.waits() > 0 && stats.timeouts() > 0 && stats.allocations() > 0,
                    () -> "the race did not reach every path: " + stats);
            assertEquals(pool.size(), pool.available(), pool::toString);
            assertEquals(0, pool.waiting(), pool::toString);
            assertEquals(0, pool.stats().outstanding(), () -> pool.stats().toString());
            assertTrue(pool.usedBytes() <= BUDGET, pool::toString);
            Map<ByteBuffer, Boolean> distinct = new IdentityHashMap<>();
            List<Lease<ByteBuffer>> all = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                Lease<ByteBuffer> lease = pool.tryAcquire(CAPACITY);
                assertNotNull(lease, () -> "slot lost; " + pool);
                all.add(lease);
                distinct.put(lease.buffer(), true);
            }
            assertEquals(pool.size(), distinct.size(), "two leases on one buffer");
            all.forEach(Lease::close);
        }
    }

    private void work(BoundedBufferPool<ByteBuffer> pool) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (attempts.getAndIncrement() < ATTEMPTS) {
            // At least 8 bytes, so the two stamps do not overlap.
            int size = random.nextInt(8) == 0 ? CAPACITY + 1 + random.nextInt(CAPACITY) : 8 + random.nextInt(CAPACITY - 7);
            Lease<ByteBuffer> lease = null;
            try {
                switch (random.nextInt(4)) {
                    case 0:
                        lease = pool.acquire(size);
                        break;
                    case 1:
                        lease = pool.tryAcquire(size);
                        break;
                    case 2:
                        lease = pool.tryAcquire(size, random.nextInt(300), TimeUnit.MICROSECONDS);
                        break;
                    default:
                        lease = pool.tryAcquire(size, 0, TimeUnit.MICROSECONDS);
                        break;
                }
            } catch (PoolExhaustedException | InterruptedException e) {
                // Timed out or interrupted: both are expected here.
            } catch (RuntimeException e) {
                failures.add("acquire: " + e);
            }
            Thread.interrupted();
            if (lease != null) {
                use(pool, lease, random);
            }
        }
    }

    private void use(BoundedBufferPool<ByteBuffer> pool, Lease<ByteBuffer> lease, ThreadLocalRandom random) {
        if (pool.usedBytes() > BUDGET) {
            failures.add("budget passed: " + pool);
        }
        ByteBuffer buffer = lease.buffer();
        int stamp = stamps.incrementAndGet();
        buffer.putInt(0, stamp);
        buffer.putInt(buffer.limit() - 4, stamp);
        for (int spin = random.nextInt(64); spin > 0; spin--) {
            Thread.onSpinWait();
        }
        if (random.nextInt(4) == 0) {
            SharedBuffer<ByteBuffer> first = lease.share();
            SharedBuffer<ByteBuffer> second = first.retain();
            check(second.buffer(), stamp);
            first.close();
            check(second.buffer(), stamp);
            second.close();
        } else {
            check(buffer, stamp);
            lease.close();
        }
    }

    private void check(ByteBuffer buffer, int stamp) {
        if (buffer.getInt(0) != stamp || buffer.getInt(buffer.limit() - 4) != stamp) {
            failures.add("buffer of stamp " + stamp + " overwritten by another holder");
        }
    }

    /** Interrupts random workers and trims the pool now and then until the workers are done. */
    private void disturb(BoundedBufferPool<ByteBuffer> pool, List<Thread> workers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 0; !done.get(); round++) {
            workers.get(random.nextInt(workers.size())).interrupt();
            if (round % 16 == 0) {
                pool.trim();
            }
            LockSupport.parkNanos(20_000);
        }
    }
}
