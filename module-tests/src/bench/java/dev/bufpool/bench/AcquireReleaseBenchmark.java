package dev.bufpool.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acquire, write one byte, read it, release: this project's pools (plain, decorated with
 * {@code stats}, with idle trimming) side by side with the floor, no pool, and the pools Java teams
 * use today, for every {@link Request} kind and size. Run with {@code -t 1} and {@code -t 2}; every
 * pool is shared by the benchmark's threads. Kafka's pool has heap buffers only: run it with
 * {@code -p kind=heap}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class AcquireReleaseBenchmark {

    @Benchmark
    public byte ours(OurPool pool, Request request) {
        return OurPool.use(pool.pool, request.bytes);
    }

    /** The floor: a ThreadLocal holding one buffer, used as a pool of one (taken, given back). */
    @Benchmark
    public byte floor(Anchors.Floor floor) {
        return floor.use();
    }

    /**
     * The floor with the two CASes of a pool whose idle buffers every thread can take (one to take,
     * one to give back), on a word only the calling thread writes: the bounded pool's yardstick.
     */
    @Benchmark
    public byte floorClaimed(Anchors.Floor floor) {
        return floor.useClaimed();
    }

    /** No pool: a new buffer for every request, left to the collector. */
    @Benchmark
    public byte noPool(Anchors.NoPool none, Request request) {
        return none.use(request.bytes);
    }

    @Benchmark
    public byte nettyPooled(Anchors.NettyPooled netty, Request request) {
        return Anchors.use(netty.take(request.bytes));
    }

    @Benchmark
    public byte nettyAdaptive(Anchors.NettyAdaptive netty, Request request) {
        return Anchors.use(netty.take(request.bytes));
    }

    @Benchmark
    public byte jetty(Anchors.Jetty jetty, Request request) {
        return Anchors.use(jetty.take(request.bytes));
    }

    @Benchmark
    public byte commonsPool2(Anchors.CommonsPool commons) throws Exception {
        return commons.use();
    }

    @Benchmark
    public byte kafka(Anchors.Kafka kafka, Request request) throws InterruptedException {
        return kafka.use(request.bytes);
    }

    @Benchmark
    public byte stormpot(Anchors.Stormpot stormpot) throws InterruptedException {
        return stormpot.use();
    }
}
