package dev.bufpool.stats.internal;

import dev.bufpool.LeakDetection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * Reports leases of a decorated pool that become unreachable without being closed.
 *
 * <p>How it works. A tracked lease gets a {@link Track}: a phantom reference to the lease's
 * witness (an object only the lease refers to, so unreachable exactly when the lease is), kept
 * reachable in {@link #tracks} until the lease is closed or shared, which clears it. A track holds
 * the buffer's size and, at {@link LeakDetection#PARANOID}, the stack of the acquisition, and
 * never the lease or the wrapped lease: the leaked lease must stay collectable, and the wrapped
 * pool's own leak detection must still see its lease go. When the collector finds a tracked lease
 * unreachable it enqueues the track; {@link #drain()} takes it from the queue, and if it is still
 * in {@link #tracks} (the remove decides, once) counts the leak and logs it at WARN.
 *
 * <p>There is no thread: the queue is drained on every tracked acquisition, on every snapshot and
 * periodic report, and on close, so nothing outlives the pool.
 *
 * <p>The tracked path is a call the JIT does not inline: {@link #track} reaches its work through a
 * method handle held in a field, which the JIT cannot treat as a constant. Inlined, the rare path
 * (two allocations, a set insertion, a drain of the queue) would more than double the compiled size
 * of the decorator's {@code acquire}; past the JIT's limit for inlining already compiled code
 * ({@code InlineSmallCode}) a caller's try-with-resources would then call {@code acquire} instead of
 * inlining it, and every lease, sampled or not, would be allocated.
 */
public final class LeakTracker {

    /** At {@link LeakDetection#SAMPLE}, one lease in this many is tracked. */
    static final int SAMPLE_INTERVAL = 128;

    private static final MethodHandle TRACK_NOW;

    static {
        try {
            TRACK_NOW = MethodHandles.lookup().findVirtual(LeakTracker.class, "trackNow",
                    MethodType.methodType(Witness.class, Cell.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LeakDetection level;
    /** At SAMPLE, the untracked leases between two tracked ones are drawn from 0 to this, less one. */
    private final int gapBound;
    /** {@link #trackNow} bound to this tracker: a field, so never a constant to the JIT (see above). */
    private final MethodHandle trackCall;
    private final Recorder recorder;
    private final Logger log;
    private final String poolName;
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Set<Track> tracks = ConcurrentHashMap.newKeySet();

    LeakTracker(LeakDetection level, int sampleInterval, Recorder recorder, Logger log, String poolName) {
        this.level = Objects.requireNonNull(level, "level");
        if (sampleInterval < 1 || sampleInterval > 1 << 29) {
            throw new IllegalArgumentException("sampleInterval is " + sampleInterval
                    + "; it must be from 1 to " + (1 << 29));
        }
        this.gapBound = 2 * sampleInterval - 1;
        this.trackCall = TRACK_NOW.bindTo(this);
        this.recorder = recorder;
        this.log = log;
        this.poolName = poolName;
    }

    /**
     * A tracker for {@code level}, or {@code null} for {@link LeakDetection#OFF}.
     *
     * @param level how closely to watch
     * @param recorder where leaks are counted
     * @param log where leaks are reported; {@code null} to count them without a report, when the
     *        wrapped pool reports them itself
     * @param poolName the pool's name, for the report
     */
    public static LeakTracker of(LeakDetection level, Recorder recorder, Logger log, String poolName) {
        return level == LeakDetection.OFF ? null
                : new LeakTracker(level, SAMPLE_INTERVAL, recorder, log, poolName);
    }

    /**
     * Whether the calling thread's lease about to be counted is tracked: every one at
     * {@link LeakDetection#PARANOID}; at {@link LeakDetection#SAMPLE}, one in the sample interval on
     * average. Each thread counts down the leases to its next tracked one in its cell, and
     * {@link #track} draws the next gap at random (uniform from 0 to twice the interval less two),
     * so the hot path makes no draw, and no fixed pattern of acquisitions can keep a leak from being
     * seen. A thread's first lease is tracked.
     *
     * @param cell the calling thread's cell
     * @return whether to {@link #track} the lease
     */
    public boolean sample(Cell cell) {
        int left = cell.untilTracked - 1;
        cell.untilTracked = left;
        return left < 0;
    }

    /**
     * Reports the leaks found since the last call, then tracks the lease about to be acquired
     * through the witness it returns: an object only that lease is to refer to, so it becomes
     * unreachable when the lease does. Called before the wrapped pool is asked: a call between the
     * wrapped lease's making and its close, however rare, keeps escape analysis from removing that
     * lease, so the one call on the tracked path comes first, and the buffer's size is written
     * afterwards by {@link #sized}. A call, never inlined
     * (see the class comment). When no lease comes of it, {@link Witness#closed()} takes the track back.
     *
     * @param cell the calling thread's cell, whose count to the next tracked lease is drawn anew
     * @return the witness for the lease to hold until it is closed or shared
     */
    public Witness track(Cell cell) {
        try {
            return (Witness) trackCall.invokeExact(cell);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // trackNow declares none
            throw new IllegalStateException("leak tracking of pool " + poolName + " failed", e);
        }
    }

    /** {@link #track}'s work, first reporting the leaks found since the last call. */
    private Witness trackNow(Cell cell) {
        cell.untilTracked = level == LeakDetection.PARANOID ? 0 : ThreadLocalRandom.current().nextInt(gapBound);
        drain();
        Throwable acquiredAt = level == LeakDetection.PARANOID ? new Throwable("lease acquired here") : null;
        LeaseSize size = new LeaseSize();
        Witness witness = new Witness(size);
        Track track = new Track(witness, this, size, acquiredAt);
        witness.track = track;
        tracks.add(track);
        return witness;
    }

    /**
     * Writes the size of the buffer just acquired where a leak report will read it: into the
     * tracked lease's size, or, when the lease is not tracked, into the calling thread's scratch
     * size, which nothing reads. The same two plain stores on both paths, no branch: a store made on
     * the tracked path alone, between the wrapped lease's making and its close, was seen to keep
     * escape analysis from removing the wrapped lease (41 bytes per acquisition at one in 128).
     * The fence orders the stores before the collector can find the witness unreachable, and so
     * before a drain reads them.
     *
     * @param witness the lease's witness from {@link #track}, or {@code null} when not tracked
     * @param cell the calling thread's cell
     * @param capacity the buffer's capacity in elements
     * @param bytes the buffer's size in bytes
     */
    public static void sized(Witness witness, Cell cell, int capacity, long bytes) {
        LeaseSize size = witness != null ? witness.size : cell.untrackedSize;
        size.capacity = capacity;
        size.bytes = bytes;
        Reference.reachabilityFence(witness);
    }

    /** Reports every tracked lease found unreachable since the last call. */
    public void drain() {
        for (Reference<?> ref = queue.poll(); ref != null; ref = queue.poll()) {
            Track track = (Track) ref;
            if (tracks.remove(track)) {
                report(track);
            }
        }
    }

    private void report(Track track) {
        recorder.leaked(track.size.bytes);
        if (log == null) {
            return; // the wrapped pool reports its leases' leaks itself
        }
        String message = "pool {}: a lease was never closed and is now unreachable; its buffer of {} elements"
                + " ({} bytes) was not given back through it";
        if (track.acquiredAt != null) {
            log.warn(message + "; it was acquired at:", poolName, track.size.capacity, track.size.bytes,
                    track.acquiredAt);
        } else {
            log.warn(message + "; set leakDetection to PARANOID to see where it was acquired",
                    poolName, track.size.capacity, track.size.bytes);
        }
    }

    /**
     * What a tracked lease holds in place of being tracked itself: referred to by the lease alone,
     * so it becomes unreachable exactly when the lease does, and then its {@link Track} (which only
     * phantom-refers to it) is enqueued. The witness refers to its track, never the reverse.
     */
    public static final class Witness {
        /** Set once in {@link #trackNow}, before the witness is handed out. */
        Track track;
        /** The size its track reports, shared with the track, which cannot reach this witness. */
        final LeaseSize size;

        private Witness(LeaseSize size) {
            this.size = size;
        }

        /**
         * The lease was closed or shared, or none was made after all: it can no longer leak. Call
         * it at most once.
         */
        public void closed() {
            track.closed();
            // Until the track is cleared this witness must stay reachable, or its lease could be seen as leaked.
            Reference.reachabilityFence(this);
        }
    }

    /**
     * A leased buffer's capacity and size: written once by the acquiring thread right after the
     * acquisition ({@link #sized}) and before the witness leaves its hands, then fenced on the
     * witness, so the writes happen-before the collector's clearing of the track and so before any
     * drain reads them. Each cell has one more, written by its untracked acquisitions and never read.
     */
    static final class LeaseSize {
        int capacity;
        long bytes;
    }

    /** The watch on one lease; holds what the report needs and nothing that keeps the lease alive. */
    static final class Track extends PhantomReference<Object> {
        private final LeakTracker tracker;
        private final LeaseSize size;
        private final Throwable acquiredAt;

        Track(Object witness, LeakTracker tracker, LeaseSize size, Throwable acquiredAt) {
            super(witness, tracker.queue);
            this.tracker = tracker;
            this.size = size;
            this.acquiredAt = acquiredAt;
        }

        /** The lease was closed or shared: it can no longer leak. */
        void closed() {
            tracker.tracks.remove(this);
            clear();
        }
    }
}
