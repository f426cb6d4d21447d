package dev.bufpool.idle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.bufpool.BufferType;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tier of a pool's idle buffers that Caffeine decides about: each buffer is an entry weighed in
 * bytes (or 1, for a count bound), expired {@code idleTimeout} after it entered, and, when the bound
 * is reached, chosen for eviction by Caffeine's frequency-based policy (W-TinyLFU). A pool puts a
 * buffer here when its hot tier is full or when the buffer has sat unused in the hot tier for a
 * trim tick, and takes from here on a miss of its hot tier: a buffer reused at once never gets here.
 *
 * <p><b>Keys are positions, so frequency means demand.</b> Buffers are grouped in classes (the
 * pool's size classes, or powers of two of capacity). Within a class the reserve is a stack: the
 * entry at depth {@code d} has the key {@code (class, d)}. Taking reads the top key before removing
 * it, and putting writes it, so Caffeine's frequency sketch counts, for each class and depth, how
 * often demand reached that deep: the depths of a class in steady use are hot, the depths a burst
 * once reached and the classes nobody asks for any more go cold, and those are what the policy
 * evicts when the byte bound is hit. Eviction makes holes in a stack; the eviction listener
 * reports each (a hint, on a lock-free queue), taking skips them, and putting fills the lowest hole
 * before it grows the stack, so depths stay below the most entries a class ever held at once plus
 * the evictions in flight. A hint is checked against the map before it is believed: only puts make
 * entries, and they hold the class lock, so an entry absent under that lock stays absent.
 *
 * <p><b>Exactly one place for a buffer.</b> A buffer in the reserve is the value of exactly one
 * entry. Taking removes it with {@code remove(key, value)}, and eviction removes it inside the same
 * map's atomic removal (where the eviction listener runs), so of an acquirer and a trim exactly one
 * gets the buffer; the other sees the entry gone. The stack's top is guarded by one lock per class;
 * the eviction listener takes no lock (it runs inside Caffeine's removal, possibly while a put or
 * take of this class holds the class lock on the same thread), it only updates atomic counters.
 *
 * <p><b>Happens-before:</b> a put is a write to a {@code ConcurrentHashMap} inside Caffeine, and a
 * take that finds the entry reads it from that map: everything the putting thread did to the
 * buffer (the last holder's writes, the reset) happens-before the taker's use.
 *
 * <p><b>Maintenance</b> (eviction, expiry, the listener) runs on the calling thread (the cache's
 * executor is {@code Runnable::run}), and {@link #offer} runs it to the end before it returns (a put
 * alone skips it while another thread is running it), so the bound holds when an offer returns and
 * no other is in flight; expiry needs no cache activity, because the pool's trim timer calls
 * {@link #runDue()}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <T> the buffer class
 */
public final class IdleReserve<T> {

    private static final Logger LOG = LoggerFactory.getLogger(IdleReserve.class);

    private final String poolName;
    private final BufferType<T> type;
    private final boolean weighsBytes;
    private final long bound;
    private final Cache<Slot, T> cache;
    private final Depths[] classes;
    private final LongAdder trims;
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean closed;

    /**
     * Makes an empty reserve.
     *
     * @param poolName the pool's name, for the log
     * @param type the buffer type, to weigh buffers
     * @param budget the pool's idle budget; its reserve bound, timeout and clock apply
     * @param classCount how many classes the pool files buffers under, {@code >= 1}
     * @param trims the pool's trim counter: every eviction adds one
     */
    public IdleReserve(String poolName, BufferType<T> type, IdleBudget budget, int classCount, LongAdder trims) {
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        this.type = Objects.requireNonNull(type, "type");
        this.trims = Objects.requireNonNull(trims, "trims");
        this.weighsBytes = budget.weighsBytes();
        this.bound = budget.reserveBound();
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount must be >= 1: classCount=" + classCount);
        }
        this.classes = new Depths[classCount];
        for (int i = 0; i < classCount; i++) {
            classes[i] = new Depths(i);
        }
        Caffeine<Slot, T> builder = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(budget::nanoTime)
                .maximumWeight(bound)
                .weigher((Slot slot, T buffer) -> weightOf(buffer))
                .evictionListener(this::evicted);
        if (budget.idleTimeoutNanos() > 0) {
            builder.expireAfterWrite(Duration.ofNanos(budget.idleTimeoutNanos()));
        }
        this.cache = builder.build();
    }

    /**
     * Keeps {@code buffer} under {@code cls}, if it can ever fit.
     *
     * @param cls the buffer's class, in {@code [0, classCount)}
     * @param buffer a reset buffer, ready for its next holder
     * @return {@code false} if it was not kept (larger than the bound, or the reserve is closed): the
     *         caller drops it
     */
    public boolean offer(int cls, T buffer) {
        long size = type.sizeInBytes(buffer);
        if (closed || weightOf(size) > bound) {
            return false;
        }
        Depths depths = classes[cls];
        depths.lock.lock();
        try {
            depths.learnHoles();
            while (depths.top > 0 && !holds(depths.key(depths.top - 1))) {
                depths.top--; // holes at the top
            }
            int depth = lowestHole(depths);
            Slot key = depths.key(depth >= 0 ? depth : depths.top++);
            depths.live.increment();
            bytes.addAndGet(size);
            cache.put(key, buffer); // may evict at once, this entry included: the listener accounts for it
        } finally {
            depths.lock.unlock();
        }
        // Caffeine evicts in its maintenance, which a put skips while another thread runs it (the
        // timer's tick, say); run it now, waiting for that one, so the bound holds when offer returns.
        cache.cleanUp();
        if (closed) {
            clear(); // raced with close: one of the two sees the other, so nothing stays
        }
        return true;
    }

    /**
     * Takes the newest buffer of class {@code cls}.
     *
     * @param cls the class
     * @return the buffer, or {@code null} if the class has none
     */
    public T take(int cls) {
        return take(cls, 0);
    }

    /**
     * Takes the newest buffer of class {@code cls} if its capacity is at least {@code minCapacity};
     * for classes whose buffers differ in capacity.
     *
     * @param cls the class
     * @param minCapacity the least capacity wanted
     * @return the buffer, or {@code null} if the class has none, or its newest is too small
     */
    public T take(int cls, int minCapacity) {
        Depths depths = classes[cls];
        if (depths.live.sum() <= 0) {
            return null;
        }
        depths.lock.lock();
        try {
            depths.learnHoles();
            while (depths.top > 0) {
                Slot key = depths.key(depths.top - 1);
                T buffer = cache.getIfPresent(key); // a read: counts this depth's demand
                if (buffer == null) {
                    depths.top--; // a hole
                    continue;
                }
                if (type.capacity(buffer) < minCapacity) {
                    return null;
                }
                if (cache.asMap().remove(key, buffer)) {
                    depths.top--;
                    depths.live.decrement();
                    bytes.addAndGet(-type.sizeInBytes(buffer));
                    return buffer;
                }
                // evicted between the read and the removal: the listener took it; look again
            }
            return null;
        } finally {
            depths.lock.unlock();
        }
    }

    private boolean holds(Slot key) {
        return cache.asMap().containsKey(key);
    }

    /** The lowest depth below the top that holds no entry, or {@code -1}; the class lock is held. */
    private int lowestHole(Depths depths) {
        for (int h = depths.holes.nextSetBit(0); h >= 0 && h < depths.top; h = depths.holes.nextSetBit(h + 1)) {
            depths.holes.clear(h);
            if (!holds(depths.key(h))) {
                return h;
            }
        }
        return -1;
    }

    /** Runs the trimming that is due: expiry, and evictions the cache deferred. */
    public void runDue() {
        cache.cleanUp();
    }

    /**
     * Drops every buffer now; for {@code trim()} and {@code close()}. Not counted as evictions: the
     * caller counts what it returns.
     *
     * @return how many buffers were dropped
     */
    public int clear() {
        int dropped = 0;
        for (Depths depths : classes) {
            depths.lock.lock();
            try {
                // Every entry of the class, not only those below the top: an entry that expired while
                // another thread ran maintenance may sit above a top that a take lowered past it.
                for (Slot key : cache.asMap().keySet()) {
                    if (key.cls() == depths.cls) {
                        T buffer = cache.asMap().remove(key);
                        if (buffer != null) {
                            depths.live.decrement();
                            bytes.addAndGet(-type.sizeInBytes(buffer));
                            dropped++;
                        }
                    }
                }
                depths.top = 0;
                depths.holes.clear();
                depths.evicted.clear();
            } finally {
                depths.lock.unlock();
            }
        }
        return dropped;
    }

    /** Closes the reserve: it keeps nothing from now on, and drops what it holds. */
    public void close() {
        closed = true;
        clear();
    }

    /** {@return the buffers held; exact when no other thread uses the reserve} */
    public long idleBuffers() {
        long count = 0;
        for (Depths depths : classes) {
            count += depths.live.sum();
        }
        return count;
    }

    /** {@return the bytes of the buffers held; exact when no other thread uses the reserve} */
    public long idleBytes() {
        return bytes.get();
    }

    /**
     * Calls {@code action} for each buffer held; a racy view while others use the reserve.
     *
     * @param action what to do with each buffer
     */
    public void forEach(Consumer<? super T> action) {
        cache.asMap().values().forEach(action);
    }

    /**
     * @param cls a class
     * @return the depths of that class's stack in use, holes included; for tests
     */
    int depthsInUse(int cls) {
        Depths depths = classes[cls];
        depths.lock.lock();
        try {
            return depths.top;
        } finally {
            depths.lock.unlock();
        }
    }

    /** {@return the bound: bytes when the reserve weighs bytes, else buffers} */
    public long bound() {
        return bound;
    }

    private int weightOf(T buffer) {
        return (int) Math.min(Integer.MAX_VALUE, weightOf(type.sizeInBytes(buffer)));
    }

    private long weightOf(long size) {
        return weighsBytes ? size : 1;
    }

    /** Runs inside Caffeine's atomic removal of an entry, for evictions only: counts and logs. */
    private void evicted(Slot slot, T buffer, RemovalCause cause) {
        if (slot == null || buffer == null) {
            return; // never for strong keys and values; Caffeine's contract allows it
        }
        long size = type.sizeInBytes(buffer);
        Depths depths = classes[slot.cls];
        depths.live.decrement();
        depths.evicted.add(slot);
        bytes.addAndGet(-size);
        trims.increment();
        if (LOG.isDebugEnabled()) {
            LOG.debug("pool {}: trimmed an idle buffer of {} bytes ({})", poolName, size,
                    cause == RemovalCause.EXPIRED ? "idle too long" : "over the idle bound");
        }
    }

    /** One class's stack of depths: its top, guarded by {@code lock}, and its live entries. */
    private static final class Depths {
        final int cls;
        final ReentrantLock lock = new ReentrantLock();
        /** Updated inside Caffeine's removal too, where no lock may be taken. */
        final LongAdder live = new LongAdder();
        /** Depths at and above this hold no entry; guarded by {@code lock}. */
        int top;
        /** Keys the eviction listener removed, to learn as holes; lock-free, written without the lock. */
        final ConcurrentLinkedQueue<Slot> evicted = new ConcurrentLinkedQueue<>();
        /** Depths below the top that may hold no entry (hints, checked before use); guarded by {@code lock}. */
        final BitSet holes = new BitSet();
        /** The keys of depths so far, made once each; guarded by {@code lock}. */
        private Slot[] keys = new Slot[16];

        Depths(int cls) {
            this.cls = cls;
        }

        /** Moves the listener's reports into {@link #holes}; the lock is held. */
        void learnHoles() {
            for (Slot slot = evicted.poll(); slot != null; slot = evicted.poll()) {
                holes.set(slot.depth());
            }
        }

        Slot key(int depth) {
            if (depth >= keys.length) {
                keys = Arrays.copyOf(keys, Math.max(depth + 1, keys.length * 2));
            }
            Slot key = keys[depth];
            if (key == null) {
                key = new Slot(cls, depth);
                keys[depth] = key;
            }
            return key;
        }
    }

    /** The key of one position: a class and a depth in its stack. */
    private record Slot(int cls, int depth) {
    }

    @Override
    public String toString() {
        return "IdleReserve[" + poolName + ", " + idleBuffers() + " buffers, " + bytes.get() + " bytes, bound "
                + bound + (weighsBytes ? " bytes" : " buffers") + "]";
    }
}
