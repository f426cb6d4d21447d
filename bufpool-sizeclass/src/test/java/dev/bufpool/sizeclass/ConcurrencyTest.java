package dev.bufpool.sizeclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads acquire, hand leases to each other and close them, over every class and the exact-size
 * fallback. No buffer is ever held twice, a holder's stamp is never overwritten, every buffer comes
 * wiped, and when all is closed every buffer allocated is either idle or counted as dropped.
 */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ITERATIONS = 4_000;
    private static final int[] SIZES = {Integer.BYTES, 100, 4096, 4097, 20_000, 65_536, 65_537};
    private static final int EXACT_EVERY = 400;

    @Test
    void noBufferIsLostDuplicatedOrSeenDirtyUnderContention() throws Exception {
        try (SizeClassBufferPool<ByteBuffer> pool = SizeClassBufferPool.builder(BufferTypes.HEAP_BYTE_BUFFER)
                .sizeClasses(4096, 65_536, 262_144).zeroOnRelease(true).build()) {
            // ByteBuffer equality is by content: the set must go by identity.
            Set<ByteBuffer> held = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
            BlockingQueue<Lease<ByteBuffer>> handOff = new ArrayBlockingQueue<>(32);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Workers.Started> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                workers.add(Workers.start(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    work(pool, held, handOff, id);
                }));
            }
            for (Workers.Started worker : workers) {
                Workers.join(worker);
            }
            for (Lease<ByteBuffer> lease = handOff.poll(); lease != null; lease = handOff.poll()) {
                release(lease, held);
            }
            assertTrue(held.isEmpty());
            PoolStats stats = pool.stats();
            assertEquals(stats.allocations(), stats.idleBuffers() + stats.drops(),
                    () -> "every buffer is idle or dropped: " + stats);
        }
    }

    private static void work(SizeClassBufferPool<ByteBuffer> pool, Set<ByteBuffer> held,
            BlockingQueue<Lease<ByteBuffer>> handOff, int id) {
        SplittableRandom random = new SplittableRandom(id);
        for (int i = 0; i < ITERATIONS; i++) {
            int size = i % EXACT_EVERY == 0 ? 300_000 : SIZES[random.nextInt(SIZES.length)];
            Lease<ByteBuffer> lease = pool.acquire(size);
            ByteBuffer buffer = lease.buffer();
            assertTrue(held.add(buffer), "a buffer held by two leases at once");
            assertEquals(0, buffer.get(0), "wiped at index 0");
            assertEquals(0, buffer.get(size - 1), "wiped at the requested end");
            buffer.putInt(0, stamp(id, i));
            if (random.nextBoolean() && handOff.offer(lease)) {
                Lease<ByteBuffer> other = handOff.poll();
                if (other != null) {
                    release(other, held);
                }
            } else {
                assertEquals(stamp(id, i), buffer.getInt(0), "another holder wrote to my buffer");
                release(lease, held);
            }
        }
    }

    private static int stamp(int id, int i) {
        return id << 24 | i;
    }

    private static void release(Lease<ByteBuffer> lease, Set<ByteBuffer> held) {
        ByteBuffer buffer = lease.buffer();
        assertTrue(held.remove(buffer), "released a buffer not held");
        lease.close();
    }
}
