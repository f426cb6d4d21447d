package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code maxIdleBytes}, the memory kept idle stays under the bound. */
class IdleTrimContractTest {

    private static final long MAX_IDLE_BYTES = 4096;
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void idleBytesStayUnderMaxIdleBytes(BufferPoolProvider provider) {
        ContractKit.assumeFeature(provider, PoolFeature.IDLE_TRIM);
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024, ContractKit.MOST_OUT)
                .maxIdleBytes(MAX_IDLE_BYTES);
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                leases.add(pool.acquire(1024));
            }
            leases.forEach(Lease::close);
            PoolStats last = awaitIdleBytesAtMost(pool, MAX_IDLE_BYTES);
            assertTrue(last.idleBytes() <= MAX_IDLE_BYTES, () -> "maxIdleBytes=" + MAX_IDLE_BYTES + ": " + last);
        }
    }

    /**
     * Eviction may run in the background: polls the pool's figures until idle bytes are within the
     * bound, or a deadline passes, and gives the last figures.
     */
    private static PoolStats awaitIdleBytesAtMost(BufferPool<byte[]> pool, long bound) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        PoolStats stats = pool.stats();
        while (stats.idleBytes() > bound && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            stats = pool.stats();
        }
        return stats;
    }
}
