package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.Lease;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No buffer is ever held twice: two threads run a million acquire/close pairs in total, each holder
 * stamps its identity (thread tag and sequence number) into its buffer and checks the stamp is still
 * there just before it closes. Each thread keeps a few leases out at once, so holds overlap long
 * enough for a buffer handed out twice to be overwritten by its second holder.
 */
class StampedConcurrencyContractTest {

    static final int PAIRS = 1_000_000;
    private static final int THREADS = 2;
    private static final int HELD = 4;
    private static final int[] SIZES = {16, 100, 256};

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void twoThreadsRunAMillionStampedPairsAndNoBufferIsEverHeldTwice(BufferPoolProvider provider)
            throws InterruptedException {
        try (BufferPool<byte[]> pool = FittedSpec.open(provider, BufferTypes.BYTE_ARRAY, 256, THREADS * HELD)) {
            Outcome outcome = run(pool, PAIRS);
            assertNull(outcome.broken(), "a stamp was overwritten");
            assertEquals(PAIRS, outcome.pairs(), "pairs completed");
            PoolStats stats = pool.stats();
            if (stats.outstanding() != PoolStats.UNTRACKED) {
                assertEquals(0, stats.outstanding(), () -> "leases out after the run: " + stats);
            }
        }
    }

    /**
     * What a run found.
     *
     * @param broken {@code null} if every stamp held, else what the first broken one found
     * @param pairs the acquire/close pairs completed
     */
    record Outcome(String broken, long pairs) {
    }

    /** Runs {@code pairs} acquire/close pairs over two threads. */
    static Outcome run(BufferPool<byte[]> pool, int pairs) throws InterruptedException {
        AtomicReference<String> broken = new AtomicReference<>();
        LongAdder completed = new LongAdder();
        CyclicBarrier together = new CyclicBarrier(THREADS);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            byte tag = (byte) (t + 1);
            threads[t] = new Thread(() -> holder(pool, tag, pairs / THREADS, together, broken, completed), "stamper-" + tag);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                broken.compareAndSet(null, thread.getName() + " did not finish in 60 s");
                thread.interrupt();
            }
        }
        return new Outcome(broken.get(), completed.sum());
    }

    private static void holder(BufferPool<byte[]> pool, byte tag, int pairs, CyclicBarrier together,
            AtomicReference<String> broken, LongAdder completed) {
        List<Lease<byte[]>> held = new ArrayList<>(Collections.nCopies(HELD, null));
        long[] stamps = new long[HELD];
        try {
            together.await(30, TimeUnit.SECONDS);
            for (int seq = 0; seq < pairs + HELD && broken.get() == null; seq++) {
                int slot = seq % HELD;
                Lease<byte[]> done = held.set(slot, null);
                if (done != null) {
                    check(done.buffer(), tag, stamps[slot], broken);
                    done.close();
                    completed.increment();
                }
                if (seq < pairs) {
                    Lease<byte[]> lease = pool.acquire(SIZES[seq % SIZES.length]);
                    stamp(lease.buffer(), tag, seq);
                    stamps[slot] = seq;
                    held.set(slot, lease);
                }
            }
        } catch (Exception e) {
            broken.compareAndSet(null, "holder " + tag + " failed: " + e);
        }
    }

    /** Writes the tag into the first byte and the sequence number into the next eight. */
    private static void stamp(byte[] buffer, byte tag, long seq) {
        buffer[0] = tag;
        for (int i = 1; i <= Long.BYTES; i++) {
            buffer[i] = (byte) (seq >>> (8 * (i - 1)));
        }
    }

    private static void check(byte[] buffer, byte tag, long seq, AtomicReference<String> broken) {
        long found = 0;
        for (int i = Long.BYTES; i >= 1; i--) {
            found = (found << 8) | (buffer[i] & 0xFF);
        }
        if (buffer[0] != tag || found != seq) {
            broken.compareAndSet(null, "holder " + tag + " stamped #" + seq + ", found holder " + buffer[0]
                    + " #" + found);
        }
    }
}
