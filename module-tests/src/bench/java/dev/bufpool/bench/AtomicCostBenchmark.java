package dev.bufpool.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * What one uncontended atomic costs on the machine at hand, beside the {@code ThreadLocal}
 * one-buffer floor of {@link AcquireReleaseBenchmark}: the yardstick for any pool whose fast path
 * must take a buffer from memory other threads share (the bounded pool's, whose waiters must be
 * able to get every idle buffer). Run with {@code -t 1}; {@code compareAndSet} with {@code -t 2} gives
 * what a CAS costs when the other thread wrote the word last (every thread shares the one word).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@State(Scope.Benchmark)
public class AtomicCostBenchmark {

    private static final VarHandle WORD = findWord();

    private static VarHandle findWord() {
        try {
            return MethodHandles.lookup().findVarHandle(AtomicCostBenchmark.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    volatile long word;
    long plain;
    final ThreadLocal<long[]> local = ThreadLocal.withInitial(() -> new long[1]);

    /** A plain increment: the loop's own cost. */
    @Benchmark
    public long plainIncrement() {
        return plain++;
    }

    /** One compare-and-set of a word no other thread touches. */
    @Benchmark
    public boolean compareAndSet() {
        long w = word;
        return WORD.compareAndSet(this, w, w + 1);
    }

    /** One get-and-add (x86: {@code lock xadd}). */
    @Benchmark
    public long getAndAdd() {
        return (long) WORD.getAndAdd(this, 1L);
    }

    /** One full fence, what a volatile store costs on x86. */
    @Benchmark
    public long fullFence() {
        plain++;
        VarHandle.fullFence();
        return plain;
    }

    /** A {@code ThreadLocal} lookup and a plain update of what it holds. */
    @Benchmark
    public long threadLocalUpdate() {
        return local.get()[0]++;
    }
}
