package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Idle trimming, for every provider with {@link PoolFeature#IDLE_TRIM}: idle memory stays under
 * {@code maxIdleBytes}, buffers idle past {@code idleTimeout} are trimmed (on a clock the test
 * drives), buffers in use never are, trims show through the {@code stats} decorator, and bad idle
 * settings are refused by name. Rules about trimming idle buffers in general skip bounded pools,
 * whose preallocated buffers are their size, not idle surplus.
 */
class IdleTrimContractTest {

    private static final long MAX_IDLE_BYTES = 4096;
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The most a trim may come after the timeout, for a 30 s timeout: min(timeout, 1 s). */
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration STEP = Duration.ofMillis(250);

    private final AtomicLong millis = new AtomicLong(1_000_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    /** Lets {@code time} pass on the test's clock in steps, reading the figures at each (which runs due trimming). */
    private PoolStats pass(BufferPool<?> pool, Duration time) {
        PoolStats stats = pool.stats();
        for (long t = 0; t < time.toMillis(); t += STEP.toMillis()) {
            millis.addAndGet(Math.min(STEP.toMillis(), time.toMillis() - t));
            stats = pool.stats();
        }
        return stats;
    }

    private static PoolSpec.Builder<byte[]> fitted(BufferPoolProvider provider) {
        return FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 4096, ContractKit.MOST_OUT);
    }

    private static void acquireAndRelease(BufferPool<byte[]> pool, int count, int capacity) {
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(pool.acquire(capacity));
        }
        leases.forEach(Lease::close);
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void idleBytesStayUnderMaxIdleBytes(BufferPoolProvider provider) {
        var spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, 1024, ContractKit.MOST_OUT)
                .maxIdleBytes(MAX_IDLE_BYTES);
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            acquireAndRelease(pool, 10, 1024);
            PoolStats last = pool.stats();
            assertTrue(last.idleBytes() <= MAX_IDLE_BYTES, () -> "maxIdleBytes=" + MAX_IDLE_BYTES + ": " + last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void aBufferIdleLongerThanTheTimeoutIsTrimmedNoSoonerAndWithinAPeriod(BufferPoolProvider provider) {
        // threadCacheSize 0 where the provider has caches: a live thread's cache is each provider's documented floor.
        PoolSpec.Builder<byte[]> spec = fitted(provider).idleTimeout(TIMEOUT).clock(clock);
        if (provider.features().contains(PoolFeature.THREAD_CACHE)) {
            spec.threadCacheSize(0);
        }
        try (BufferPool<byte[]> pool = provider.create(spec.build())) {
            acquireAndRelease(pool, 8, 4096);
            long idle = pool.stats().idleBuffers();
            assertTrue(idle > 0, "the pool keeps idle buffers at all");
            PoolStats before = pass(pool, TIMEOUT.minus(STEP));
            assertEquals(idle, before.idleBuffers(), () -> "trimmed before its idle timeout: " + before);
            PoolStats after = pass(pool, STEP.plus(PERIOD));
            assertEquals(0, after.idleBuffers(), () -> "not trimmed within a period of its timeout: " + after);
            assertEquals(idle, after.trims(), () -> "every trim is counted: " + after);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM)
    void aBufferInUseIsNeverTrimmed(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = provider.create(fitted(provider).idleTimeout(TIMEOUT).clock(clock).build())) {
            List<Lease<byte[]>> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Lease<byte[]> lease = pool.acquire(4096);
                lease.buffer()[0] = (byte) (i + 1);
                leases.add(lease);
            }
            PoolStats stats = pass(pool, TIMEOUT.multipliedBy(3));
            assertEquals(0, stats.trims(), () -> "nothing was idle, yet: " + stats);
            for (int i = 0; i < 4; i++) {
                assertEquals(i + 1, leases.get(i).buffer()[0], "a held buffer was handed to someone else");
            }
            leases.forEach(Lease::close);
            try (Lease<byte[]> again = pool.acquire(4096)) {
                assertTrue(again.capacity() >= 4096);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void steadyLoadWhoseWorkingSetFitsKeepsReuseAbove99Percent(BufferPoolProvider provider) {
        try (BufferPool<byte[]> pool = provider.create(fitted(provider).idleTimeout(Duration.ofSeconds(5))
                .maxIdleBytes(1 << 20).clock(clock).build())) {
            long acquisitions = 0;
            for (int second = 0; second < 30; second++) {
                for (int i = 0; i < 200; i++) {
                    acquireAndRelease(pool, 8, 4096);
                    acquisitions += 8;
                }
                pass(pool, Duration.ofSeconds(1));
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.trims(), () -> "a buffer of the working set was trimmed: " + stats);
            long allocations = stats.allocations();
            long total = acquisitions;
            assertTrue(allocations * 100 <= total, () -> "reuse below 99%: " + allocations + " allocations of " + total);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void trimsShowThroughTheStatsDecorator(BufferPoolProvider provider) {
        PoolSpec.Builder<byte[]> spec = fitted(provider).name("decorated-" + provider.name()).decorate("stats")
                .idleTimeout(TIMEOUT).clock(clock);
        try (BufferPool<byte[]> pool = BufferPools.create(spec.build())) {
            acquireAndRelease(pool, 12, 4096);
            PoolStats stats = pass(pool, TIMEOUT.plus(PERIOD).plus(STEP));
            assertEquals(12, stats.acquisitions());
            assertTrue(stats.trims() > 0, () -> "the decorator shows the wrapped pool's trims: " + stats);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void aBurstOnFourThreadsIsTrimmedByTheTimerAloneAfterSilence(BufferPoolProvider provider) throws Exception {
        int mib = 1 << 20;
        int threads = 4;
        int cachePerThread = 2;
        // Real time, no clock: only the pool's timer can trim, since nothing calls the pool after the burst.
        PoolSpec<byte[]> spec = FittedSpec.builder(provider, BufferTypes.BYTE_ARRAY, mib, 64)
                .idleTimeout(Duration.ofSeconds(1)).maxIdleBuffers(1024).threadCacheSize(cachePerThread).build();
        // The documented floor: the caches of the four live threads, each at most threadCacheSize buffers.
        long floor = (long) threads * cachePerThread * mib;
        try (BufferPool<byte[]> pool = provider.create(spec)) {
            Burst.run(pool, threads, 10_000, 64, mib);
            PoolStats peak = pool.stats();
            assertTrue(peak.idleBytes() > floor, () -> "the burst left memory idle: " + peak);
            PoolStats last = awaitIdleBytesAtMost(pool, floor);
            assertTrue(last.idleBytes() <= floor, () -> "still retained after silence: " + last);
            assertTrue(last.trims() > 0);
        } finally {
            Burst.stop();
        }
    }

    static Stream<Arguments> providersAndBadIdleSettings() {
        List<Named<UnaryOperator<PoolSpec.Builder<byte[]>>>> settings = List.of(
                Named.of("idleTimeout=0", b -> b.idleTimeout(Duration.ZERO)),
                Named.of("idleTimeout=-1s", b -> b.idleTimeout(Duration.ofSeconds(-1))),
                Named.of("idleTimeout=1ns", b -> b.idleTimeout(Duration.ofNanos(1))),
                Named.of("idleTimeout=31d", b -> b.idleTimeout(Duration.ofDays(31))),
                Named.of("idleTimeout=max", b -> b.idleTimeout(Duration.ofSeconds(Long.MAX_VALUE))),
                Named.of("maxIdleBytes=-1", b -> b.maxIdleBytes(-1)),
                Named.of("maxIdleBytes=MIN_VALUE", b -> b.maxIdleBytes(Long.MIN_VALUE)));
        return ContractKit.providers().flatMap(p -> settings.stream().map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndBadIdleSettings")
    void aBadIdleSettingIsRefusedByNameAndValue(BufferPoolProvider provider,
            UnaryOperator<PoolSpec.Builder<byte[]>> setting) {
        PoolSpec.Builder<byte[]> spec = setting.apply(fitted(provider));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, spec::build);
        String message = refused.getMessage();
        assertTrue(message.matches("(idleTimeout|maxIdleBytes) must .*: (idleTimeout|maxIdleBytes)=.*"), message);
    }

    /**
     * Polls the pool's figures until idle bytes are within the bound, or a deadline passes, and gives
     * the last figures. Reading the figures of a pool on real time runs no trimming: the pool's own
     * timer must do it.
     */
    private static PoolStats awaitIdleBytesAtMost(BufferPool<byte[]> pool, long bound) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        PoolStats stats = pool.stats();
        while (stats.idleBytes() > bound && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            stats = pool.stats();
        }
        return stats;
    }
}
