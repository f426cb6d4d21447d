package dev.bufpool.bounded.internal;

import dev.bufpool.LeakDetection;
import dev.bufpool.PoolSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A spec's settings as the bounded pool reads them, its defaults filled in, and the sizes that
 * follow from the bytes of one buffer once that is measured.
 *
 * @param bufferCapacity the capacity of every pooled buffer
 * @param maxBuffers the slots at construction, if set
 * @param maxWait how long {@code acquire} waits
 * @param memoryBudget the most bytes out and idle together, if any
 * @param preallocate the buffers to create at construction; a default when unset
 * @param maxIdleBuffers the most buffers kept idle
 * @param trimCapacity returned buffers above this capacity are not kept
 * @param oneOffBelow requests below this capacity get a one-off buffer; {@code 0}: none do
 * @param objects whether the buffers are the user's objects, each of capacity 1
 * @param maxIdleBytes the most bytes kept idle, if set
 * @param idleTimeout how long the slots {@code grow} added may go unused before they are taken back,
 *        if set
 * @param clock the clock the shrinking reads, if set; the system's monotonic time otherwise
 * @param leakDetection how closely to watch for leases never closed
 */
public record BoundedSettings(int bufferCapacity, OptionalInt maxBuffers, Duration maxWait,
        OptionalLong memoryBudget, OptionalInt preallocate, int maxIdleBuffers, int trimCapacity,
        int oneOffBelow, boolean objects, OptionalLong maxIdleBytes, Optional<Duration> idleTimeout,
        Optional<InstantSource> clock, LeakDetection leakDetection) {

    /** The wait of {@code acquire} when the spec sets none: like a connection pool's timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    /** The capacity of the pooled buffers when the spec sets none: 64 Ki elements. */
    public static final int DEFAULT_BUFFER_CAPACITY = 1 << 16;
    /** The slots when the spec sets neither {@code maxBuffers} nor a {@code memoryBudget}. */
    public static final int DEFAULT_MAX_BUFFERS = 16;
    /** The largest capacity anyone can ask for: the JVM's array limit. */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /**
     * Reads a spec already checked to be one the bounded pool honours.
     *
     * @param spec the spec
     * @param oneOffBelow the builder's {@code oneOffBelow}, {@code 0} when not set
     * @param objects whether the pool holds the user's objects
     * @return the settings
     * @throws IllegalArgumentException naming a setting out of the range the bounded pool allows
     */
    public static BoundedSettings of(PoolSpec<?> spec, int oneOffBelow, boolean objects) {
        int capacity = spec.bufferCapacity().orElse(DEFAULT_BUFFER_CAPACITY);
        if (objects && capacity != 1) {
            throw fail("bufferCapacity", capacity, "be 1 for a pool of objects");
        }
        if (oneOffBelow < 0 || oneOffBelow > capacity) {
            throw fail("oneOffBelow", oneOffBelow, "be in [0, " + capacity + "] (bufferCapacity)");
        }
        if (oneOffBelow > 0 && spec.memoryBudget().isEmpty()) {
            throw fail("oneOffBelow", oneOffBelow, "be 0 without a memoryBudget, which one-off buffers are charged to");
        }
        int trim = spec.trimCapacity().orElse(MAX_CAPACITY);
        if (trim < capacity && spec.preallocate().orElse(0) > 0) {
            throw fail("preallocate", spec.preallocate().getAsInt(), "be 0 when trimCapacity (" + trim
                    + ") is below bufferCapacity (" + capacity + "), as no buffer is then kept");
        }
        return new BoundedSettings(capacity, spec.maxBuffers(), spec.maxWait().orElse(DEFAULT_MAX_WAIT),
                spec.memoryBudget(), spec.preallocate(), spec.maxIdleBuffers().orElse(SlotStack.MAX_SLOTS),
                trim, oneOffBelow, objects, spec.maxIdleBytes(), spec.idleTimeout(), spec.clock(),
                spec.leakDetection());
    }

    /** {@return {@link #maxWait} in nanoseconds, saturated at {@code Long.MAX_VALUE}} */
    public long maxWaitNanos() {
        try {
            return maxWait.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The most buffers kept idle: {@code maxIdleBuffers}, and no more than {@code maxIdleBytes} holds
     * (every pooled buffer has the measured size); none when {@code maxIdleBytes} is 0 or pooled
     * buffers are above trimCapacity. Buffers of no size are not limited by {@code maxIdleBytes}.
     *
     * @param slotBytes the bytes of one pooled buffer, or {@code -1} if unknown (none was created,
     *        which {@link #createsFirstBuffer()} ensures only when the bytes do not matter)
     * @return the idle cap in buffers
     */
    public int idleCap(long slotBytes) {
        int cap = idleCapByCount();
        if (cap == 0 || maxIdleBytes.isEmpty()) {
            return cap;
        }
        long bytes = maxIdleBytes.getAsLong();
        if (bytes == 0) {
            return 0;
        }
        return slotBytes <= 0 ? cap : (int) Math.min(cap, bytes / slotBytes);
    }

    private int idleCapByCount() {
        return bufferCapacity > trimCapacity ? 0 : maxIdleBuffers;
    }

    /**
     * @return whether the pool creates its first buffer at construction, measuring its bytes: always
     *         with a budget or a {@code maxIdleBytes} that may keep some, else if it preallocates
     */
    boolean createsFirstBuffer() {
        boolean keepsSome = idleCapByCount() > 0 && maxIdleBytes.orElse(1) > 0;
        return memoryBudget.isPresent() || (keepsSome && maxIdleBytes.isPresent())
                || preallocate.orElse(keepsSome ? 1 : 0) > 0;
    }

    /** {@return {@link #idleTimeout} in nanoseconds, {@code 0} if not set; at most 30 days, as checked} */
    long idleTimeoutNanos() {
        return idleTimeout.map(Duration::toNanos).orElse(0L);
    }

    /**
     * Checks the budget against the bytes of one pooled buffer.
     *
     * @param slotBytes the bytes of one pooled buffer, measured
     * @param typeName the buffer type, for the message
     * @throws IllegalArgumentException if the budget cannot hold one buffer, or buffers have no size
     */
    void checkBudget(long slotBytes, String typeName) {
        if (memoryBudget.isEmpty()) {
            return;
        }
        long budget = memoryBudget.getAsLong();
        if (slotBytes <= 0) {
            throw fail("memoryBudget", budget, "be unset for buffers of no size (" + typeName
                    + " reports " + slotBytes + " bytes for a buffer of bufferCapacity " + bufferCapacity + ")");
        }
        if (budget < slotBytes) {
            throw fail("memoryBudget", budget, "be >= the bytes of one buffer (" + slotBytes + ")");
        }
    }

    /**
     * @param slotBytes the bytes of one pooled buffer, or {@code -1} if unknown (no budget)
     * @return the slots at construction: {@code maxBuffers}, else as many as the budget holds, else
     *         {@link #DEFAULT_MAX_BUFFERS}
     */
    int initialSlots(long slotBytes) {
        if (maxBuffers.isPresent()) {
            return maxBuffers.getAsInt();
        }
        if (memoryBudget.isPresent()) {
            return (int) Math.min(SlotStack.MAX_SLOTS, memoryBudget.getAsLong() / slotBytes);
        }
        return DEFAULT_MAX_BUFFERS;
    }

    /**
     * @param slots the slots at construction
     * @param slotBytes the bytes of one pooled buffer, or {@code -1} if unknown (no budget)
     * @return the buffers to create at construction: as set, else as many as the slots, the idle
     *         cap and the budget allow
     * @throws IllegalArgumentException if the preallocation set does not fit the budget
     */
    int initialBuffers(int slots, long slotBytes) {
        long fitting = memoryBudget.isPresent() ? memoryBudget.getAsLong() / slotBytes : Long.MAX_VALUE;
        int idleCap = idleCap(slotBytes);
        if (preallocate.isPresent()) {
            int count = preallocate.getAsInt();
            if (count > fitting) {
                throw fail("preallocate", count, "be <= " + fitting + ", the buffers of " + slotBytes
                        + " bytes memoryBudget " + memoryBudget.getAsLong() + " holds");
            }
            if (count > idleCap && maxIdleBytes.orElse(-1) == 0) {
                throw fail("preallocate", count, "be 0 when maxIdleBytes is 0, as no buffer is then kept");
            }
            if (count > idleCap && maxIdleBytes.isPresent()) {
                throw fail("preallocate", count, "be <= " + idleCap + ", the buffers of " + slotBytes
                        + " bytes maxIdleBytes " + maxIdleBytes.getAsLong() + " keeps idle");
            }
            return count;
        }
        return (int) Math.min(Math.min(slots, idleCap), fitting);
    }

    /**
     * @param slotBytes the bytes of one pooled buffer, or {@code -1} if unknown (no budget)
     * @return the largest request: {@code bufferCapacity}, or with a budget the largest one-off it
     *         holds
     */
    int largestRequest(long slotBytes) {
        if (objects || memoryBudget.isEmpty()) {
            return bufferCapacity;
        }
        long budget = memoryBudget.getAsLong();
        long largest = (long) Math.min(MAX_CAPACITY, Math.floor((double) budget * bufferCapacity / slotBytes));
        while (largest > bufferCapacity && bytesFor((int) largest, slotBytes) > budget) {
            largest--;
        }
        while (largest < MAX_CAPACITY && bytesFor((int) largest + 1, slotBytes) <= budget) {
            largest++;
        }
        return (int) Math.max(bufferCapacity, largest);
    }

    /**
     * The bytes charged for a buffer of {@code capacity}: pooled buffers' bytes scaled by capacity,
     * rounded up; exact for the standard types.
     *
     * @param capacity the capacity
     * @param slotBytes the bytes of one pooled buffer
     * @return the bytes
     */
    long bytesFor(int capacity, long slotBytes) {
        if (capacity == bufferCapacity) {
            return slotBytes;
        }
        return (long) Math.ceil((double) capacity * slotBytes / bufferCapacity);
    }

    private static IllegalArgumentException fail(String setting, Object value, String allowed) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must %s: %s=%s", setting, allowed, setting, value));
    }
}
