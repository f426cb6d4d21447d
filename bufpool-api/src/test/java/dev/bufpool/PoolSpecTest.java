package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolSpecTest {

    private static PoolSpec.Builder<byte[]> bytes() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY);
    }

    /** A setting that needs {@code feature}; the label is the setting's name. */
    private static Arguments implies(String setting, Consumer<PoolSpec.Builder<byte[]>> apply, PoolFeature feature) {
        return Arguments.of(setting, apply, Map.of(setting, feature));
    }

    /** Settings that every provider honours, so they imply nothing. */
    private static Arguments impliesNothing(String label, Consumer<PoolSpec.Builder<byte[]>> apply) {
        return Arguments.of(label, apply, Map.of());
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                implies("shards", b -> b.shards(1), PoolFeature.SHARDED),
                implies("threadCacheSize", b -> b.threadCacheSize(1), PoolFeature.THREAD_CACHE),
                impliesNothing("threadCacheSize=0", b -> b.threadCacheSize(0)),
                implies("sizeClasses", b -> b.sizeClasses(4096), PoolFeature.SIZE_CLASSES),
                implies("zeroOnRelease", b -> b.zeroOnRelease(true), PoolFeature.ZEROING),
                impliesNothing("zeroOnRelease=false", b -> b.zeroOnRelease(false)),
                implies("maxBuffers", b -> b.maxBuffers(4), PoolFeature.BOUNDED),
                implies("memoryBudget", b -> b.memoryBudget(1L << 20), PoolFeature.BOUNDED),
                implies("maxWait", b -> b.maxWait(Duration.ZERO), PoolFeature.BLOCKING),
                implies("idleTimeout", b -> b.idleTimeout(Duration.ofMinutes(1)), PoolFeature.IDLE_TRIM),
                implies("maxIdleBytes", b -> b.maxIdleBytes(0), PoolFeature.IDLE_TRIM),
                implies("clock", b -> b.clock(java.time.InstantSource.system()), PoolFeature.IDLE_TRIM),
                implies("leakDetection", b -> b.leakDetection(LeakDetection.SAMPLE), PoolFeature.LEAK_DETECTION),
                implies("leakDetection", b -> b.leakDetection(LeakDetection.PARANOID), PoolFeature.LEAK_DETECTION),
                impliesNothing("leakDetection=OFF", b -> b.leakDetection(LeakDetection.OFF)),
                impliesNothing("maxIdleBuffers", b -> b.maxIdleBuffers(8)),
                impliesNothing("trimCapacity", b -> b.trimCapacity(8)),
                impliesNothing("preallocate", b -> b.preallocate(8)),
                impliesNothing("bufferCapacity", b -> b.bufferCapacity(8)),
                impliesNothing("name, provider and decorators", b -> b.name("n").provider("p").decorate("d")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("settings")
    void eachSettingImpliesTheFeatureItNeeds(String label, Consumer<PoolSpec.Builder<byte[]>> apply,
            Map<String, PoolFeature> expected) {
        PoolSpec.Builder<byte[]> builder = bytes();
        apply.accept(builder);
        PoolSpec<byte[]> spec = builder.build();

        assertEquals(expected, spec.settingFeatures());
        assertEquals(Set.copyOf(expected.values()), spec.features());
    }

    @Test
    void aSpecWithNoSettingsNeedsNoFeature() {
        PoolSpec<byte[]> spec = bytes().build();
        assertTrue(spec.settingFeatures().isEmpty());
        assertTrue(spec.features().isEmpty());
        assertTrue(spec.requiredFeatures().isEmpty());
    }

    @Test
    void settingFeaturesAreInDeclarationOrderWhateverTheOrderOfTheCalls() {
        PoolSpec<byte[]> spec = bytes().maxWait(Duration.ZERO).zeroOnRelease(true).shards(2).build();
        assertEquals(List.of("shards", "zeroOnRelease", "maxWait"), List.copyOf(spec.settingFeatures().keySet()));
    }

    @Test
    void featuresAreTheRequiredOnesAndTheImpliedOnes() {
        PoolSpec<byte[]> spec = bytes().require(PoolFeature.SHARING, PoolFeature.ZEROING).maxBuffers(2).build();
        assertEquals(EnumSet.of(PoolFeature.SHARING, PoolFeature.ZEROING), spec.requiredFeatures());
        assertEquals(EnumSet.of(PoolFeature.SHARING, PoolFeature.ZEROING, PoolFeature.BOUNDED), spec.features());
    }

    @Test
    void requireAccumulatesOverCalls() {
        PoolSpec<byte[]> spec = bytes().require(PoolFeature.SHARING).require(PoolFeature.BLOCKING).build();
        assertEquals(EnumSet.of(PoolFeature.SHARING, PoolFeature.BLOCKING), spec.requiredFeatures());
    }

    @Test
    void featuresIsAFreshModifiableSetThatLeavesTheSpecAlone() {
        PoolSpec<byte[]> spec = bytes().zeroOnRelease(true).build();
        Set<PoolFeature> features = spec.features();
        features.add(PoolFeature.BOUNDED);
        assertEquals(EnumSet.of(PoolFeature.ZEROING), spec.features());
    }

    @Test
    void theSpecsCollectionsCannotBeModified() {
        PoolSpec<byte[]> spec = bytes().require(PoolFeature.SHARING).decorate("stats").zeroOnRelease(true).build();
        assertThrows(UnsupportedOperationException.class, () -> spec.requiredFeatures().add(PoolFeature.BOUNDED));
        assertThrows(UnsupportedOperationException.class, () -> spec.decorators().add("more"));
        assertThrows(UnsupportedOperationException.class, () -> spec.settingFeatures().clear());
    }

    @Test
    void gettersReturnWhatWasSet() {
        PoolSpec<ByteBuffer> spec = PoolSpec.builder(BufferTypes.DIRECT_BYTE_BUFFER)
                .name("frames").provider("bounded").require(PoolFeature.SHARING).decorate("stats", "trace")
                .maxIdleBuffers(16).trimCapacity(1 << 16).threadCacheSize(4).shards(8).sizeClasses(512, 4096)
                .zeroOnRelease(true).preallocate(16).maxBuffers(32).bufferCapacity(4096)
                .maxWait(Duration.ofMillis(250)).memoryBudget(1L << 24).idleTimeout(Duration.ofSeconds(30))
                .maxIdleBytes(1L << 20).leakDetection(LeakDetection.SAMPLE)
                .build();

        assertSame(BufferTypes.DIRECT_BYTE_BUFFER, spec.type());
        assertEquals("frames", spec.name());
        assertEquals("bounded", spec.provider().orElseThrow());
        assertEquals(EnumSet.of(PoolFeature.SHARING), spec.requiredFeatures());
        assertEquals(List.of("stats", "trace"), spec.decorators());
        assertEquals(16, spec.maxIdleBuffers().getAsInt());
        assertEquals(1 << 16, spec.trimCapacity().getAsInt());
        assertEquals(4, spec.threadCacheSize().getAsInt());
        assertEquals(8, spec.shards().getAsInt());
        assertArrayEquals(new int[] {512, 4096}, spec.sizeClasses().orElseThrow());
        assertTrue(spec.zeroOnRelease());
        assertEquals(16, spec.preallocate().getAsInt());
        assertEquals(32, spec.maxBuffers().getAsInt());
        assertEquals(4096, spec.bufferCapacity().getAsInt());
        assertEquals(Duration.ofMillis(250), spec.maxWait().orElseThrow());
        assertEquals(1L << 24, spec.memoryBudget().getAsLong());
        assertEquals(Duration.ofSeconds(30), spec.idleTimeout().orElseThrow());
        assertEquals(1L << 20, spec.maxIdleBytes().getAsLong());
        assertEquals(LeakDetection.SAMPLE, spec.leakDetection());
    }

    @Test
    void unsetSettingsAreEmptyAndLeakDetectionIsOff() {
        PoolSpec<float[]> spec = PoolSpec.builder(BufferTypes.FLOAT_ARRAY).build();
        assertTrue(spec.provider().isEmpty());
        assertTrue(spec.decorators().isEmpty());
        assertTrue(spec.maxIdleBuffers().isEmpty());
        assertTrue(spec.trimCapacity().isEmpty());
        assertTrue(spec.threadCacheSize().isEmpty());
        assertTrue(spec.shards().isEmpty());
        assertTrue(spec.sizeClasses().isEmpty());
        assertFalse(spec.zeroOnRelease());
        assertTrue(spec.preallocate().isEmpty());
        assertTrue(spec.maxBuffers().isEmpty());
        assertTrue(spec.bufferCapacity().isEmpty());
        assertTrue(spec.maxWait().isEmpty());
        assertTrue(spec.memoryBudget().isEmpty());
        assertTrue(spec.idleTimeout().isEmpty());
        assertTrue(spec.maxIdleBytes().isEmpty());
        assertEquals(LeakDetection.OFF, spec.leakDetection());
    }

    @Test
    void aSpecWithoutANameGetsADistinctGeneratedOne() {
        String first = bytes().build().name();
        String second = bytes().build().name();
        assertTrue(first.matches("pool-\\d+"), first);
        assertTrue(second.matches("pool-\\d+"), second);
        assertNotEquals(first, second);
    }

    @Test
    void sizeClassesAreCopiedOnTheWayInAndOnTheWayOut() {
        int[] given = {1024, 4096};
        PoolSpec<byte[]> spec = bytes().sizeClasses(given).build();
        given[0] = 3;
        spec.sizeClasses().orElseThrow()[1] = 5;
        assertArrayEquals(new int[] {1024, 4096}, spec.sizeClasses().orElseThrow());
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheSpecAlone() {
        PoolSpec.Builder<byte[]> builder = bytes().decorate("stats").require(PoolFeature.SHARING);
        PoolSpec<byte[]> spec = builder.build();
        builder.decorate("trace").require(PoolFeature.BOUNDED).shards(2);
        assertEquals(List.of("stats"), spec.decorators());
        assertEquals(EnumSet.of(PoolFeature.SHARING), spec.requiredFeatures());
        assertTrue(spec.shards().isEmpty());
    }

    @Test
    void toStringListsTheTypeTheNameAndEverySettingGiven() {
        String text = bytes().name("pcm").provider("sizeclass").require(PoolFeature.SHARING).decorate("stats")
                .maxIdleBuffers(8).trimCapacity(4096).threadCacheSize(2).shards(4).sizeClasses(1024, 4096)
                .zeroOnRelease(true).preallocate(2).maxBuffers(8).bufferCapacity(1024)
                .maxWait(Duration.ofSeconds(1)).memoryBudget(65536).idleTimeout(Duration.ofMinutes(5))
                .maxIdleBytes(32768).leakDetection(LeakDetection.PARANOID)
                .build().toString();

        for (String part : List.of("type=byte[]", "name=pcm", "provider=sizeclass", "require=[SHARING]",
                "decorate=[stats]", "maxIdleBuffers=8", "trimCapacity=4096", "threadCacheSize=2", "shards=4",
                "sizeClasses=[1024, 4096]", "zeroOnRelease=true", "preallocate=2", "maxBuffers=8",
                "bufferCapacity=1024", "maxWait=PT1S", "memoryBudget=65536", "idleTimeout=PT5M",
                "maxIdleBytes=32768", "leakDetection=PARANOID")) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    @Test
    void toStringLeavesOutWhatWasNotSet() {
        assertEquals("PoolSpec[type=heap ByteBuffer, name=plain]",
                PoolSpec.builder(BufferTypes.HEAP_BYTE_BUFFER).name("plain").build().toString());
    }

    @Test
    void withoutSettingsNeedingLeavesOutExactlyThoseSettings() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("w").shards(4)
                .leakDetection(LeakDetection.PARANOID).idleTimeout(java.time.Duration.ofSeconds(3))
                .require(PoolFeature.LEAK_DETECTION).decorate("stats").build();
        PoolSpec<byte[]> copy = spec.withoutSettingsNeeding(java.util.Set.of(PoolFeature.LEAK_DETECTION));
        assertEquals(LeakDetection.OFF, copy.leakDetection());
        assertEquals(4, copy.shards().getAsInt());
        assertEquals(java.time.Duration.ofSeconds(3), copy.idleTimeout().orElseThrow());
        assertEquals("w", copy.name());
        assertEquals(java.util.List.of("stats"), copy.decorators());
        assertEquals(java.util.Set.of(PoolFeature.SHARDED, PoolFeature.IDLE_TRIM), copy.features());
        assertSame(spec, spec.withoutSettingsNeeding(java.util.Set.of(PoolFeature.ZEROING)), "nothing to leave out");
    }
}
