package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Buffers acquired on one thread and closed on another are reused: a producer acquires and hands
 * each lease through a queue to a consumer that closes it. A pool that stranded the buffers closed
 * on the consumer would make the producer allocate for every acquisition.
 */
class CrossThreadContractTest {

    private static final int LEASES = 20_000;
    private static final int QUEUE = 16;
    /**
     * The most distinct buffers a reusing pool may show the producer: those in flight (queue, plus
     * one on each side), and room for per-thread caches and shards to hold some back (a cache
     * holds at most 64, the largest threadCacheSize). A pool that does not reuse shows all 20,000.
     */
    private static final int MOST_DISTINCT = QUEUE + 2 + 64 * 4;

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void buffersClosedOnAnotherThreadAreReused(BufferPoolProvider provider) throws InterruptedException {
        Object end = new Object();
        BlockingQueue<Object> handOff = new ArrayBlockingQueue<>(QUEUE);
        Set<byte[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (BufferPool<byte[]> pool = FittedSpec.open(provider, BufferTypes.BYTE_ARRAY, 256, QUEUE + 2)) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < LEASES; i++) {
                        Lease<byte[]> lease = pool.acquire(256);
                        seen.add(lease.buffer());
                        handOff.put(lease);
                    }
                    handOff.put(end);
                } catch (InterruptedException | RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "producer");
            Thread consumer = new Thread(() -> {
                try {
                    for (Object next = handOff.take(); next != end; next = handOff.take()) {
                        ((Lease<?>) next).close();
                    }
                } catch (InterruptedException | RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "consumer");
            producer.start();
            consumer.start();
            producer.join(TimeUnit.SECONDS.toMillis(60));
            consumer.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(producer.isAlive() || consumer.isAlive(), "hand-off did not finish in 60 s");
            assertNull(failed.get(), "a thread failed");
            assertTrue(seen.size() <= MOST_DISTINCT,
                    () -> seen.size() + " distinct buffers for " + LEASES + " leases: not reused across threads");
            PoolStats stats = pool.stats();
            if (stats.allocations() != PoolStats.UNTRACKED) {
                assertTrue(stats.allocations() <= MOST_DISTINCT, () -> "allocations: " + stats);
            }
        }
    }
}
