package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A trimmed direct buffer stops counting against the JVM's direct memory: the pools leave it to the
 * collector (no explicit free, so a stale reference a user kept can never crash the JVM), and once
 * the collector has run, the platform's {@code direct} buffer pool bean shows the memory gone.
 */
class TrimmedDirectMemoryContractTest {

    private static final int MIB = 1 << 20;
    private static final int BUFFERS = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MOST_GC_ATTEMPTS = 20;

    private final AtomicLong millis = new AtomicLong(2_000_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.IDLE_TRIM, lacking = PoolFeature.BOUNDED)
    void aTrimmedDirectBufferStopsCountingAgainstDirectMemory(BufferPoolProvider provider) {
        PoolSpec.Builder<ByteBuffer> spec = FittedSpec.builder(provider, BufferTypes.DIRECT_BYTE_BUFFER, MIB, BUFFERS)
                .idleTimeout(TIMEOUT).clock(clock).maxIdleBuffers(2 * BUFFERS);
        if (provider.features().contains(PoolFeature.THREAD_CACHE)) {
            spec.threadCacheSize(0);
        }
        try (BufferPool<ByteBuffer> pool = provider.create(spec.build())) {
            fillWithIdleDirectBuffers(pool);
            long held = directMemoryUsed();
            assertEquals(BUFFERS, pool.stats().idleBuffers());
            for (long t = 0; t < TIMEOUT.plusSeconds(2).toMillis(); t += 250) {
                millis.addAndGet(250);
                pool.stats();
            }
            assertEquals(0, pool.stats().idleBuffers(), "all were trimmed");
            long released = held;
            for (int attempt = 0; attempt < MOST_GC_ATTEMPTS && held - released < (long) BUFFERS * MIB; attempt++) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the JDK's cleaner thread frees after the collection
                released = directMemoryUsed();
            }
            long freed = held - released;
            assertTrue(freed >= (long) BUFFERS * MIB,
                    () -> "direct memory freed after trimming: " + freed + " bytes of " + (long) BUFFERS * MIB);
        }
    }

    private static void fillWithIdleDirectBuffers(BufferPool<ByteBuffer> pool) {
        List<Lease<ByteBuffer>> leases = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            leases.add(pool.acquire(MIB));
        }
        leases.forEach(Lease::close);
    }

    private static long directMemoryUsed() {
        for (BufferPoolMXBean bean : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (bean.getName().equals("direct")) {
                return bean.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no 'direct' buffer pool bean in this JVM");
    }
}
