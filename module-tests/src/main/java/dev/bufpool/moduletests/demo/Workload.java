package dev.bufpool.moduletests.demo;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolStats;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A short mixed workload on one pool: a few threads acquire buffers of mixed sizes, write to them
 * and close them; one lease in {@value #HAND_OFF_EVERY} is handed to the next thread, which closes
 * it, as the next stage of a pipeline would.
 */
final class Workload {

    /** The sizes requested, in bytes, picked at random. */
    static final int[] SIZES = {256, 1024, 4096, 16_384, 65_536};
    static final int LARGEST = 65_536;
    static final int HAND_OFF_EVERY = 8;
    /** The most leases waiting in a thread's inbox; when it is full the sender closes its lease itself. */
    private static final int INBOX = 32;
    /** Acquisitions between two looks at the clock. */
    private static final int BATCH = 256;
    private static final long BARRIER_SECONDS = 10;
    /** How long a hand-off waits for room in the next inbox before it looks at its own again. */
    private static final long HAND_OFF_WAIT_MICROS = 50;

    /**
     * What a run did and what the pool said at its end.
     *
     * @param threads the threads that ran
     * @param elapsed how long they ran
     * @param acquisitions the acquire/close pairs made
     * @param handedOff the leases closed by another thread than the one that acquired them
     * @param idleAtStart the buffers the pool held before the run: those it preallocated
     * @param stats the pool's figures at the end, every lease closed
     */
    record Result(int threads, Duration elapsed, long acquisitions, long handedOff, long idleAtStart,
            PoolStats stats) {
    }

    private Workload() {
    }

    static Result run(BufferPoolProvider provider, int threads, Duration duration) throws InterruptedException {
        try (BufferPool<byte[]> pool = FittedSpec.open(provider, BufferTypes.BYTE_ARRAY, LARGEST, mostOut(threads))) {
            return run(pool, provider.name(), threads, duration);
        }
    }

    /**
     * @param threads the threads the workload runs
     * @return the most leases it holds at once
     */
    static int mostOut(int threads) {
        return threads * (INBOX + 2);
    }

    /**
     * Runs the workload on a pool the caller owns and keeps open.
     *
     * @param pool the pool
     * @param name a name for the worker threads and messages
     * @param threads how many threads
     * @param duration how long they run
     * @return what the run did, with the pool's figures once every lease is closed
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    static Result run(BufferPool<byte[]> pool, String name, int threads, Duration duration)
            throws InterruptedException {
        long idleAtStart = pool.stats().idleBuffers();
        Run run = run(Buffers.from(pool), name, threads, duration);
        return new Result(threads, run.elapsed(), run.acquisitions(), run.handedOff(), idleAtStart, pool.stats());
    }

    /**
     * The same workload with {@code new byte[]} for every acquisition: what a pool saves. Its
     * figures are what plain allocation does: every acquisition allocates, nothing is kept.
     */
    static Result runAllocating(int threads, Duration duration) throws InterruptedException {
        Run run = run(Buffers.allocating(), "new-byte-array", threads, duration);
        long pairs = run.acquisitions();
        PoolStats figures = PoolStats.builder().acquisitions(pairs).releases(pairs).allocations(pairs).reuses(0)
                .drops(pairs).idleBuffers(0).idleBytes(0).build();
        return new Result(threads, run.elapsed(), pairs, run.handedOff(), 0, figures);
    }

    /** What the threads did. */
    private record Run(Duration elapsed, long acquisitions, long handedOff) {
    }

    private static <H> Run run(Buffers<H> buffers, String name, int threads, Duration duration)
            throws InterruptedException {
        List<BlockingQueue<H>> inboxes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            inboxes.add(new ArrayBlockingQueue<>(INBOX));
        }
        LongAdder acquisitions = new LongAdder();
        LongAdder handedOff = new LongAdder();
        AtomicReference<Exception> failed = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier stopped = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            BlockingQueue<H> inbox = inboxes.get(t);
            BlockingQueue<H> next = inboxes.get((t + 1) % threads);
            SplittableRandom random = new SplittableRandom(t);
            Thread worker = new Thread(() -> {
                try {
                    start.await(BARRIER_SECONDS, TimeUnit.SECONDS);
                    long deadline = System.nanoTime() + duration.toNanos();
                    work(buffers, inbox, next, random, deadline, acquisitions, handedOff);
                    stopped.await(BARRIER_SECONDS, TimeUnit.SECONDS);
                    closeAll(buffers, inbox);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException | RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, name + "-worker-" + t);
            workers.add(worker);
            worker.start();
        }
        try {
            start.await(BARRIER_SECONDS, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            failed.compareAndSet(null, e);
        }
        long began = System.nanoTime();
        for (Thread worker : workers) {
            worker.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(2 * BARRIER_SECONDS));
        }
        long elapsed = System.nanoTime() - began;
        if (failed.get() != null) {
            throw new IllegalStateException("the workload on " + name + " failed", failed.get());
        }
        return new Run(Duration.ofNanos(elapsed), acquisitions.sum(), handedOff.sum());
    }

    private static <H> void work(Buffers<H> buffers, BlockingQueue<H> inbox, BlockingQueue<H> next,
            SplittableRandom random, long deadline, LongAdder acquisitions, LongAdder handedOff)
            throws InterruptedException {
        long count = 0;
        long handed = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < BATCH; i++) {
                int size = SIZES[random.nextInt(SIZES.length)];
                H held = buffers.acquire(size);
                byte[] buffer = buffers.buffer(held);
                buffer[0] = (byte) i;
                buffer[size - 1] = (byte) i;
                count++;
                if (count % HAND_OFF_EVERY == 0 && handOff(buffers, held, inbox, next, deadline)) {
                    handed++;
                } else {
                    buffers.release(held);
                }
            }
        }
        acquisitions.add(count);
        handedOff.add(handed);
    }

    /**
     * Puts {@code held} in the next thread's inbox, releasing what waits in this thread's own inbox
     * while the next one is full (so threads waiting on each other in a ring still progress); gives
     * up once the run is over.
     *
     * @return whether it was handed off; if not, the caller still holds it
     */
    private static <H> boolean handOff(Buffers<H> buffers, H held, BlockingQueue<H> inbox, BlockingQueue<H> next,
            long deadline) throws InterruptedException {
        closeAll(buffers, inbox);
        while (!next.offer(held, HAND_OFF_WAIT_MICROS, TimeUnit.MICROSECONDS)) {
            closeAll(buffers, inbox);
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        return true;
    }

    private static <H> void closeAll(Buffers<H> buffers, BlockingQueue<H> inbox) {
        for (H held = inbox.poll(); held != null; held = inbox.poll()) {
            buffers.release(held);
        }
    }
}
