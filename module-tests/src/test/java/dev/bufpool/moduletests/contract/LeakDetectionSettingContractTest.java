package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code leakDetection} in a spec that asks for the {@code stats} decorator is honoured by the
 * decorator, whatever the provider: the facade accepts it, and a lease dropped without close is
 * reported, within a bounded number of collections.
 */
class LeakDetectionSettingContractTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void leakDetectionWithTheStatsDecoratorIsAcceptedAndReportsADroppedLease(BufferPoolProvider provider) {
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, ContractKit.MOST_OUT)
                .name("leaks-" + provider.name()).leakDetection(LeakDetection.PARANOID).decorate("stats").build();
        try (BufferPool<byte[]> pool = BufferPools.create(spec)) {
            dropALease(pool);
            long deadline = System.nanoTime() + BOUND_NANOS;
            PoolStats stats = pool.stats();
            while (stats.leaks() < 1 && System.nanoTime() < deadline) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                pool.acquire(64).close(); // the decorator looks for leaks during the pool's own calls
                stats = pool.stats();
            }
            PoolStats last = stats;
            assertEquals(1, last.leaks(), () -> "a dropped lease was not reported: " + last);
            assertTrue(last.outstanding() <= 0, () -> "a leaked lease still counts as out: " + last);
        }
    }

    /** Acquires a lease and drops it without closing it, in a frame of its own so that nothing holds it. */
    private static void dropALease(BufferPool<byte[]> pool) {
        pool.acquire(64).buffer()[0] = 1;
    }
}
