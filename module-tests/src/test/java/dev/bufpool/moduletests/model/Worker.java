package dev.bufpool.moduletests.model;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.SharedBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread of a seeded run: a random sequence of pool operations drawn from its own random
 * source, in two halves around the run's midpoint, then the hand-back: it closes what it holds but
 * for a few holdings it leaves out for after the pool's close. Every operation checks the contract
 * it touches and reports a breach to the {@link Model}; it never throws.
 */
final class Worker implements Runnable {

    /** The most handles a shared buffer gets, the most stale leases kept for a late second close. */
    private static final int MOST_HANDLES = 4;
    private static final int MOST_STALE = 8;
    private static final int MOST_HELD = 8;
    private static final long BARRIER_SECONDS = 30;

    private final int index;
    private final RunPlan plan;
    private final BufferPool<byte[]> pool;
    private final Model model;
    private final SplittableRandom r;
    private final AtomicLong clock;
    private final BoundedAccess bounded;
    private final CyclicBarrier[] barriers;
    private Worker[] all;
    private final Queue<Holding> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean accepting = true;
    private final List<Holding> held = new ArrayList<>();
    private final List<Lease<byte[]>> staleLeases = new ArrayList<>();
    private final List<SharedBuffer<byte[]>> staleHandles = new ArrayList<>();

    /** @param barriers start, midpoint and end: every worker passes each */
    Worker(int index, ModelRun run, CyclicBarrier... barriers) {
        this.index = index;
        this.plan = run.plan;
        this.pool = run.pool;
        this.model = run.model;
        this.clock = run.clock;
        this.bounded = run.bounded;
        this.r = plan.random(index);
        this.barriers = barriers;
    }

    void team(Worker[] workers) {
        this.all = workers;
    }

    @Override
    public void run() {
        try {
            await(barriers[0]);
            steps(plan.opsPerThread / 2);
            await(barriers[1]);
            steps(plan.opsPerThread - plan.opsPerThread / 2);
            accepting = false;
            receive();
            while (!held.isEmpty()) {
                release(held.get(held.size() - 1));
            }
            await(barriers[2]);
            receive(); // what others handed over before they saw accepting=false
            for (int keep = r.nextInt(3); keep > 0 && !held.isEmpty(); keep--) {
                model.keptOut.add(held.remove(r.nextInt(held.size())));
            }
            while (!held.isEmpty()) {
                release(held.get(held.size() - 1));
            }
        } catch (BrokenBarrierException | TimeoutException | InterruptedException e) {
            model.fail("worker " + index + " gave up waiting for the others at a barrier: " + e);
        } catch (RuntimeException | Error e) {
            model.fail("worker " + index + " failed: " + ModelRun.describe(e));
        }
    }

    private static void await(CyclicBarrier barrier) throws BrokenBarrierException, TimeoutException, InterruptedException {
        barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
    }

    private void steps(int count) {
        for (int i = 0; i < count && !model.failed(); i++) {
            receive();
            step();
        }
    }

    private void receive() {
        for (Holding h = inbox.poll(); h != null; h = inbox.poll()) {
            held.add(h);
        }
    }

    private void step() {
        int dice = r.nextInt(100);
        if (held.size() >= MOST_HELD && dice < 40) {
            dice = 40 + r.nextInt(18); // holding plenty: give some back
        }
        if (dice < 18) {
            acquire(Acquisition.BLOCKING);
        } else if (dice < 28) {
            acquire(Acquisition.TRY);
        } else if (dice < 34) {
            acquire(Acquisition.TRY_NOW);
        } else if (dice < 40) {
            acquire(Acquisition.TRY_SHORTLY);
        } else if (dice < 58) {
            closeOne();
        } else if (dice < 64) {
            share();
        } else if (dice < 70) {
            retain();
        } else if (dice < 78) {
            handOver();
        } else if (dice < 82) {
            staleClose();
        } else if (dice < 86) {
            pool.trim();
        } else if (dice < 92) {
            passTime();
        } else if (dice < 95) {
            grow();
        } else {
            while (!held.isEmpty()) {
                release(held.get(r.nextInt(held.size())));
            }
        }
    }

    enum Acquisition { BLOCKING, TRY, TRY_NOW, TRY_SHORTLY }

    private void acquire(Acquisition kind) {
        int size = plan.sizes[r.nextInt(plan.sizes.length)];
        if (kind == Acquisition.BLOCKING && !model.claim()) {
            kind = Acquisition.TRY; // the pool may have nothing: do not wait for it
        }
        boolean claimed = kind == Acquisition.BLOCKING;
        String how = kind + "(" + size + ")";
        Lease<byte[]> lease;
        try {
            lease = switch (kind) {
                case BLOCKING -> pool.acquire(size);
                case TRY -> pool.tryAcquire(size);
                case TRY_NOW -> pool.tryAcquire(size, r.nextBoolean() ? 0 : -1, TimeUnit.MILLISECONDS);
                case TRY_SHORTLY -> r.nextBoolean() ? pool.tryAcquire(size, 1 + r.nextInt(2), TimeUnit.MILLISECONDS)
                        : pool.tryAcquire(size, 500, TimeUnit.MICROSECONDS);
            };
        } catch (PoolExhaustedException e) {
            lease = null;
            if (!plan.bounded) {
                model.fail(how + " of an unbounded pool threw " + e);
            }
        } catch (InterruptedException | RuntimeException e) {
            lease = null;
            model.fail(how + " threw " + ModelRun.describe(e));
        }
        if (lease == null) {
            if (claimed) {
                model.unclaim();
            }
            if (plan.bounded) {
                model.exhausted.increment();
            } else if (!model.failed()) {
                model.fail(how + " of an unbounded pool returned null");
            }
            return;
        }
        Holding h = new Holding(lease, model.nextStamp());
        model.handedOut(h, claimed, how);
        if (lease.capacity() < size || h.buffer.length < size) {
            model.fail(how + " leased a buffer of capacity " + lease.capacity() + ", length " + h.buffer.length);
        }
        held.add(h);
    }

