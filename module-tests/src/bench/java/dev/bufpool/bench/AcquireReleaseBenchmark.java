package dev.bufpool.bench;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Acquire, write one byte, release: the pools of this project side by side with the floor (a
 * {@code ThreadLocal} holding one buffer), plain allocation and the pools Java teams use today.
 * Run with {@code -t 1} and {@code -t 2}; every pool is shared by the benchmark's threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AcquireReleaseBenchmark {

    /** The request size, in bytes. */
    @State(Scope.Benchmark)
    public static class Size {
        @Param({"1024", "65536", "1048576"})
        public int bytes;
    }

    /** One of this project's pools, made through the facade by provider name. */
    public abstract static class ProjectPool {
        BufferPool<byte[]> pool;

        abstract PoolSpec.Builder<byte[]> spec(int bytes);

        /** Whether to {@linkplain #warmElsewhere warm the pool elsewhere} before the benchmark. */
        boolean compiledFirst() {
            return false;
        }

        @Setup(Level.Trial)
        public void open(Size size) {
            pool = BufferPools.create(spec(size.bytes).build());
            if (compiledFirst()) {
                warmElsewhere(pool, size.bytes);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Sharded extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sharded").trimCapacity(1 << 20);
        }
    }

    @State(Scope.Benchmark)
    public static class ShardedWithStats extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sharded").trimCapacity(1 << 20).decorate("stats");
        }
    }

    /**
     * Warms a pool's {@code acquire} and {@code close} through a call site that also sees two other
     * pools, as in an application where many call sites and several pools warm them up before any
     * one caller is compiled: the JIT cannot inline them there, compiles them on their own, and the
     * benchmark's caller, compiled later, removes the lease objects only if those compiled methods
     * are under {@code InlineSmallCode}.
     */
    static void warmElsewhere(BufferPool<byte[]> pool, int bytes) {
        List<BufferPool<byte[]>> others = List.of(
                BufferPools.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sharded").build()),
                BufferPools.create(PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass").build()));
        List<BufferPool<byte[]>> mixed = List.of(pool, others.get(0), others.get(1));
        for (int i = 0; i < 300_000; i++) {
            touchElsewhere(mixed.get(i % 3), bytes);
        }
        others.forEach(BufferPool::close);
    }

    private static void touchElsewhere(BufferPool<byte[]> pool, int bytes) {
        try (Lease<byte[]> lease = pool.acquire(bytes)) {
            lease.buffer()[0] = 2;
        }
    }

    /** The sharded pool after {@link #warmElsewhere}. */
    @State(Scope.Benchmark)
    public static class ShardedCompiledFirst extends Sharded {
        @Override
        boolean compiledFirst() {
            return true;
        }
    }

    /** The decorated sharded pool after {@link #warmElsewhere}. */
    @State(Scope.Benchmark)
    public static class ShardedWithStatsCompiledFirst extends ShardedWithStats {
        @Override
        boolean compiledFirst() {
            return true;
        }
    }

    @State(Scope.Benchmark)
    public static class SizeClass extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass");
        }
    }

    /** Idle trimming on: a timeout, a byte bound of 64 MiB, the timer running. */
    @State(Scope.Benchmark)
    public static class ShardedTrimming extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sharded").trimCapacity(1 << 20)
                    .idleTimeout(java.time.Duration.ofSeconds(30)).maxIdleBytes(64L << 20);
        }
    }

    /** Idle trimming on: a timeout, a byte bound of 64 MiB, the timer running. */
    @State(Scope.Benchmark)
    public static class SizeClassTrimming extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass")
                    .idleTimeout(java.time.Duration.ofSeconds(30)).maxIdleBytes(64L << 20);
        }
    }

    /** Leak detection at SAMPLE: one lease in 128 watched by a phantom reference. */
    @State(Scope.Benchmark)
    public static class ShardedLeakSample extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sharded").trimCapacity(1 << 20)
                    .leakDetection(LeakDetection.SAMPLE);
        }
    }

    /** Leak detection at SAMPLE: one lease in 128 watched by a phantom reference. */
    @State(Scope.Benchmark)
    public static class SizeClassLeakSample extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass").leakDetection(LeakDetection.SAMPLE);
        }
    }

    /** Leak detection at SAMPLE: one lease in 128 watched by a phantom reference. */
    @State(Scope.Benchmark)
    public static class BoundedLeakSample extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("bounded").maxBuffers(8).bufferCapacity(bytes)
                    .maxWait(java.time.Duration.ofSeconds(10)).leakDetection(LeakDetection.SAMPLE);
        }
    }

    @State(Scope.Benchmark)
    public static class SizeClassZeroing extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("sizeclass").zeroOnRelease(true);
        }
    }

    @State(Scope.Benchmark)
    public static class Bounded extends ProjectPool {
        @Override
        PoolSpec.Builder<byte[]> spec(int bytes) {
            return PoolSpec.builder(BufferTypes.BYTE_ARRAY).provider("bounded")
                    .maxBuffers(8).bufferCapacity(bytes).maxWait(java.time.Duration.ofSeconds(10));
        }
    }

    /** The floor: each thread keeps one buffer of its own. */
    @State(Scope.Benchmark)
    public static class Floor {
        ThreadLocal<byte[]> local;
        ThreadLocal<Holder> holder;

        @Setup(Level.Trial)
        public void open(Size size) {
            local = ThreadLocal.withInitial(() -> new byte[size.bytes]);
            holder = ThreadLocal.withInitial(() -> new Holder(new byte[size.bytes]));
        }
    }

    /** A thread's one buffer, taken out while in use so that a nested use cannot get it too. */
    static final class Holder {
        byte[] buffer;

        Holder(byte[] buffer) {
            this.buffer = buffer;
        }
    }

    @State(Scope.Benchmark)
    public static class Netty {
        PooledByteBufAllocator allocator;

        @Setup(Level.Trial)
        public void open() {
            allocator = new PooledByteBufAllocator(false);
        }
    }

    @State(Scope.Benchmark)
    public static class Jetty {
        ArrayByteBufferPool pool;

        @Setup(Level.Trial)
        public void open() {
            pool = new ArrayByteBufferPool(0, 1024, 1 << 20);
        }
    }

    @State(Scope.Benchmark)
    public static class Kafka {
        org.apache.kafka.clients.producer.internals.BufferPool pool;
        Metrics metrics;

        @Setup(Level.Trial)
        public void open(Size size) {
            metrics = new Metrics();
            pool = new org.apache.kafka.clients.producer.internals.BufferPool(
                    8L * size.bytes, size.bytes, metrics, Time.SYSTEM, "bench");
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
            metrics.close();
        }
    }

    @State(Scope.Benchmark)
    public static class CommonsPool {
        GenericObjectPool<byte[]> pool;

        @Setup(Level.Trial)
        public void open(Size size) {
            GenericObjectPoolConfig<byte[]> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(8);
            config.setJmxEnabled(false);
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public byte[] create() {
                    return new byte[size.bytes];
                }

                @Override
                public PooledObject<byte[]> wrap(byte[] buffer) {
                    return new DefaultPooledObject<>(buffer);
                }
            }, config);
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    private static byte touch(BufferPool<byte[]> pool, int bytes) {
        try (Lease<byte[]> lease = pool.acquire(bytes)) {
            byte[] buffer = lease.buffer();
            buffer[0] = 1;
            return buffer[0];
        }
    }

    /** The floor: a ThreadLocal holding one buffer, used as a pool of one (taken, given back). */
    @Benchmark
    public byte threadLocalFloor(Floor floor) {
        Holder holder = floor.holder.get();
        byte[] buffer = holder.buffer;
        holder.buffer = null;
        buffer[0] = 1;
        byte read = buffer[0];
        holder.buffer = buffer;
        return read;
    }

    /** Below the floor: a ThreadLocal's own buffer, never taken out (no pool could be this cheap). */
    @Benchmark
    public byte threadLocalGet(Floor floor) {
        byte[] buffer = floor.local.get();
        buffer[0] = 1;
        return buffer[0];
    }

    @Benchmark
    public byte newArray(Size size) {
        byte[] buffer = new byte[size.bytes];
        buffer[0] = 1;
        return buffer[0];
    }

    @Benchmark
    public byte sharded(Sharded pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte shardedWithStats(ShardedWithStats pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte shardedCompiledFirst(ShardedCompiledFirst pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte shardedWithStatsCompiledFirst(ShardedWithStatsCompiledFirst pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte sizeClass(SizeClass pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte shardedTrimming(ShardedTrimming pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte sizeClassTrimming(SizeClassTrimming pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte shardedLeakSample(ShardedLeakSample pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte sizeClassLeakSample(SizeClassLeakSample pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte boundedLeakSample(BoundedLeakSample pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte sizeClassZeroing(SizeClassZeroing pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    /** What wiping a buffer of the class size costs alone, to compare the zeroing pool with. */
    @Benchmark
    public byte arraysFill(Floor floor) {
        byte[] buffer = floor.local.get();
        Arrays.fill(buffer, (byte) 0);
        return buffer[0];
    }

    @Benchmark
    public byte bounded(Bounded pool, Size size) {
        return touch(pool.pool, size.bytes);
    }

    @Benchmark
    public byte nettyHeap(Netty netty, Size size) {
        ByteBuf buffer = netty.allocator.heapBuffer(size.bytes);
        try {
            buffer.setByte(0, 1);
            return buffer.getByte(0);
        } finally {
            buffer.release();
        }
    }

    @Benchmark
    public byte jettyHeap(Jetty jetty, Size size) {
        RetainableByteBuffer buffer = jetty.pool.acquire(size.bytes, false);
        try {
            ByteBuffer bytes = buffer.getByteBuffer();
            bytes.limit(1); // Jetty hands buffers out empty, in flush mode
            bytes.put(0, (byte) 1);
            return bytes.get(0);
        } finally {
            buffer.release();
        }
    }

    @Benchmark
    public byte kafka(Kafka kafka, Size size) throws InterruptedException {
        ByteBuffer buffer = kafka.pool.allocate(size.bytes, 10_000);
        try {
            buffer.put(0, (byte) 1);
            return buffer.get(0);
        } finally {
            kafka.pool.deallocate(buffer);
        }
    }

    @Benchmark
    public byte commonsPool2(CommonsPool commons) throws Exception {
        byte[] buffer = commons.pool.borrowObject();
        try {
            buffer[0] = 1;
            return buffer[0];
        } finally {
            commons.pool.returnObject(buffer);
        }
    }
}
