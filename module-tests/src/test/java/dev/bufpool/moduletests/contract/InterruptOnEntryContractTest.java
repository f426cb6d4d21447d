package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timed {@code tryAcquire} behaves like {@code Semaphore.tryAcquire(long, TimeUnit)} in every
 * pool, plain and decorated: an interrupt flag set on entry is cleared and
 * {@link InterruptedException} thrown, whatever the timeout, and no buffer is leased.
 */
class InterruptOnEntryContractTest {

    static Stream<Arguments> providersPlainAndDecoratedAndTimeouts() {
        return ContractKit.providers().flatMap(p -> Stream.of(false, true)
                .flatMap(decorated -> Stream.of(0L, 1L, 1000L).map(t -> Arguments.of(p, decorated, t))));
    }

    @ParameterizedTest(name = "{0} decorated={1} timeout={2} ms")
    @MethodSource("providersPlainAndDecoratedAndTimeouts")
    void anInterruptSetOnEntryIsThrownClearedAndLeasesNothing(BufferPoolProvider provider, boolean decorated,
            long timeoutMillis) throws Exception {
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, ContractKit.LARGEST, ContractKit.MOST_OUT)
                .name("interrupt-" + provider.name() + (decorated ? "-stats" : ""));
        if (decorated) {
            spec.decorate("stats");
        }
        try (BufferPool<byte[]> pool = BufferPools.create(spec.build())) {
            pool.acquire(64).close();
            PoolStats before = pool.stats();
            Thread.currentThread().interrupt();
            InterruptedException thrown = assertThrows(InterruptedException.class,
                    () -> pool.tryAcquire(64, timeoutMillis, TimeUnit.MILLISECONDS));
            assertFalse(Thread.interrupted(), "the flag is cleared, as Semaphore does");
            assertTrue(String.valueOf(thrown.getMessage()).contains("interrupt"), thrown.getMessage());
            PoolStats after = pool.stats();
            assertTrue(after.outstanding() <= 0, () -> "a lease was left out: " + after);
            assertEquals(before.idleBuffers(), after.idleBuffers(), () -> before + " then " + after);
            try (Lease<byte[]> lease = pool.tryAcquire(64, timeoutMillis, TimeUnit.MILLISECONDS)) {
                assertTrue(lease.capacity() >= 64, "the pool still works");
            }
        } finally {
            Thread.interrupted();
        }
    }
}