    private void closeOne() {
        if (held.isEmpty()) {
            acquire(Acquisition.TRY);
            return;
        }
        Holding h = held.get(r.nextInt(held.size()));
        if (!h.shared()) {
            release(h);
            return;
        }
        SharedBuffer<byte[]> handle = h.handles.get(r.nextInt(h.handles.size()));
        closeHandle(h, handle);
    }

    /** Gives a holding back whole: its lease, or every handle in a random order. */
    private void release(Holding h) {
        if (!h.shared()) {
            check(h, h.lease.buffer(), "close");
            held.remove(h);
            model.givingBack(h);
            if (h.acquirer != Thread.currentThread()) {
                model.crossThreadCloses.increment();
            }
            Lease<byte[]> lease = h.lease;
            lease.close();
            afterClose(lease);
            return;
        }
        while (!h.handles.isEmpty()) {
            closeHandle(h, h.handles.get(r.nextInt(h.handles.size())));
        }
    }

    private void afterClose(Lease<byte[]> lease) {
        if (r.nextInt(3) == 0) {
            lease.close(); // a second close at once: nothing happens
        } else if (staleLeases.size() < MOST_STALE) {
            staleLeases.add(lease); // a second close later, once its buffer has likely moved on
        }
    }

    private void closeHandle(Holding h, SharedBuffer<byte[]> handle) {
        check(h, handle.buffer(), "shared close");
        h.handles.remove(handle);
        if (h.handles.isEmpty()) {
            held.remove(h);
            model.givingBack(h); // the last handle: the buffer goes back with this close
            if (h.acquirer != Thread.currentThread()) {
                model.crossThreadCloses.increment();
            }
        }
        handle.close();
        if (r.nextInt(3) == 0) {
            handle.close();
        } else if (staleHandles.size() < MOST_STALE) {
            staleHandles.add(handle);
        }
    }

    private void share() {
        Holding h = pick(false);
        if (h == null || !plan.sharing) {
            acquire(Acquisition.TRY);
            return;
        }
        check(h, h.lease.buffer(), "share");
        Lease<byte[]> used = h.lease;
        SharedBuffer<byte[]> first;
        try {
            first = used.share();
        } catch (RuntimeException e) {
            model.fail("share() of an open lease threw " + ModelRun.describe(e));
            return;
        }
        h.lease = null;
        h.handles.add(first);
        if (r.nextBoolean()) {
            used.close(); // a shared lease is used up: its close does nothing
        }
        expectIllegalState(used::buffer, "buffer() of a shared lease");
    }

    private void retain() {
        Holding h = pick(true);
        if (h == null || h.handles.size() >= MOST_HANDLES) {
            share();
            return;
        }
        SharedBuffer<byte[]> more = h.handles.get(r.nextInt(h.handles.size())).retain();
        check(h, more.buffer(), "retain");
        h.handles.add(more);
    }

    private void handOver() {
        Worker to = all[(index + 1 + r.nextInt(all.length - 1)) % all.length];
        Holding h = held.isEmpty() ? null : held.get(r.nextInt(held.size()));
        if (h == null || !to.accepting) {
            acquire(Acquisition.TRY);
            return;
        }
        held.remove(h);
        to.inbox.add(h); // the queue is the hand-off's happens-before edge
    }

    /** Closes a lease or handle closed before once more: it must do nothing, whoever holds its buffer now. */
    private void staleClose() {
        if (!staleLeases.isEmpty() && (staleHandles.isEmpty() || r.nextBoolean())) {
            Lease<byte[]> stale = staleLeases.remove(r.nextInt(staleLeases.size()));
            stale.close();
            expectIllegalState(stale::buffer, "buffer() of a closed lease");
            expectIllegalState(stale::share, "share() of a closed lease");
        } else if (!staleHandles.isEmpty()) {
            SharedBuffer<byte[]> stale = staleHandles.remove(r.nextInt(staleHandles.size()));
            stale.close();
            expectIllegalState(stale::buffer, "buffer() of a closed shared buffer");
            expectIllegalState(stale::retain, "retain() of a closed shared buffer");
        } else {
            acquire(Acquisition.TRY_NOW);
        }
    }

    private void passTime() {
        if (plan.idleTrim) {
            clock.addAndGet(r.nextLong(2 * plan.idleTimeout.toMillis() + 1));
        }
        pool.stats(); // with a clock, runs the trimming due by it
    }

    private void grow() {
        if (bounded.canGrow() && model.grown.sum() < 4) {
            int more = 1 + r.nextInt(2);
            bounded.grow(more);
            model.grown.add(more);
        } else {
            acquire(Acquisition.BLOCKING);
        }
    }

    /** A random holding that is shared, or not; {@code null} if there is none. */
    private Holding pick(boolean shared) {
        List<Holding> some = held.stream().filter(h -> h.shared() == shared).toList();
        return some.isEmpty() ? null : some.get(r.nextInt(some.size()));
    }

    private void check(Holding h, byte[] seen, String before) {
        String broken = h.checkStamp(seen);
        if (broken != null) {
            model.fail("before " + before + ": " + broken);
        }
    }

    private void expectIllegalState(Runnable call, String what) {
        try {
            call.run();
            model.fail(what + " did not throw IllegalStateException");
        } catch (IllegalStateException expected) {
            // as the contract says
        } catch (RuntimeException e) {
            model.fail(what + " threw " + ModelRun.describe(e) + " instead of IllegalStateException");
        }
    }
}
