package dev.bufpool;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What a {@link PoolSpec}'s settings ask of a provider: the feature each setting given implies,
 * the check that a provider can honour them all, and the spec's description.
 */
final class SpecFeatures {

    private SpecFeatures() {
    }

    /** The settings given that need a feature not every provider has, in declaration order. */
    static Map<String, PoolFeature> implied(PoolSpec<?> spec) {
        Map<String, PoolFeature> implied = new LinkedHashMap<>();
        imply(implied, "shards", spec.shards().isPresent(), PoolFeature.SHARDED);
        imply(implied, "threadCacheSize", spec.threadCacheSize().orElse(0) > 0, PoolFeature.THREAD_CACHE);
        imply(implied, "sizeClasses", spec.sizeClasses().isPresent(), PoolFeature.SIZE_CLASSES);
        imply(implied, "zeroOnRelease", spec.zeroOnRelease(), PoolFeature.ZEROING);
        imply(implied, "maxBuffers", spec.maxBuffers().isPresent(), PoolFeature.BOUNDED);
        imply(implied, "memoryBudget", spec.memoryBudget().isPresent(), PoolFeature.BOUNDED);
        imply(implied, "maxWait", spec.maxWait().isPresent(), PoolFeature.BLOCKING);
        imply(implied, "idleTimeout", spec.idleTimeout().isPresent(), PoolFeature.IDLE_TRIM);
        imply(implied, "maxIdleBytes", spec.maxIdleBytes().isPresent(), PoolFeature.IDLE_TRIM);
        imply(implied, "clock", spec.clock().isPresent(), PoolFeature.IDLE_TRIM);
        imply(implied, "leakDetection", spec.leakDetection() != LeakDetection.OFF, PoolFeature.LEAK_DETECTION);
        return implied;
    }

    private static void imply(Map<String, PoolFeature> implied, String setting, boolean given, PoolFeature feature) {
        if (given) {
            implied.put(setting, feature);
        }
    }

    /** See {@link PoolSpec#checkHonouredBy(String, Set)}. */
    static void checkHonouredBy(PoolSpec<?> spec, String provider, Set<PoolFeature> features) {
        for (Map.Entry<String, PoolFeature> setting : spec.settingFeatures().entrySet()) {
            if (!features.contains(setting.getValue())) {
                throw new IllegalArgumentException("provider '" + provider + "' cannot honour setting "
                        + setting.getKey() + " of pool " + spec.name() + ": it needs feature " + setting.getValue()
                        + ", and " + provider + " has only " + features);
            }
        }
        for (PoolFeature feature : spec.requiredFeatures()) {
            if (!features.contains(feature)) {
                throw new IllegalArgumentException("provider '" + provider + "' lacks feature " + feature
                        + " required by pool " + spec.name() + "; it has only " + features);
            }
        }
    }

    /** The type, the name and every setting given, as {@code PoolSpec[type=..., name=..., ...]}. */
    static String describe(PoolSpec<?> spec) {
        StringJoiner s = new StringJoiner(", ", "PoolSpec[", "]");
        s.add("type=" + spec.type().name()).add("name=" + spec.name());
        add(s, "provider", spec.provider().orElse(null));
        if (!spec.requiredFeatures().isEmpty()) {
            s.add("require=" + spec.requiredFeatures());
        }
        if (!spec.decorators().isEmpty()) {
            s.add("decorate=" + spec.decorators());
        }
        add(s, "maxIdleBuffers", spec.maxIdleBuffers().isPresent() ? spec.maxIdleBuffers().getAsInt() : null);
        add(s, "trimCapacity", spec.trimCapacity().isPresent() ? spec.trimCapacity().getAsInt() : null);
        add(s, "threadCacheSize", spec.threadCacheSize().isPresent() ? spec.threadCacheSize().getAsInt() : null);
        add(s, "shards", spec.shards().isPresent() ? spec.shards().getAsInt() : null);
        add(s, "sizeClasses", spec.sizeClasses().map(Arrays::toString).orElse(null));
        add(s, "zeroOnRelease", spec.zeroOnRelease() ? Boolean.TRUE : null);
        add(s, "preallocate", spec.preallocate().isPresent() ? spec.preallocate().getAsInt() : null);
        add(s, "maxBuffers", spec.maxBuffers().isPresent() ? spec.maxBuffers().getAsInt() : null);
        add(s, "bufferCapacity", spec.bufferCapacity().isPresent() ? spec.bufferCapacity().getAsInt() : null);
        add(s, "maxWait", spec.maxWait().orElse(null));
        add(s, "memoryBudget", spec.memoryBudget().isPresent() ? spec.memoryBudget().getAsLong() : null);
        add(s, "idleTimeout", spec.idleTimeout().orElse(null));
        add(s, "maxIdleBytes", spec.maxIdleBytes().isPresent() ? spec.maxIdleBytes().getAsLong() : null);
        add(s, "clock", spec.clock().orElse(null));
        add(s, "leakDetection", spec.leakDetection() == LeakDetection.OFF ? null : spec.leakDetection());
        return s.toString();
    }

    private static void add(StringJoiner s, String setting, Object value) {
        if (value != null) {
            s.add(setting + "=" + value);
        }
    }
}
