package dev.bufpool.stats.internal;

import dev.bufpool.LeakDetection;
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
 */
public final class LeakTracker {

    /** At {@link LeakDetection#SAMPLE}, one lease in this many is tracked. */
    static final int SAMPLE_INTERVAL = 128;

    private final LeakDetection level;
    private final int sampleInterval;
    private final Recorder recorder;
    private final Logger log;
    private final String poolName;
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Set<Track> tracks = ConcurrentHashMap.newKeySet();

    LeakTracker(LeakDetection level, int sampleInterval, Recorder recorder, Logger log, String poolName) {
        this.level = Objects.requireNonNull(level, "level");
        this.sampleInterval = sampleInterval;
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
     * Reports the leaks found since the last call, then draws whether the lease about to be counted
     * is tracked: every one at {@link LeakDetection#PARANOID}, one in the sample interval at
     * {@link LeakDetection#SAMPLE}.
     *
     * @return whether to track the next lease
     */
    public boolean sample() {
        drain();
        return level != LeakDetection.SAMPLE || ThreadLocalRandom.current().nextInt(sampleInterval) == 0;
    }

    /**
     * Tracks a lease through its witness: an object the lease alone refers to, so it becomes
     * unreachable when the lease does. The lease itself is never handed here: an object the tracker
     * refers to escapes, and the JIT would then allocate every counted lease, sampled or not.
     *
     * @param witness the lease's witness, held by the lease until it is closed or shared
     * @param capacity the buffer's capacity, for the report
     * @param bytes the buffer's size in bytes, for the report and the figures
     * @return the track the lease keeps
     */
    Track track(Object witness, int capacity, long bytes) {
        Throwable acquiredAt = level == LeakDetection.PARANOID ? new Throwable("lease acquired here") : null;
        Track track = new Track(witness, this, capacity, bytes, acquiredAt);
        tracks.add(track);
        return track;
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
        recorder.leaked(track.bytes);
        if (log == null) {
            return; // the wrapped pool reports its leases' leaks itself
        }
        String message = "pool {}: a lease was never closed and is now unreachable; its buffer of {} elements"
                + " ({} bytes) was not given back through it";
        if (track.acquiredAt != null) {
            log.warn(message + "; it was acquired at:", poolName, track.capacity, track.bytes, track.acquiredAt);
        } else {
            log.warn(message + "; set leakDetection to PARANOID to see where it was acquired",
                    poolName, track.capacity, track.bytes);
        }
    }

    /** The watch on one lease; holds what the report needs and nothing that keeps the lease alive. */
    static final class Track extends PhantomReference<Object> {
        private final LeakTracker tracker;
        private final int capacity;
        private final long bytes;
        private final Throwable acquiredAt;

        Track(Object witness, LeakTracker tracker, int capacity, long bytes, Throwable acquiredAt) {
            super(witness, tracker.queue);
            this.tracker = tracker;
            this.capacity = capacity;
            this.bytes = bytes;
            this.acquiredAt = acquiredAt;
        }

        /** The lease was closed or shared: it can no longer leak. */
        void closed() {
            tracker.tracks.remove(this);
            clear();
        }
    }
}
