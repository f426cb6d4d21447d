package dev.bufpool;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/** The checks {@link PoolSpec.Builder#build()} runs on the new spec, one setting after another. */
final class SpecValidation {

    private SpecValidation() {
    }

    static void validate(PoolSpec<?> spec) {
        notBlank("name", spec.name());
        notBlank("provider", spec.provider().orElse(null));
        for (String decorator : spec.decorators()) {
            if (decorator.isBlank()) {
                throw Limits.fail("decorate", "'" + decorator + "'", "name decorators, not blanks");
            }
        }
        if (spec.maxIdleBuffers().isPresent()) {
            Limits.inRange("maxIdleBuffers", spec.maxIdleBuffers().getAsInt(), 0, Limits.MAX_BUFFERS);
        }
        if (spec.trimCapacity().isPresent()) {
            Limits.inRange("trimCapacity", spec.trimCapacity().getAsInt(), 1, Limits.MAX_CAPACITY);
        }
        if (spec.threadCacheSize().isPresent()) {
            Limits.inRange("threadCacheSize", spec.threadCacheSize().getAsInt(), 0, Limits.MAX_THREAD_CACHE);
        }
        if (spec.shards().isPresent()) {
            Limits.powerOfTwo("shards", spec.shards().getAsInt(), Limits.MAX_SHARDS);
        }
        spec.sizeClasses().ifPresent(SpecValidation::sizeClasses);
        if (spec.preallocate().isPresent()) {
            Limits.inRange("preallocate", spec.preallocate().getAsInt(), 0, Limits.MAX_BUFFERS);
        }
        if (spec.maxBuffers().isPresent()) {
            Limits.inRange("maxBuffers", spec.maxBuffers().getAsInt(), 1, Limits.MAX_BUFFERS);
        }
        if (spec.bufferCapacity().isPresent()) {
            Limits.inRange("bufferCapacity", spec.bufferCapacity().getAsInt(), 1, Limits.MAX_CAPACITY);
        }
        spec.maxWait().ifPresent(wait -> Limits.notNegative("maxWait", wait));
        if (spec.memoryBudget().isPresent()) {
            Limits.atLeast("memoryBudget", spec.memoryBudget().getAsLong(), 1);
        }
        spec.idleTimeout().ifPresent(timeout ->
                Limits.inRange("idleTimeout", timeout, Limits.MIN_IDLE_TIMEOUT, Limits.MAX_IDLE_TIMEOUT));
        if (spec.maxIdleBytes().isPresent()) {
            Limits.atLeast("maxIdleBytes", spec.maxIdleBytes().getAsLong(), 0);
        }
        notAbove("preallocate", spec.preallocate(), "maxIdleBuffers", spec.maxIdleBuffers());
        notAbove("preallocate", spec.preallocate(), "maxBuffers", spec.maxBuffers());
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

    private static void notAbove(String setting, OptionalInt value, String limitSetting, OptionalInt limit) {
        if (value.isPresent() && limit.isPresent() && value.getAsInt() > limit.getAsInt()) {
            throw Limits.fail(setting, value.getAsInt(), "be <= " + limitSetting + " (" + limit.getAsInt() + ")");
        }
    }
}
