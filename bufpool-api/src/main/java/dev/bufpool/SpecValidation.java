package dev.bufpool;

import java.util.Arrays;
import java.util.Locale;

/** The checks {@link PoolSpec.Builder#build()} runs, one setting after another. */
final class SpecValidation {

    private SpecValidation() {
    }

    static void validate(PoolSpec.Builder<?> b) {
        notBlank("name", b.name());
        notBlank("provider", b.provider());
        for (String decorator : b.decorators()) {
            if (decorator.isBlank()) {
                throw Limits.fail("decorate", "'" + decorator + "'", "name decorators, not blanks");
            }
        }
        if (b.maxIdleBuffers() != null) {
            Limits.inRange("maxIdleBuffers", b.maxIdleBuffers(), 0, Limits.MAX_BUFFERS);
        }
        if (b.trimCapacity() != null) {
            Limits.inRange("trimCapacity", b.trimCapacity(), 1, Limits.MAX_CAPACITY);
        }
        if (b.threadCacheSize() != null) {
            Limits.inRange("threadCacheSize", b.threadCacheSize(), 0, Limits.MAX_THREAD_CACHE);
        }
        if (b.shards() != null) {
            Limits.powerOfTwo("shards", b.shards(), Limits.MAX_SHARDS);
        }
        if (b.sizeClasses() != null) {
            sizeClasses(b.sizeClasses());
        }
        if (b.preallocate() != null) {
            Limits.inRange("preallocate", b.preallocate(), 0, Limits.MAX_BUFFERS);
        }
        if (b.maxBuffers() != null) {
            Limits.inRange("maxBuffers", b.maxBuffers(), 1, Limits.MAX_BUFFERS);
        }
        if (b.bufferCapacity() != null) {
            Limits.inRange("bufferCapacity", b.bufferCapacity(), 1, Limits.MAX_CAPACITY);
        }
        if (b.maxWait() != null) {
            Limits.notNegative("maxWait", b.maxWait());
        }
        if (b.memoryBudget() != null) {
            Limits.atLeast("memoryBudget", b.memoryBudget(), 1);
        }
        if (b.idleTimeout() != null) {
            Limits.positive("idleTimeout", b.idleTimeout());
        }
        if (b.maxIdleBytes() != null) {
            Limits.atLeast("maxIdleBytes", b.maxIdleBytes(), 0);
        }
        notAbove("preallocate", b.preallocate(), "maxIdleBuffers", b.maxIdleBuffers());
        notAbove("preallocate", b.preallocate(), "maxBuffers", b.maxBuffers());
    }

    private static void notBlank(String setting, String value) {
        if (value != null && value.isBlank()) {
            throw Limits.fail(setting, "'" + value + "'", "not be blank");
        }
    }

    private static void sizeClasses(int[] classes) {
        if (classes.length == 0 || classes.length > Limits.MAX_SIZE_CLASSES) {
            throw Limits.fail("sizeClasses", Arrays.toString(classes),
                    "hold 1 to " + Limits.MAX_SIZE_CLASSES + " classes");
        }
        for (int i = 0; i < classes.length; i++) {
            int size = classes[i];
            if (size < 1 || Integer.bitCount(size) != 1) {
                throw Limits.fail("sizeClasses", Arrays.toString(classes),
                        String.format(Locale.ROOT, "be powers of two (class %d is %d)", i, size));
            }
            if (i > 0 && size <= classes[i - 1]) {
                throw Limits.fail("sizeClasses", Arrays.toString(classes), String.format(Locale.ROOT,
                        "be strictly ascending (class %d, %d, is not above %d)", i, size, classes[i - 1]));
            }
        }
    }

    private static void notAbove(String setting, Integer value, String limitSetting, Integer limit) {
        if (value != null && limit != null && value > limit) {
            throw Limits.fail(setting, value, "be <= " + limitSetting + " (" + limit + ")");
        }
    }
}
