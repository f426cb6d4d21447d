package dev.bufpool.bench;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import stormpot.BasePoolable;
import stormpot.Pool;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * What this project's pools are measured against: the floor, no pool at all, and the pools Java
 * teams use today, each set up as its documentation suggests for buffers up to the largest request
 * ({@link Request#bytes}). Each takes a buffer, hands it to the benchmark, and takes it back.
 */
public final class Anchors {

    private Anchors() {
    }

    /**
     * The floor: a {@code ThreadLocal} holding one buffer of the largest request per thread, used
     * as a pool of one (taken out of its holder while in use, so a nested use cannot get it too).
     */
    @State(Scope.Benchmark)
    public static class Floor extends Subject {
        private final AtomicInteger threads = new AtomicInteger();
        private int capacity;
        ThreadLocal<Holder> holder;

        @Setup(Level.Trial)
        public void open(Request request) {
            capacity = request.bytes;
            holder = ThreadLocal.withInitial(() -> {
                threads.incrementAndGet();
                return new Holder(request.allocate(request.bytes));
            });
        }

        byte use() {
            return holder.get().use();
        }

        byte useClaimed() {
            return holder.get().useClaimed();
        }

        @Override
        long retainedBytes() {
            return (long) threads.get() * capacity;
        }
    }

    /** Padding before {@link Holder}'s one field (a superclass's fields are laid out first). */
    abstract static class HolderPadding {
        long p1, p2, p3, p4, p5, p6, p7;
    }

    /** The fields a thread writes twice per op. */
    abstract static class HolderField extends HolderPadding {
        Object buffer;
        /** Claimed and given back by CAS in {@link Holder#useClaimed()}; only its thread writes it. */
        volatile long claims;
    }

    /**
     * A thread's one buffer, padded on both sides so the holders of two threads never share a
     * cache line, however the collector packs them: the pools keep their per-thread counts apart
     * in the same way, and the floor must not pay a false-sharing cost they avoid.
     */
    static final class Holder extends HolderField {
        long q1, q2, q3, q4, q5, q6, q7;

        Holder(Object buffer) {
            this.buffer = buffer;
        }

        /** The floor's work: take the buffer out, touch it, put it back. */
        byte use() {
            Object held = buffer;
            buffer = null;
            byte read = Request.touch(held);
            buffer = held;
            return read;
        }

        /**
         * The floor's work with a CAS to take the buffer and one to give it back, on a word only
         * this thread writes: the two atomics a pool that shares its idle buffers with every thread
         * needs, costed where they stand in an op (each drains the stores before it) rather than
         * alone in a loop.
         */
        byte useClaimed() {
            long taken = claims + 1;
            CLAIMS.compareAndSet(this, taken - 1, taken);
            Object held = buffer;
            buffer = null;
            byte read = Request.touch(held);
            buffer = held;
            CLAIMS.compareAndSet(this, taken, taken + 1);
            return read;
        }
    }

    private static final VarHandle CLAIMS = claimsHandle();

    private static VarHandle claimsHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(HolderField.class, "claims", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** No pool: {@code new byte[n]} or {@code ByteBuffer.allocateDirect(n)} for every request. */
    @State(Scope.Benchmark)
    public static class NoPool extends Subject {
        Request request;

        @Setup(Level.Trial)
        public void open(Request request) {
            this.request = request;
        }

        byte use(int bytes) {
            return Request.touch(request.allocate(bytes));
        }

        @Override
        long retainedBytes() {
            return 0;
        }
    }

    /** A Netty allocator, heap or direct as the request asks, and what its metric says it holds. */
    abstract static class NettyAllocator extends Subject {
        ByteBufAllocator allocator;
        ByteBufAllocatorMetric metric;
        boolean direct;

        <A extends ByteBufAllocator & ByteBufAllocatorMetricProvider> void open(A made, boolean direct) {
            this.allocator = made;
            this.metric = made.metric();
            this.direct = direct;
        }

        ByteBuf take(int bytes) {
            return direct ? allocator.directBuffer(bytes) : allocator.heapBuffer(bytes);
        }

        @Override
        long retainedBytes() {
            return direct ? metric.usedDirectMemory() : metric.usedHeapMemory();
        }
    }

    /** Netty 4.2's {@code PooledByteBufAllocator}, its defaults (no thread cache on plain threads). */
    @State(Scope.Benchmark)
    public static class NettyPooled extends NettyAllocator {
        @Setup(Level.Trial)
        public void open(Request request) {
            open(new PooledByteBufAllocator(request.direct), request.direct);
        }
    }

    /** Netty 4.2's default allocator, {@code AdaptiveByteBufAllocator}, its defaults. */
    @State(Scope.Benchmark)
    public static class NettyAdaptive extends NettyAllocator {
        @Setup(Level.Trial)
        public void open(Request request) {
            open(new AdaptiveByteBufAllocator(request.direct), request.direct);
        }
    }

    /**
     * The work on a Netty buffer: write one byte, read it back.
     *
     * @param buffer the buffer, released here
     * @return the byte read
     */
    static byte use(ByteBuf buffer) {
        try {
            buffer.setByte(0, 1);
            return buffer.getByte(0);
        } finally {
            buffer.release();
        }
    }

    /** Jetty 12's {@code ArrayByteBufferPool}, pooling up to the largest request. */
    @State(Scope.Benchmark)
    public static class Jetty extends Subject {
        ArrayByteBufferPool pool;
        boolean direct;

        @Setup(Level.Trial)
        public void open(Request request) {
            direct = request.direct;
            pool = new ArrayByteBufferPool(0, 1024, Math.max(request.bytes, 1024));
        }

        RetainableByteBuffer take(int bytes) {
            return pool.acquire(bytes, direct);
        }

        @Override
        long retainedBytes() {
            return direct ? pool.getDirectMemory() : pool.getHeapMemory();
        }
    }

    /**
     * The work on a Jetty buffer: write one byte, read it back.
     *
     * @param buffer the buffer, released here
     * @return the byte read
     */
    static byte use(RetainableByteBuffer buffer) {
        try {
            ByteBuffer bytes = buffer.getByteBuffer();
            bytes.limit(1); // Jetty hands buffers out empty, in flush mode
            bytes.put(0, (byte) 1);
            return bytes.get(0);
        } finally {
            buffer.release();
        }
    }

    /** Commons Pool 2's {@code GenericObjectPool} of 8 buffers of the largest request, JMX off. */
    @State(Scope.Benchmark)
    public static class CommonsPool extends Subject {
        GenericObjectPool<Object> pool;
        private int capacity;

        @Setup(Level.Trial)
        public void open(Request request) {
            capacity = request.bytes;
            GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(8);
            config.setJmxEnabled(false);
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public Object create() {
                    return request.allocate(request.bytes);
                }

                @Override
                public PooledObject<Object> wrap(Object buffer) {
                    return new DefaultPooledObject<>(buffer);
                }
            }, config);
        }

        byte use() throws Exception {
            Object buffer = pool.borrowObject();
            try {
                return Request.touch(buffer);
            } finally {
                pool.returnObject(buffer);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }

        @Override
        long retainedBytes() {
            return (long) pool.getNumIdle() * capacity;
        }
    }

    /**
     * Kafka's producer {@code BufferPool}, heap only (it has no direct buffers): its buffers are of
     * one poolable size, the largest request, with room for 8 of them.
     */
    @State(Scope.Benchmark)
    public static class Kafka extends Subject {
        org.apache.kafka.clients.producer.internals.BufferPool pool;
        Metrics metrics;

        @Setup(Level.Trial)
        public void open(Request request) {
            if (request.direct) {
                throw new IllegalArgumentException("Kafka's BufferPool hands out heap buffers only: run it with kind=heap");
            }
            metrics = new Metrics();
            pool = new org.apache.kafka.clients.producer.internals.BufferPool(
                    8L * request.bytes, request.bytes, metrics, Time.SYSTEM, "bench");
        }

        byte use(int bytes) throws InterruptedException {
            ByteBuffer buffer = pool.allocate(bytes, 10_000);
            try {
                return Request.touch(buffer);
            } finally {
                pool.deallocate(buffer);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
            metrics.close();
        }

        @Override
        long retainedBytes() {
            return pool.availableMemory() - pool.unallocatedMemory();
        }
    }

    /** stormpot 3.2, a pool of 8 buffers of the largest request, claimed with a 10 s timeout. */
    @State(Scope.Benchmark)
    public static class Stormpot extends Subject {
        Pool<PooledBuffer> pool;
        final Timeout timeout = new Timeout(10, TimeUnit.SECONDS);
        private int capacity;

        @Setup(Level.Trial)
        public void open(Request request) {
            capacity = request.bytes;
            pool = Pool.from(new stormpot.Allocator<PooledBuffer>() {
                @Override
                public PooledBuffer allocate(Slot slot) {
                    return new PooledBuffer(slot, request.allocate(request.bytes));
                }

                @Override
                public void deallocate(PooledBuffer poolable) {
                    // the buffer is left to the collector
                }
            }).setSize(8).build();
        }

        PooledBuffer take() throws InterruptedException {
            PooledBuffer claimed = pool.claim(timeout);
            if (claimed == null) {
                throw new IllegalStateException("stormpot: no buffer within " + timeout.getTimeout() + " s");
            }
            return claimed;
        }

        byte use() throws InterruptedException {
            PooledBuffer claimed = take();
            try {
                return Request.touch(claimed.buffer);
            } finally {
                claimed.release();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            pool.shutdown().await(timeout);
        }

        @Override
        long retainedBytes() {
            return (long) pool.getTargetSize() * capacity;
        }
    }

    /** A stormpot poolable holding one buffer. */
    public static final class PooledBuffer extends BasePoolable {
        final Object buffer;

        PooledBuffer(Slot slot, Object buffer) {
            super(slot);
            this.buffer = buffer;
        }
    }
}
