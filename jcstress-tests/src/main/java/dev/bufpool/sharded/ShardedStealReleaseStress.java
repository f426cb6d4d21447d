package dev.bufpool.sharded;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Steal versus release in the sharded pool, with thread caches off so that every release goes to a
 * shard: two shards, two preallocated buffers; each actor twice acquires a buffer (its home shard,
 * then stealing from the other), stamps it with its id, checks the stamp, clears it and closes the
 * lease (back to its home shard, spilling to the other). A buffer one actor gives back is often the
 * one the other takes next.
 *
 * <p>The stamp catches two holders at once (the other actor's id found at acquisition or before
 * release) and a missing happens-before edge (the next holder not seeing the last one's clear,
 * which the ring's release store and acquire load of the cell's sequence carry).
 *
 * <p>Results: stamp violations, idle buffers minus buffers made (preallocated plus allocated; a
 * buffer held twice by the shards would count twice), drops, allocations.
 */
@JCStressTest
@Description("ShardedBufferPool: a buffer released on one thread and stolen on another never has two holders")
@Outcome(id = "0, 0, 0, 0", expect = ACCEPTABLE, desc = "every acquisition found a buffer in a shard; no two holders; all back")
@Outcome(id = "0, 0, 0, [1-2]", expect = ACCEPTABLE,
        desc = "a poll found an offer in flight (the ring's one non-lock-free window) and allocated; no two holders; all back")
@Outcome(id = "[1-9].*", expect = FORBIDDEN, desc = "a buffer had two holders at once, or its next holder did not see the last one's writes")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer was lost, dropped or kept twice by the shards")
@State
public class ShardedStealReleaseStress {

    private static final int CAPACITY = 16;

    private final ShardedBufferPool<byte[]> pool = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .shards(2)
            .threadCacheSize(0)
            .maxIdleBuffers(8)
            .bufferCapacity(CAPACITY)
            .preallocate(2)
            .build();
    private int violations1;
    private int violations2;

    @Actor
    public void first() {
        violations1 = useTwice((byte) 1);
    }

    @Actor
    public void second() {
        violations2 = useTwice((byte) 2);
    }

    private int useTwice(byte id) {
        int violations = 0;
        for (int round = 0; round < 2; round++) {
            Lease<byte[]> lease = pool.acquire(CAPACITY);
            byte[] buffer = lease.buffer();
            if (buffer[0] != 0) {
                violations++;
            }
            buffer[0] = id;
            buffer[1]++;
            if (buffer[0] != id) {
                violations++;
            }
            buffer[0] = 0;
            lease.close();
        }
        return violations;
    }

    @Arbiter
    public void check(IIII_Result r) {
        PoolStats stats = pool.stats();
        r.r1 = violations1 + violations2;
        r.r2 = (int) (stats.idleBuffers() - (2 + stats.allocations()));
        r.r3 = (int) stats.drops();
        r.r4 = (int) stats.allocations();
    }
}
