package dev.bufpool.bench;

import dev.bufpool.Lease;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The network pattern: one thread acquires a buffer and writes it, another reads it and releases
 * it, through a {@link HandOff} ring. Each group's score is the time per buffer through the pair.
 * Run with {@code -p kind=heap -p bytes=65536 -p variant=plain}; the bytes each subject retains
 * after every iteration go to the file {@link Subject} names, to show whether they grow over a run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class CrossThreadBenchmark {

    /**
     * Our pool sized for the pipeline: a bounded pool holds the ring's buffers and one more at each
     * end, so the producer never waits on the pool for a buffer the consumer stopped releasing when
     * the iteration ended (it would wait out {@code maxWait} and fail the run). The other providers
     * do not bound their buffers.
     */
    @State(Scope.Benchmark)
    public static class PipelinePool extends OurPool {
        @Override
        int boundedBuffers() {
            return HandOff.CAPACITY + 2;
        }
    }

    @Benchmark
    @Group("ours")
    @GroupThreads(1)
    public void oursAcquire(PipelinePool pool, Request request, HandOff handOff, Control control) {
        Lease<?> lease = pool.pool.acquire(request.bytes);
        Request.touch(lease.buffer());
        if (!handOff.put(lease, control)) {
            lease.close();
        }
    }

    @Benchmark
    @Group("ours")
    @GroupThreads(1)
    public byte oursRelease(HandOff handOff, Control control) {
        Lease<?> lease = (Lease<?>) handOff.take(control);
        if (lease == null) {
            return 0;
        }
        byte read = Request.touch(lease.buffer());
        lease.close();
        return read;
    }

    @Benchmark
    @Group("nettyPooled")
    @GroupThreads(1)
    public void nettyPooledAcquire(Anchors.NettyPooled netty, Request request, HandOff handOff, Control control) {
        hand(netty.take(request.bytes), handOff, control);
    }

    @Benchmark
    @Group("nettyPooled")
    @GroupThreads(1)
    public byte nettyPooledRelease(HandOff handOff, Control control) {
        return useHandedNetty(handOff, control);
    }

    @Benchmark
    @Group("nettyAdaptive")
    @GroupThreads(1)
    public void nettyAdaptiveAcquire(Anchors.NettyAdaptive netty, Request request, HandOff handOff, Control control) {
        hand(netty.take(request.bytes), handOff, control);
    }

    @Benchmark
    @Group("nettyAdaptive")
    @GroupThreads(1)
    public byte nettyAdaptiveRelease(HandOff handOff, Control control) {
        return useHandedNetty(handOff, control);
    }

    private static void hand(ByteBuf buffer, HandOff handOff, Control control) {
        buffer.setByte(0, 1);
        if (!handOff.put(buffer, control)) {
            buffer.release();
        }
    }

    private static byte useHandedNetty(HandOff handOff, Control control) {
        ByteBuf buffer = (ByteBuf) handOff.take(control);
        return buffer == null ? 0 : Anchors.use(buffer);
    }

    @Benchmark
    @Group("jetty")
    @GroupThreads(1)
    public void jettyAcquire(Anchors.Jetty jetty, Request request, HandOff handOff, Control control) {
        RetainableByteBuffer buffer = jetty.take(request.bytes);
        buffer.getByteBuffer().limit(1).put(0, (byte) 1);
        if (!handOff.put(buffer, control)) {
            buffer.release();
        }
    }

    @Benchmark
    @Group("jetty")
    @GroupThreads(1)
    public byte jettyRelease(HandOff handOff, Control control) {
        RetainableByteBuffer buffer = (RetainableByteBuffer) handOff.take(control);
        return buffer == null ? 0 : Anchors.use(buffer);
    }

    @Benchmark
    @Group("noPool")
    @GroupThreads(1)
    public void noPoolAcquire(Request request, HandOff handOff, Control control) {
        Object buffer = request.allocate(request.bytes);
        Request.touch(buffer);
        handOff.put(buffer, control);
    }

    @Benchmark
    @Group("noPool")
    @GroupThreads(1)
    public byte noPoolRelease(Anchors.NoPool none, HandOff handOff, Control control) {
        Object buffer = handOff.take(control);
        return buffer == null ? 0 : Request.touch(buffer);
    }
}
