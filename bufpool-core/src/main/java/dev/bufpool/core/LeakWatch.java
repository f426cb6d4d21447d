package dev.bufpool.core;

import dev.bufpool.LeakDetection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Arrays;
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
 * <p><b>How it works.</b> A watched lease holds a {@link Witness}, an object only the lease refers
 * to (so unreachable exactly when the lease is), and the witness is watched by a {@code Track}: a
 * phantom reference to it, kept reachable in {@link #tracks} until it is forgotten. The witness
 * refers to its track, never the reverse. A track holds the pool's
 * payload for the leased buffer (the bounded pool's slot), the capacity, the acquiring thread's name and, at {@code PARANOID}, the stack of the acquisition; never the lease,
 * which must stay collectable. When the collector finds a watched lease unreachable it enqueues the
 * track; {@link #drain()} takes it from the queue and, if it is still in {@link #tracks} (the
 * removal decides, once), counts the leak, logs it at WARN and hands the payload to the pool's
 * {@link Sink}, so a bounded pool gets its slot and budget back (with a new buffer: the leaked one
 * may still be in its holder's hands and is never handed out again).
 *
 * <p><b>Closing a lease makes no call.</b> It marks the track closed (a plain store, fenced on the
 * witness), and the track is forgotten later: each watched acquisition sweeps the closed tracks
 * among the last {@value Recent#SLOTS} made on its stripe of {@link #recent} (stripes chosen by
 * thread), and a track closed after it left its stripe is forgotten when the collector finds its
 * witness gone, the drain reading the mark and counting no leak. A call into the watch on close,
 * rare as it is, kept escape analysis from removing the lease when another lease held it (a
 * decorator's): 41 bytes per acquisition at {@code SAMPLE}. Forgetting closed tracks only after a
 * collection instead kept every one reachable until then, and made collections a hundred times
 * longer; the stripes bound what waits for a collection to what leaves them still open.
 *
 * <p><b>The watched path is a call the JIT does not inline.</b> {@link #watch} reaches its work
 * through a method handle held in a field, which the JIT cannot treat as a constant and so
 * compiles as a call. Inlined, the one-in-{@value #SAMPLE_INTERVAL} path (two allocations, a set
 * insertion, a drain of the queue) would more than double the compiled size of the pool's
 * {@code acquire}; past the JIT's limit for inlining already compiled code ({@code InlineSmallCode})
 * the caller's try-with-resources would then call {@code acquire} instead of inlining it, and every
 * lease, sampled or not, would be allocated.
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
    /** The tracks made last, by stripe of threads; a power of two of them. */
    private final Recent[] recent;
    private final LongAdder leaks = new LongAdder();
    /** {@link #watchNow} bound to this watch: a field, so never a constant to the JIT (see above). */
    private final MethodHandle watcher;

    private LeakWatch(String poolName, LeakDetection level, Sink sink) {
        this.poolName = poolName;
        this.level = level;
        this.sink = sink;
        this.watcher = WATCH_NOW.bindTo(this);
        int stripes = Integer.highestOneBit(Math.min(64, Math.max(2, 2 * Runtime.getRuntime().availableProcessors())));
        this.recent = new Recent[stripes];
        for (int i = 0; i < stripes; i++) {
            recent[i] = new Recent();
        }
    }

    private static final MethodHandle WATCH_NOW;

    static {
        try {
            WATCH_NOW = MethodHandles.lookup().findVirtual(LeakWatch.class, "watchNow",
                    MethodType.methodType(Witness.class, int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
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
     * Draws whether the lease about to be made is watched: every one at
     * {@link LeakDetection#PARANOID}, one in {@value #SAMPLE_INTERVAL} at {@link LeakDetection#SAMPLE}
     * (the low bits of one random {@code int}: no division, no rejection loop).
     *
     * @return whether to {@link #watch} the next lease
     */
    public boolean sample() {
        return level != LeakDetection.SAMPLE
                || (ThreadLocalRandom.current().nextInt() & (SAMPLE_INTERVAL - 1)) == 0;
    }

    /**
     * The witness of a lease about to be made of {@code buffer}, or {@code null} when there is no
     * watch or it does not sample this lease. Called before the lease is made: a call between a
     * lease's making and its close, however rare, keeps escape analysis from removing the lease
     * (and a decorator's lease around it), so the one call on the watched path comes first.
     *
     * @param watch the pool's leak watch, or {@code null}
     * @param pool the pool the buffer goes back to, for its capacity and, on failure, the buffer
     * @param buffer the buffer the lease will hold
     * @param payload what the sink gets if the lease leaks
     * @param <T> the buffer class
     * @return the witness for the lease to hold, or {@code null}
     * @throws RuntimeException whatever the watch throws (an {@link Error} too); {@code buffer} is
     *         then handed back to {@code pool} first, as no lease will hold it
     */
    public static <T> Witness witness(LeakWatch watch, Recycler<T> pool, T buffer, Object payload) {
        if (watch == null || !watch.sample()) {
            return null;
        }
        try {
            return watch.watch(pool.type().capacity(buffer), payload);
        } catch (Throwable e) {
            pool.recycle(buffer);
            throw e;
        }
    }

    /**
     * Reports the leaks found since the last call, then watches a new lease through the witness it
     * returns: an object only the lease is to refer to, so that it becomes unreachable when the lease
     * does. The lease itself is never handed here: an object the watch refers to escapes, and the JIT
     * would then allocate the lease on every path, sampled or not. A call, never inlined (see the
     * class comment); the lease makes one store of what it returns.
     *
     * @param capacity the leased buffer's capacity, for the report
     * @param payload what the sink gets if the lease leaks
     * @return the witness for the lease to hold until it is closed or shared
     */
    public Witness watch(int capacity, Object payload) {
        try {
            return (Witness) watcher.invokeExact(capacity, payload);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // watchNow declares none
            throw new IllegalStateException("leak watch of pool " + poolName + " failed", e);
        }
    }

    /** {@link #watch}'s work, first reporting the leaks found since the last call. */
    private Witness watchNow(int capacity, Object payload) {
        drain();
        Thread thread = Thread.currentThread();
        Throwable acquiredAt = level == LeakDetection.PARANOID ? new Throwable("lease acquired here") : null;
        Witness witness = new Witness();
        Track track = new Track(witness, this, capacity, payload, thread.getName(), acquiredAt);
        witness.track = track;
        tracks.add(track);
        // Thread ids are handed out in sequence, so the low bits spread threads over the stripes.
        recent[(int) thread.getId() & (recent.length - 1)].admit(track, tracks);
        return witness;
    }

    /** Reports, and hands to the sink, every watched lease found unreachable since the last call. */
    public void drain() {
        for (Reference<?> ref = queue.poll(); ref != null; ref = queue.poll()) {
            Track track = (Track) ref;
            // A closed track the collector found before a sweep did is forgotten here, not counted. The
            // mark is seen: the closing thread fenced its witness after writing it, which happens-before
            // the collector clears the track.
            if (tracks.remove(track) && !track.closed) {
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

    /** {@return the tracks not yet forgotten: those of open leases, and closed ones not yet swept} */
    int tracked() {
        return tracks.size();
    }

    /** Forgets every track: a closed pool reports nothing more and keeps nothing reachable. */
    public void close() {
        for (Recent stripe : recent) {
            stripe.clear();
        }
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

    /**
     * What a watched lease holds in place of being watched itself: referred to by the lease alone,
     * so it becomes unreachable exactly when the lease does, and then its {@code Track} (which only
     * phantom-refers to it) is enqueued. Not thread-safe: used by the lease's one holder.
     */
    public static final class Witness {
        /** Set once in {@link #watchNow}, before the witness is handed to the lease. */
        private Track track;

        private Witness() {
        }

        /**
         * The lease was closed or shared: it can no longer leak. One plain store, no call (see the
         * class comment); the track is forgotten by a later watched acquisition or drain.
         */
        public void closed() {
            track.closed = true;
            // The fence keeps this witness reachable until the mark is written, so the collector cannot
            // find it gone first, and makes the write happen-before the collector's clearing of the track.
            Reference.reachabilityFence(this);
        }

        /**
         * Reports a call on the lease after its close, at {@link LeakDetection#PARANOID}.
         *
         * @param call what was called, such as {@code "buffer()"}
         */
        public void misused(String call) {
            track.misused(call);
        }
    }

    /** The watch on one lease; holds what a report needs and nothing that keeps the lease or its witness alive. */
    static final class Track extends PhantomReference<Object> {
        private final LeakWatch watch;
        private final int capacity;
        private final Object payload;
        private final String thread;
        private final Throwable acquiredAt;
        /**
         * Set once, by the lease's holder, when the lease is closed or shared. Read by sweeps without
         * a lock: a sweep that misses the mark leaves the track to the next sweep or to the drain.
         */
        boolean closed;

        Track(Object witness, LeakWatch watch, int capacity, Object payload, String thread, Throwable acquiredAt) {
            super(witness, watch.queue);
            this.watch = watch;
            this.capacity = capacity;
            this.payload = payload;
            this.thread = thread;
            this.acquiredAt = acquiredAt;
        }

        /** Drops this track from the watched set and clears it: it is never enqueued after this. */
        void forget(Set<Track> tracks) {
            tracks.remove(this);
            clear();
        }

        /**
         * Reports a call on the lease after its close, at {@link LeakDetection#PARANOID}.
         *
         * @param call what was called, such as {@code "buffer()"}
         */
        void misused(String call) {
            if (watch.level == LeakDetection.PARANOID) {
                LOG.warn("pool {}: {} on a lease that was already closed or shared; its buffer may belong to"
                        + " another holder now. Called at:", watch.poolName, call,
                        new Throwable("used after close here"));
            }
        }
    }

    /**
     * The last tracks made on one stripe of threads, in a ring: each watched acquisition forgets the
     * closed ones and puts its own in the next slot, pushing out the track there if that is still
     * open (it then waits for its lease's close and a collection, as above), and lets go of tracks
     * the collector has cleared, which the drain reports or forgets. Guarded by its monitor;
     * reached once per watched acquisition, by the threads of one stripe.
     */
    static final class Recent {
        static final int SLOTS = 32;

        private final Track[] slots = new Track[SLOTS];
        private int next;

        synchronized void admit(Track track, Set<Track> tracks) {
            for (int i = 0; i < SLOTS; i++) {
                Track t = slots[i];
                if (t == null) {
                    continue;
                }
                if (t.closed) {
                    t.forget(tracks);
                    slots[i] = null;
                } else if (t.refersTo(null)) {
                    slots[i] = null; // found by the collector: the drain decides whether it leaked
                }
            }
            slots[next] = track;
            next = (next + 1) & (SLOTS - 1);
        }

        synchronized void clear() {
            Arrays.fill(slots, null);
        }
    }

    @Override
    public String toString() {
        return "LeakWatch[" + poolName + ", " + level + ", " + tracks.size() + " tracked, " + leaks() + " leaked]";
    }
}
