package dev.bufpool.moduletests.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the pool should look like, kept by the workers of one run: the buffers out now (an identity
 * set: no buffer object may be in it twice), the acquisitions and releasing closes so far, and the
 * failures found. Thread-safe.
 *
 * <p><b>The claim gate</b> (bounded pools). {@code claimed} counts the buffers the workers hold plus
 * the blocking acquisitions under way. A worker makes a blocking {@code acquire} only after raising
 * it while it is below {@code maxBuffers}, so that a healthy pool always has a buffer for it (or
 * will, as soon as a close in flight ends) and no worker waits on buffers held by a worker parked at
 * a barrier. The non-blocking and timed acquisitions take no claim: they are the ones that find the
 * pool exhausted.
 */
final class Model {

    private final Set<byte[]> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicLong stamps = new AtomicLong();
    private final AtomicInteger claimed = new AtomicInteger();
    private final int claimLimit;
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final LongAdder acquisitions = new LongAdder();
    final LongAdder releases = new LongAdder();
    /** Acquisitions a bounded pool refused or timed out (null, or PoolExhaustedException). */
    final LongAdder exhausted = new LongAdder();
    final LongAdder crossThreadCloses = new LongAdder();
    final LongAdder grown = new LongAdder();
    /** Holdings the workers left out for after the pool's close. */
    final Queue<Holding> keptOut = new ConcurrentLinkedQueue<>();

    /** @param claimLimit the most buffers a blocking acquisition may count on: maxBuffers, or no limit */
    Model(int claimLimit) {
        this.claimLimit = claimLimit;
    }

    long nextStamp() {
        return stamps.incrementAndGet();
    }

    /** Takes a claim for a blocking acquisition; {@code false} if the pool may have nothing for it. */
    boolean claim() {
        for (int c = claimed.get(); c < claimLimit; c = claimed.get()) {
            if (claimed.compareAndSet(c, c + 1)) {
                return true;
            }
        }
        return false;
    }

    void unclaim() {
        claimed.decrementAndGet();
    }

    /** Records a buffer handed out; {@code claimedAlready} if a claim was taken for it. */
    void handedOut(Holding holding, boolean claimedAlready, String how) {
        if (!claimedAlready) {
            claimed.incrementAndGet();
        }
        acquisitions.increment();
        if (!out.add(holding.buffer)) {
            fail(how + " handed out a buffer another open lease holds (" + holding + ")");
        }
    }

    /** Records, before the close that gives it back, that the buffer of {@code holding} goes back. */
    void givingBack(Holding holding) {
        releases.increment();
        claimed.decrementAndGet();
        if (!out.remove(holding.buffer)) {
            fail("model error: a buffer given back was not out: " + holding);
        }
    }

    int outNow() {
        return out.size();
    }

    boolean isOut(byte[] buffer) {
        return out.contains(buffer);
    }

    void fail(String failure) {
        failures.add(failure);
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    @Override
    public String toString() {
        return "model: acquisitions=" + acquisitions + ", releases=" + releases + ", out=" + outNow()
                + ", exhausted=" + exhausted + ", crossThreadCloses=" + crossThreadCloses + ", grown=" + grown;
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }
}
