package dev.bufpool.moduletests.model;

import dev.bufpool.Lease;
import dev.bufpool.SharedBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One pool buffer a worker of the model holds: as a lease, or, once shared, as the open handles of
 * its shared buffer (all held by one worker). The holder's stamp is written into the buffer when it
 * is acquired and checked before every close: a buffer handed to someone else meanwhile would carry
 * their stamp.
 */
final class Holding {

    /** The stamp written into the first bytes of the buffer; unique within a run. */
    final long stamp;
    /** The buffer itself, for the model's identity set. */
    final byte[] buffer;
    /** The thread that acquired it: a close on another thread is a cross-thread close. */
    final Thread acquirer = Thread.currentThread();
    /** The lease while it is one; {@code null} once shared. */
    Lease<byte[]> lease;
    /** The open handles once shared, in the order retained. */
    final List<SharedBuffer<byte[]>> handles = new ArrayList<>();

    Holding(Lease<byte[]> lease, long stamp) {
        this.lease = lease;
        this.buffer = lease.buffer();
        this.stamp = stamp;
        stamp(buffer, stamp);
    }

    boolean shared() {
        return lease == null;
    }

    /** Writes as many bytes of {@code stamp} as the buffer holds, up to eight. */
    static void stamp(byte[] buffer, long stamp) {
        for (int i = 0; i < Math.min(Long.BYTES, buffer.length); i++) {
            buffer[i] = (byte) (stamp >>> (8 * i));
        }
    }

    /** @return {@code null} if the stamp is intact in {@code seen}, else what was found */
    String checkStamp(byte[] seen) {
        if (seen != buffer) {
            return "the lease or handle of stamp " + stamp + " shows another buffer object";
        }
        for (int i = 0; i < Math.min(Long.BYTES, seen.length); i++) {
            if (seen[i] != (byte) (stamp >>> (8 * i))) {
                long found = 0;
                for (int j = Math.min(Long.BYTES, seen.length) - 1; j >= 0; j--) {
                    found = (found << 8) | (seen[j] & 0xFF);
                }
                return "buffer of stamp " + stamp + " was overwritten while held (found " + found
                        + "): it was handed to another holder";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Holding[stamp=" + stamp + ", " + buffer.length + " bytes, "
                + (shared() ? handles.size() + " handles" : "lease") + "]";
    }
}
