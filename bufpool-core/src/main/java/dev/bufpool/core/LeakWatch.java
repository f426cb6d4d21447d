package dev.bufpool.core;

import dev.bufpool.LeakDetection;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's leak detection: reports leases that become unreachable without being closed, and, at
 * {@link LeakDetection#PARANOID}, every use of a lease after its close and every second close.
 *
 * <p><b>How it works.</b> A watched lease gets a {@link Track}: a phantom reference to the lease's
 * witness (an object only the lease refers to, so unreachable exactly when the lease is), kept
 * reachable in {@link #tracks} until the lease is closed or shared, which clears it. A track
 * holds the pool's payload for the leased buffer (the bounded pool's slot), the capacity, the
 * acquiring thread's name and, at {@code PARANOID}, the stack of the acquisition; never the lease,
 * which must stay collectable. When the collector finds a watched lease unreachable it enqueues the
 * track; {@link #drain()} takes it from the queue and, if it is still in {@link #tracks} (the
 * removal decides, once), counts the leak, logs it at WARN and hands the payload to the pool's
 * {@link Sink}, so a bounded pool gets its slot and budget back (with a new buffer: the leaked one
 * may still be in its holder's hands and is never handed out again).
 *
 * <p><b>No thread, no finalizer.</b> The queue is drained on every watched acquisition and on every
 * {@code stats()} call, so a leak is reported at the first such call after the collection that
 * found it. {@link #close()} forgets every track, so nothing of a closed pool stays reachable.
 *
 * <p><b>Cost.</b> At {@code OFF} a pool has no watch and its hot path one null test, which the JIT
 * folds; at {@code SAMPLE} one acquisition in {@value #SAMPLE_INTERVAL} is watched (a random draw
 * per acquisition; a watched one allocates a witness and a track, while the lease itself, which the
 * watch never refers to, is still removed by escape analysis); at {@code PARANOID} every lease is
 * watched, with its stack.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class LeakWatch {

    /** At {@link LeakDetection#SAMPLE}, one lease in this many is watched. */
    public static final int SAMPLE_INTERVAL = 128;

    private static final Logger LOG = LoggerFactory.getLogger(LeakWatch.class);

    /** What a pool does with the payload of a leaked lease. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes back what the leaked lease held: called once per leak, on the thread that drains.
         *
         * @param payload the payload given to {@link #watch}, or {@code null}
         */
        void leaked(Object payload);
    }

    private final String poolName;
    private final LeakDetection level;
    private final Sink sink;
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Set<Track> tracks = ConcurrentHashMap.newKeySet();
    private final LongAdder leaks = new LongAdder();

    private LeakWatch(String poolName, LeakDetection level, Sink sink) {
        this.poolName = poolName;
        this.level = level;
        this.sink = sink;
    }

    /**
     * Makes the leak watch of a pool.
     *
     * @param poolName the pool's name, for the reports
     * @param level how closely to watch
     * @param sink what the pool does with a leaked lease's payload
     * @return the watch, or {@code null} for {@link LeakDetection#OFF}
     */
    public static LeakWatch of(String poolName, LeakDetection level, Sink sink) {
        Objects.requireNonNull(level, "level");
        return level == LeakDetection.OFF ? null
                : new LeakWatch(Objects.requireNonNull(poolName, "poolName"), level, Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Reports the leaks found since the last call, then draws whether the lease about to be made is
     * watched: every one at {@link LeakDetection#PARANOID}, one in {@value #SAMPLE_INTERVAL} at
     * {@link LeakDetection#SAMPLE}.
     *
     * @return whether to {@link #watch} the next lease
     */
    public boolean sample() {
        drain();
        return level != LeakDetection.SAMPLE || ThreadLocalRandom.current().nextInt(SAMPLE_INTERVAL) == 0;
    }

    /**
     * Watches a lease through its witness: an object the lease alone refers to, so that it becomes
     * unreachable when the lease does. The lease itself is never handed here: an object the watch
     * refers to escapes, and the JIT would then allocate the lease on every path, sampled or not.
     *
     * @param witness the lease's witness, held by the lease until it is closed or shared
     * @param capacity the leased buffer's capacity, for the report
     * @param payload what the sink gets if the lease leaks
     * @return the track to keep in the lease
     */
    public Track watch(Object witness, int capacity, Object payload) {
        Throwable acquiredAt = level == LeakDetection.PARANOID ? new Throwable("lease acquired here") : null;
        Track track = new Track(witness, this, capacity, payload, Thread.currentThread().getName(), acquiredAt);
        tracks.add(track);
        return track;
    }

    /** Reports, and hands to the sink, every watched lease found unreachable since the last call. */
    public void drain() {
        for (Reference<?> ref = queue.poll(); ref != null; ref = queue.poll()) {
            Track track = (Track) ref;
            if (tracks.remove(track)) {
                leaks.increment();
                report(track);
                sink.leaked(track.payload);
            }
        }
    }

    /** {@return the leaks found so far} */
    public long leaks() {
        return leaks.sum();
    }

    /** Forgets every track: a closed pool reports nothing more and keeps nothing reachable. */
    public void close() {
        for (Track track : tracks) {
            track.clear();
        }
        tracks.clear();
    }

    private void report(Track track) {
        String message = "pool {}: a lease of {} elements acquired by thread {} was never closed and is now"
                + " unreachable; close every lease (try-with-resources)";
        if (track.acquiredAt != null) {
            LOG.warn(message + "; it was acquired at:", poolName, track.capacity, track.thread, track.acquiredAt);
        } else {
            LOG.warn(message + "; set leakDetection to PARANOID to see where it was acquired",
                    poolName, track.capacity, track.thread);
        }
    }

    /** The watch on one lease; holds what a report needs and nothing that keeps the lease or its witness alive. */
    public static final class Track extends PhantomReference<Object> {
        private final LeakWatch watch;
        private final int capacity;
        private final Object payload;
        private final String thread;
        private final Throwable acquiredAt;

        Track(Object witness, LeakWatch watch, int capacity, Object payload, String thread, Throwable acquiredAt) {
            super(witness, watch.queue);
            this.watch = watch;
            this.capacity = capacity;
            this.payload = payload;
            this.thread = thread;
            this.acquiredAt = acquiredAt;
        }

        /** The lease was closed or shared: it can no longer leak. */
        public void closed() {
            watch.tracks.remove(this);
            clear();
        }

        /**
         * Reports a call on the lease after its close, at {@link LeakDetection#PARANOID}.
         *
         * @param call what was called, such as {@code "buffer()"}
         */
        public void misused(String call) {
            if (watch.level == LeakDetection.PARANOID) {
                LOG.warn("pool {}: {} on a lease that was already closed or shared; its buffer may belong to"
                        + " another holder now. Called at:", watch.poolName, call,
                        new Throwable("used after close here"));
            }
        }
    }

    @Override
    public String toString() {
        return "LeakWatch[" + poolName + ", " + level + ", " + tracks.size() + " watched, " + leaks() + " leaked]";
    }
}
