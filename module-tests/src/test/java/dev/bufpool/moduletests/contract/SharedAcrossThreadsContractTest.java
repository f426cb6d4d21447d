package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.SharedBuffer;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;

/** A shared buffer retained and closed from several threads at once returns exactly once. */
class SharedAcrossThreadsContractTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 50;
    private static final int RETAINS = 200;

    @ParameterizedTest(name = "{0}")
    @ApplicableProviders(offering = PoolFeature.SHARING)
    void aBufferSharedByManyThreadsReturnsOnlyAfterTheLastCloseAndOnlyOnce(BufferPoolProvider provider)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            for (int round = 0; round < ROUNDS; round++) {
                Lease<byte[]> lease = pool.acquire(64);
                byte[] buffer = lease.buffer();
                buffer[0] = (byte) round;
                SharedBuffer<byte[]> root = lease.share();
                SharedBuffer<byte[]> guard = root.retain();
                boolean guardLast = round % 2 == 0;
                List<Future<Void>> done = start(threads, root, (byte) round, guardLast ? null : guard);
                root.close();
                root.close();
                for (Future<Void> worker : done) {
                    worker.get(30, TimeUnit.SECONDS);
                }
                if (guardLast) {
                    SharingChecks.assertNotHandedOut(pool, buffer);
                    guard.close();
                }
                SharingChecks.assertNoBufferHeldTwice(pool);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Starts the workers, each with a handle of its own, together. When {@code alsoClose} is given,
     * one worker closes it too, so the last close may fall on any thread.
     */
    private static List<Future<Void>> start(ExecutorService threads, SharedBuffer<byte[]> root, byte mark,
            SharedBuffer<byte[]> alsoClose) {
        CyclicBarrier together = new CyclicBarrier(THREADS);
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            SharedBuffer<byte[]> mine = root.retain();
            SharedBuffer<byte[]> extra = t == 0 ? alsoClose : null;
            Callable<Void> worker = () -> {
                together.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < RETAINS; i++) {
                    SharedBuffer<byte[]> more = mine.retain();
                    assertEquals(mark, more.buffer()[0], "the shared contents");
                    more.close();
                    more.close();
                }
                mine.close();
                mine.close();
                if (extra != null) {
                    extra.close();
                }
                return null;
            };
            done.add(threads.submit(worker));
        }
        return done;
    }
}
