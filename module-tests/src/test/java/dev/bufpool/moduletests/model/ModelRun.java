package dev.bufpool.moduletests.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;
import dev.bufpool.spi.BufferPoolProvider;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One seeded run: makes the pool of the plan, runs its workers (start barrier, first half, the
 * midpoint check, second half, hand-back), checks the quiescent figures, takes every buffer of a
 * bounded pool to prove none was lost, closes the pool with some leases still out, closes those, and
 * checks the closed pool. Every failure carries the plan's seed.
 */
final class ModelRun {

    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(60);
    /** A run takes milliseconds; this bounds one that hangs in the pool. */
    private static final long RUN_MILLIS = TimeUnit.SECONDS.toMillis(120);

    final RunPlan plan;
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final BufferPool<byte[]> pool;
    final Model model;
    final BoundedAccess bounded;

    private ModelRun(RunPlan plan) {
        this.plan = plan;
        InstantSource source = () -> Instant.ofEpochMilli(clock.get());
        this.pool = BufferPools.create(plan.spec(source));
        this.model = new Model(plan.bounded ? plan.maxBuffers : Integer.MAX_VALUE);
        this.bounded = BoundedAccess.of(pool);
    }

    /**
     * Runs one seed on a thread of its own, bounded: a pool call that never returns (a livelock, a
     * lost wake-up) fails the run with its seed and where that thread is, instead of hanging the build.
     */
    static void run(BufferPoolProvider provider, boolean decorated, long seed) throws InterruptedException {
        RunPlan plan = new RunPlan(provider, decorated, seed);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                runHere(plan);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, plan.name);
        runner.setDaemon(true);
        runner.start();
        runner.join(RUN_MILLIS);
        if (runner.isAlive()) {
            String at = Arrays.stream(runner.getStackTrace()).limit(12).map(String::valueOf).collect(Collectors.joining("\n    < "));
            runner.interrupt();
            throw new AssertionError(plan.where() + "\n  the run did not end in " + RUN_MILLIS + " ms; it is at\n    " + at);
        }
        Throwable e = failure.get();
        if (e instanceof Error error) {
            throw error;
        } else if (e != null) {
            throw new AssertionError(plan.where() + ": " + describe(e), e);
        }
    }

    private static void runHere(RunPlan plan) {
        ModelRun run;
        try {
            run = new ModelRun(plan);
        } catch (RuntimeException e) {
            throw new AssertionError(plan.where() + ": the pool could not be made: " + describe(e), e);
        }
        try {
            run.go();
        } catch (RuntimeException | InterruptedException e) {
            run.model.fail("the run failed: " + describe(e));
        } finally {
            run.pool.close();
        }
        List<String> failures = run.model.failures();
        assertTrue(failures.isEmpty(), () -> plan.where() + "\n  " + String.join("\n  ", failures) + "\n  " + run.model);
    }

    private void go() throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(plan.threads);
        CyclicBarrier midpoint = new CyclicBarrier(plan.threads, () -> Figures.checkQuiescent(this, "the midpoint"));
        CyclicBarrier end = new CyclicBarrier(plan.threads);
        Worker[] workers = new Worker[plan.threads];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Worker(t, this, start, midpoint, end);
        }
        Thread[] threads = new Thread[workers.length];
        for (int t = 0; t < workers.length; t++) {
            workers[t].team(workers);
            threads[t] = new Thread(workers[t], plan.name + "-worker-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                model.fail(thread.getName() + " did not finish in " + JOIN_MILLIS + " ms: "
                        + Arrays.stream(thread.getStackTrace()).limit(12).map(String::valueOf).collect(Collectors.joining(" < ")));
                thread.interrupt();
            }
        }
        if (model.failed()) {
            return;
        }
        Figures.checkQuiescent(this, "the end");
        if (plan.bounded) {
            takeEveryBuffer();
        }
        pool.close();
        expectClosed("acquire", () -> pool.acquire(1));
        expectClosed("tryAcquire", () -> pool.tryAcquire(1));
        expectClosed("timed tryAcquire", () -> {
            try {
                pool.tryAcquire(1, 0, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        closeKeptOut();
        Figures.checkAfterClose(this);
        pool.close();
    }

    /** Nothing lost: every slot not out can be leased now, and then nothing more. */
    private void takeEveryBuffer() {
        List<Holding> taken = new ArrayList<>();
        int most = bounded.size(plan.maxBuffers) + 1;
        for (Lease<byte[]> lease = pool.tryAcquire(0); lease != null; lease = taken.size() < most ? pool.tryAcquire(0) : null) {
            Holding h = new Holding(lease, model.nextStamp());
            model.handedOut(h, false, "taking every buffer");
            taken.add(h);
        }
        int size = bounded.size(plan.maxBuffers);
        if (model.outNow() != size) {
            model.fail("a buffer was lost: with every buffer taken, " + model.outNow() + " are out ("
                    + taken.size() + " just taken) but the pool has " + size + " slots");
        }
        for (Holding h : taken) {
            model.givingBack(h);
            h.lease.close();
        }
    }

    /** The holdings the workers left out: closing them after the pool's close is harmless. */
    private void closeKeptOut() {
        for (Holding h = model.keptOut.poll(); h != null; h = model.keptOut.poll()) {
            String broken = h.checkStamp(h.shared() ? h.handles.get(0).buffer() : h.lease.buffer());
            if (broken != null) {
                model.fail("after the pool's close: " + broken);
            }
            model.givingBack(h);
            if (h.shared()) {
                for (SharedBuffer<byte[]> handle : h.handles) {
                    handle.close();
                    handle.close();
                }
            } else {
                h.lease.close();
                h.lease.close();
            }
        }
    }

    private void expectClosed(String call, Runnable attempt) {
        try {
            attempt.run();
            model.fail(call + " of a closed pool did not throw");
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains(plan.name)) {
                model.fail(call + " of a closed pool: the message does not name pool " + plan.name + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            model.fail(call + " of a closed pool threw " + describe(e) + " instead of IllegalStateException");
        }
    }

    /** An exception and where it came from, for a failure message. */
    static String describe(Throwable e) {
        return e + " at " + Arrays.stream(e.getStackTrace()).limit(6).map(String::valueOf).collect(Collectors.joining(" < "));
    }
}
