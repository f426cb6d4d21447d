package dev.bufpool.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acquire, touch, release, each op asking for a size drawn from a fixed-seed distribution: the
 * demo's sizes carried up to 1 MiB ({@link #SIZES}, equally likely), so a pool that shines on one
 * size only shows it. Run with {@code -p kind=heap -p bytes=1048576} (the largest request: object
 * pools hold buffers of that size) and {@code -p variant=plain}; retained bytes after each
 * iteration go to the file {@link Subject} names.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class MixedSizeBenchmark {

    /** The sizes drawn, in bytes. */
    static final int[] SIZES = {256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576};
    private static final int DRAWS = 1 << 12;
    private static final long SEED = 42;
    /** The draws, the same in every run and every thread: {@value #DRAWS} of them, cycled. */
    private static final int[] DRAWN = draw();

    private static int[] draw() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] drawn = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            drawn[i] = SIZES[random.nextInt(SIZES.length)];
        }
        return drawn;
    }

    /** A thread's place in the draws; threads start at different places. */
    @State(Scope.Thread)
    public static class Draws {
        private static int nextStart;
        private int at;

        public Draws() {
            synchronized (Draws.class) {
                at = nextStart & (DRAWS - 1);
                nextStart += DRAWS / 2;
            }
        }

        int next() {
            int size = DRAWN[at];
            at = (at + 1) & (DRAWS - 1);
            return size;
        }
    }

    @Benchmark
    public byte ours(OurPool pool, Draws draws) {
        return OurPool.use(pool.pool, draws.next());
    }

    /** The floor: one buffer of the largest size per thread serves every request. */
    @Benchmark
    public byte floor(Anchors.Floor floor, Draws draws) {
        draws.next();
        return floor.use();
    }

    @Benchmark
    public byte noPool(Anchors.NoPool none, Draws draws) {
        return none.use(draws.next());
    }

    @Benchmark
    public byte nettyPooled(Anchors.NettyPooled netty, Draws draws) {
        return Anchors.use(netty.take(draws.next()));
    }

    @Benchmark
    public byte nettyAdaptive(Anchors.NettyAdaptive netty, Draws draws) {
        return Anchors.use(netty.take(draws.next()));
    }

    @Benchmark
    public byte jetty(Anchors.Jetty jetty, Draws draws) {
        return Anchors.use(jetty.take(draws.next()));
    }

    /** Commons Pool 2 holds buffers of the largest size; every request gets one. */
    @Benchmark
    public byte commonsPool2(Anchors.CommonsPool commons, Draws draws) throws Exception {
        draws.next();
        return commons.use();
    }

    /** Kafka pools buffers of its one poolable size (the largest) and allocates the others. */
    @Benchmark
    public byte kafka(Anchors.Kafka kafka, Draws draws) throws InterruptedException {
        return kafka.use(draws.next());
    }

    /** stormpot holds buffers of the largest size; every request gets one. */
    @Benchmark
    public byte stormpot(Anchors.Stormpot stormpot, Draws draws) throws InterruptedException {
        draws.next();
        return stormpot.use();
    }
}
