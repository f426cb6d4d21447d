package dev.bufpool.bench;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
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
 * What handing out a {@code ByteBuffer} costs beyond handing out an array, measured on the floor of
 * {@link AcquireReleaseBenchmark}: the floor as it is (the buffer handed out with whatever position
 * and limit its last holder left), and the floor keeping this project's buffer contract (position
 * 0 and the limit at the request when handed out, position, limit and byte order reset when given
 * back, through {@link BufferType#prepare} and {@link BufferType#reset}). The difference is a cost
 * every pool of byte buffers that keeps that contract pays, whatever its structure. Beside them,
 * the sharded pool handing out the same kind of buffer. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class BufferContractBenchmark {

    /** A thread's one direct or heap byte buffer, the floor's holder. */
    @State(Scope.Thread)
    public static class OneBuffer {
        /** {@code direct} or {@code heap}: the kind of {@code ByteBuffer}. */
        @Param({"direct", "heap"})
        public String kind;

        @Param({"65536"})
        public int bytes;

        BufferType<ByteBuffer> type;
        final Anchors.Holder holder = new Anchors.Holder(null);

        @Setup(Level.Trial)
        public void open() {
            if (!kind.equals("heap") && !kind.equals("direct")) {
                throw new IllegalArgumentException("kind must be heap or direct, not " + kind);
            }
            type = kind.equals("direct") ? BufferTypes.DIRECT_BYTE_BUFFER : BufferTypes.HEAP_BYTE_BUFFER;
            holder.buffer = type.allocate(bytes);
        }
    }

    /** The sharded pool of the same kind of byte buffer. */
    @State(Scope.Benchmark)
    public static class Pooled {
        BufferPool<ByteBuffer> pool;

        @Setup(Level.Trial)
        public void open(OneBuffer one) {
            pool = BufferPools.create(OurPool.spec(one.type, "sharded", "plain", one.bytes).build());
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** The floor's work on a byte buffer: take it from its holder, touch it, put it back. */
    @Benchmark
    public byte asIs(OneBuffer one) {
        return one.holder.use();
    }

    /** The same, keeping the contract: prepared for the request when taken, reset when given back. */
    @Benchmark
    public byte withContract(OneBuffer one) {
        Anchors.Holder h = one.holder;
        ByteBuffer buffer = (ByteBuffer) h.buffer;
        h.buffer = null;
        byte read = Request.touch(one.type.prepare(buffer, one.bytes));
        one.type.reset(buffer);
        h.buffer = buffer;
        return read;
    }

    /** The sharded pool handing out the same kind of buffer: acquire, touch, release. */
    @Benchmark
    public byte sharded(Pooled pooled, OneBuffer one) {
        return OurPool.use(pooled.pool, one.bytes);
    }
}
