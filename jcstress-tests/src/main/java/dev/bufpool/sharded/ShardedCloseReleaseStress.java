package dev.bufpool.sharded;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Close versus release in the sharded pool, thread caches off: a lease is out; one actor closes the
 * pool while the other closes the lease. The release offers the buffer to a shard and then reads the
 * closed flag as a volatile; close writes the flag and then empties the shards: one of the two sees
 * the other, so the buffer never stays in a closed pool's shards.
 *
 * <p>Result: {@code stats().idleBuffers()} of the closed pool once both are done.
 */
@JCStressTest
@Description("ShardedBufferPool (no thread cache): nothing stays in a closed pool's shards when close races a release")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "the closed pool keeps nothing: the release was dropped, or its buffer drained")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a buffer stayed in the shards of the closed pool")
@State
public class ShardedCloseReleaseStress {

    private final ShardedBufferPool<byte[]> pool = ShardedBufferPool.builder(BufferTypes.BYTE_ARRAY)
            .name("jcstress")
            .shards(2)
            .threadCacheSize(0)
            .maxIdleBuffers(8)
            .build();
    private final Lease<byte[]> lease = pool.acquire(16);

    @Actor
    public void close() {
        pool.close();
    }

    @Actor
    public void release() {
        lease.close();
    }

    @Arbiter
    public void check(I_Result r) {
        r.r1 = (int) pool.stats().idleBuffers();
    }
}
