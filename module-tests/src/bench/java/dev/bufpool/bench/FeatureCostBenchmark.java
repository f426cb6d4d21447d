package dev.bufpool.bench;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.PoolDecorator;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the optional features cost on the acquire + release of {@link AcquireReleaseBenchmark}:
 * leak detection at each level for every provider, and the size-class pool's zeroing beside the
 * same pool without it and the wipe alone ({@code Arrays.fill} of the buffer the pool hands out).
 * Heap buffers, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class FeatureCostBenchmark {

    /** The request size, in bytes. */
    @State(Scope.Benchmark)
    public static class Size {
        @Param({"1024", "65536", "1048576"})
        public int bytes;
    }

    /** A pool of a provider, plain or decorated with {@code stats}, with leak detection at one level. */
    @State(Scope.Benchmark)
    public static class Watched {
        @Param({"sharded", "sizeclass", "bounded"})
        public String provider;

        /**
         * {@code plain}; {@code stats}, where the decorator watches its own leases as well as the pool
         * its; or {@code stats-only}, the decorator watching its leases over a pool that does not
         * (as over a pool of another library).
         */
        @Param({"plain", "stats", "stats-only"})
        public String variant;

        @Param({"OFF", "SAMPLE", "PARANOID"})
        public LeakDetection leakDetection;

        BufferPool<byte[]> pool;

        @Setup(Level.Trial)
        public void open(Size size) {
            if (variant.equals("stats-only")) {
                // The decorator found as any application finds it, given a pool made without leak detection.
                BufferPool<byte[]> unwatched = BufferPools.create(
                        OurPool.spec(BufferTypes.BYTE_ARRAY, provider, "plain", size.bytes).build());
                PoolDecorator stats = ServiceLoader.load(PoolDecorator.class).stream().map(ServiceLoader.Provider::get)
                        .filter(d -> d.name().equals("stats")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no stats decorator on the class path"));
                pool = stats.decorate(unwatched, OurPool.spec(BufferTypes.BYTE_ARRAY, provider, "plain", size.bytes)
                        .leakDetection(leakDetection).build());
            } else {
                pool = BufferPools.create(OurPool.spec(BufferTypes.BYTE_ARRAY, provider, variant, size.bytes)
                        .leakDetection(leakDetection).build());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /**
     * The size-class pool with {@code zeroOnRelease}, the same pool without it, and a buffer as long
     * as those they hand out.
     */
    @State(Scope.Benchmark)
    public static class Zeroing {
        BufferPool<byte[]> pool;
        BufferPool<byte[]> notZeroing;
        byte[] classSized;

        @Setup(Level.Trial)
        public void open(Size size) {
            pool = BufferPools.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass")
                    .zeroOnRelease(true).build());
            notZeroing = BufferPools.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass").build());
            try (Lease<byte[]> lease = pool.acquire(size.bytes)) {
                classSized = new byte[lease.buffer().length];
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
            notZeroing.close();
        }
    }

    @Benchmark
    public byte leakDetection(Watched watched, Size size) {
        return OurPool.use(watched.pool, size.bytes);
    }

    /**
     * The same acquire and release as {@link #leakDetection}, with a body that calls a method the JIT
     * does not inline, as a body doing I/O does: the try-with-resources then closes the lease on the
     * exception path too, through a call the JIT does not inline either.
     */
    @Benchmark
    public byte bodyWithCall(Watched watched, Size size) {
        try (Lease<byte[]> lease = watched.pool.acquire(size.bytes)) {
            return notInlined(lease.buffer());
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static byte notInlined(byte[] buffer) {
        buffer[0] = 1;
        return buffer[0];
    }

    @Benchmark
    public byte zeroOnRelease(Zeroing zeroing, Size size) {
        return OurPool.use(zeroing.pool, size.bytes);
    }

    /** The same pool without {@code zeroOnRelease}: what zeroing adds to. */
    @Benchmark
    public byte notZeroing(Zeroing zeroing, Size size) {
        return OurPool.use(zeroing.notZeroing, size.bytes);
    }

    /** The wipe alone: what zeroing a buffer of the class size costs without a pool. */
    @Benchmark
    public byte arraysFill(Zeroing zeroing) {
        Arrays.fill(zeroing.classSized, (byte) 0);
        return zeroing.classSized[0];
    }
}
