package dev.bufpool;

import java.time.Duration;
import java.util.Locale;

/**
 * Range checks shared by {@link PoolSpec.Builder}; each failure names the setting, the value and
 * what is allowed, in the form {@code "shards must be a power of two in [1, 1024]: shards=3"}.
 */
final class Limits {

    /** The largest array the JVM allocates reliably; the limit of every capacity. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /** Counts of buffers are bounded so that per-pool bookkeeping arrays stay small. */
    static final int MAX_BUFFERS = 1 << 20;
    static final int MAX_SHARDS = 1024;
    static final int MAX_THREAD_CACHE = 64;
    static final int MAX_SIZE_CLASSES = 31;
    /** Below this a timer cannot keep up; above it a buffer is, for any purpose, kept forever. */
    static final Duration MIN_IDLE_TIMEOUT = Duration.ofMillis(1);
    static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(30);

    private Limits() {
    }

    static int inRange(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw fail(setting, value, "be in [" + min + ", " + max + "]");
        }
        return value;
    }

    static long atLeast(String setting, long value, long min) {
        if (value < min) {
            throw fail(setting, value, "be >= " + min);
        }
        return value;
    }

    static int powerOfTwo(String setting, int value, int max) {
        if (value < 1 || value > max || Integer.bitCount(value) != 1) {
            throw fail(setting, value, "be a power of two in [1, " + max + "]");
        }
        return value;
    }

    static Duration notNegative(String setting, Duration value) {
        if (value.isNegative()) {
            throw fail(setting, value, "be >= 0");
        }
        return value;
    }

    static Duration inRange(String setting, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw fail(setting, value, "be in [" + min + ", " + max + "]");
        }
        return value;
    }

    static IllegalArgumentException fail(String setting, Object value, String allowed) {
        return new IllegalArgumentException(
                String.format(Locale.ROOT, "%s must %s: %s=%s", setting, allowed, setting, value));
    }
}
