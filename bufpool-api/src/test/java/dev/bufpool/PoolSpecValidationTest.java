package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PoolSpecValidationTest {

    private static final int MAX_BUFFERS = 1 << 20;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /** 32 classes: every positive power of two an int holds, and one more. */
    private static final int[] TOO_MANY_CLASSES = IntStream.concat(
            IntStream.of(powersOfTwo(31)), IntStream.of(Integer.MAX_VALUE)).toArray();

    /** One setting given one value; {@code toString} names the case in the test report. */
    record Setting(String label, Consumer<PoolSpec.Builder<byte[]>> apply) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** A bad value and the parts its message must hold: the setting, the value, what is allowed. */
    record Bad(Setting setting, String name, String value, String allowed) {
        @Override
        public String toString() {
            return setting.label();
        }
    }

    private static Setting set(String label, Consumer<PoolSpec.Builder<byte[]>> apply) {
        return new Setting(label, apply);
    }

    private static Bad bad(String name, String value, String allowed, Consumer<PoolSpec.Builder<byte[]>> apply) {
        return new Bad(set(name + "=" + value, apply), name, value, allowed);
    }

    private static int[] powersOfTwo(int count) {
        return IntStream.range(0, count).map(i -> 1 << i).toArray();
    }

    static Stream<Bad> badValues() {
        return Stream.of(
                bad("name", "' '", "not be blank", b -> b.name(" ")),
                bad("name", "''", "not be blank", b -> b.name("")),
                bad("provider", "'\t'", "not be blank", b -> b.provider("\t")),
                bad("decorate", "' '", "name decorators", b -> b.decorate("stats", " ")),
                bad("maxIdleBuffers", "-1", "[0, 1048576]", b -> b.maxIdleBuffers(-1)),
                bad("maxIdleBuffers", "1048577", "[0, 1048576]", b -> b.maxIdleBuffers(MAX_BUFFERS + 1)),
                bad("trimCapacity", "0", "[1, 2147483639]", b -> b.trimCapacity(0)),
                bad("trimCapacity", "-5", "[1, 2147483639]", b -> b.trimCapacity(-5)),
                bad("trimCapacity", "2147483640", "[1, 2147483639]", b -> b.trimCapacity(MAX_CAPACITY + 1)),
                bad("threadCacheSize", "-1", "[0, 64]", b -> b.threadCacheSize(-1)),
                bad("threadCacheSize", "65", "[0, 64]", b -> b.threadCacheSize(65)),
                bad("shards", "0", "power of two in [1, 1024]", b -> b.shards(0)),
                bad("shards", "-4", "power of two in [1, 1024]", b -> b.shards(-4)),
                bad("shards", "3", "power of two in [1, 1024]", b -> b.shards(3)),
                bad("shards", "2048", "power of two in [1, 1024]", b -> b.shards(2048)),
                // new int[0], not sizeClasses(): in this package that call reaches the builder's getter
                bad("sizeClasses", "[]", "1 to 31 classes", b -> b.sizeClasses(new int[0])),
                bad("sizeClasses", Arrays.toString(TOO_MANY_CLASSES), "1 to 31 classes",
                        b -> b.sizeClasses(TOO_MANY_CLASSES)),
                bad("sizeClasses", "[4096, 1024]", "strictly ascending", b -> b.sizeClasses(4096, 1024)),
                bad("sizeClasses", "[4096, 4096]", "strictly ascending", b -> b.sizeClasses(4096, 4096)),
                bad("sizeClasses", "[4096, 5000]", "powers of two", b -> b.sizeClasses(4096, 5000)),
                bad("sizeClasses", "[0, 4096]", "powers of two", b -> b.sizeClasses(0, 4096)),
                bad("sizeClasses", "[-2147483648]", "powers of two", b -> b.sizeClasses(Integer.MIN_VALUE)),
                bad("preallocate", "-1", "[0, 1048576]", b -> b.preallocate(-1)),
                bad("preallocate", "1048577", "[0, 1048576]", b -> b.preallocate(MAX_BUFFERS + 1)),
                bad("preallocate", "5", "<= maxIdleBuffers (4)", b -> b.preallocate(5).maxIdleBuffers(4)),
                bad("preallocate", "9", "<= maxBuffers (8)", b -> b.preallocate(9).maxBuffers(8)),
                bad("maxBuffers", "0", "[1, 1048576]", b -> b.maxBuffers(0)),
                bad("maxBuffers", "-1", "[1, 1048576]", b -> b.maxBuffers(-1)),
                bad("maxBuffers", "1048577", "[1, 1048576]", b -> b.maxBuffers(MAX_BUFFERS + 1)),
                bad("bufferCapacity", "0", "[1, 2147483639]", b -> b.bufferCapacity(0)),
                bad("bufferCapacity", "2147483647", "[1, 2147483639]", b -> b.bufferCapacity(Integer.MAX_VALUE)),
                bad("maxWait", "PT-0.001S", ">= 0", b -> b.maxWait(Duration.ofMillis(-1))),
                bad("memoryBudget", "0", ">= 1", b -> b.memoryBudget(0)),
                bad("memoryBudget", "-1", ">= 1", b -> b.memoryBudget(-1)),
                bad("idleTimeout", "PT0S", "be in [PT0.001S, PT720H]", b -> b.idleTimeout(Duration.ZERO)),
                bad("idleTimeout", "PT-1S", "be in [PT0.001S, PT720H]", b -> b.idleTimeout(Duration.ofSeconds(-1))),
                bad("idleTimeout", "PT0.000999999S", "be in [PT0.001S, PT720H]",
                        b -> b.idleTimeout(Duration.ofNanos(999_999))),
                bad("idleTimeout", "PT720H0.000000001S", "be in [PT0.001S, PT720H]",
                        b -> b.idleTimeout(Duration.ofDays(30).plusNanos(1))),
                bad("idleTimeout", "PT2562047788015215H30M7.999999999S", "be in [PT0.001S, PT720H]",
                        b -> b.idleTimeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))),
                bad("maxIdleBytes", "-1", ">= 0", b -> b.maxIdleBytes(-1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingTheSettingTheValueAndWhatIsAllowed(Bad bad) {
        PoolSpec.Builder<byte[]> builder = PoolSpec.builder(BufferTypes.BYTE_ARRAY);
        bad.setting().apply().accept(builder);

        String message = assertThrows(IllegalArgumentException.class, builder::build).getMessage();
        assertTrue(message.startsWith(bad.name() + " must "), message);
        assertTrue(message.contains(bad.name() + "=" + bad.value()), message);
        assertTrue(message.contains(bad.allowed()), message);
    }

    static Stream<Setting> boundaryValues() {
        return Stream.of(
                set("name=x", b -> b.name("x")),
                set("provider=sharded", b -> b.provider("sharded")),
                set("decorate=stats", b -> b.decorate("stats")),
                set("maxIdleBuffers=0", b -> b.maxIdleBuffers(0)),
                set("maxIdleBuffers=1048576", b -> b.maxIdleBuffers(MAX_BUFFERS)),
                set("trimCapacity=1", b -> b.trimCapacity(1)),
                set("trimCapacity=2147483639", b -> b.trimCapacity(MAX_CAPACITY)),
                set("threadCacheSize=0", b -> b.threadCacheSize(0)),
                set("threadCacheSize=64", b -> b.threadCacheSize(64)),
                set("shards=1", b -> b.shards(1)),
                set("shards=1024", b -> b.shards(1024)),
                set("sizeClasses=[1]", b -> b.sizeClasses(1)),
                set("sizeClasses=31 classes up to 2^30", b -> b.sizeClasses(powersOfTwo(31))),
                set("preallocate=0", b -> b.preallocate(0)),
                set("preallocate=1048576", b -> b.preallocate(MAX_BUFFERS)),
                set("preallocate=maxIdleBuffers=maxBuffers",
                        b -> b.preallocate(8).maxIdleBuffers(8).maxBuffers(8)),
                set("maxBuffers=1", b -> b.maxBuffers(1)),
                set("maxBuffers=1048576", b -> b.maxBuffers(MAX_BUFFERS)),
                set("bufferCapacity=1", b -> b.bufferCapacity(1)),
                set("bufferCapacity=2147483639", b -> b.bufferCapacity(MAX_CAPACITY)),
                set("maxWait=0", b -> b.maxWait(Duration.ZERO)),
                set("memoryBudget=1", b -> b.memoryBudget(1)),
                set("memoryBudget=Long.MAX_VALUE", b -> b.memoryBudget(Long.MAX_VALUE)),
                set("idleTimeout=1ms", b -> b.idleTimeout(Duration.ofMillis(1))),
                set("idleTimeout=30d", b -> b.idleTimeout(Duration.ofDays(30))),
                set("maxIdleBytes=0", b -> b.maxIdleBytes(0)),
                set("leakDetection=PARANOID", b -> b.leakDetection(LeakDetection.PARANOID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryValues")
    void aValueAtTheEdgeOfItsRangeBuilds(Setting setting) {
        PoolSpec.Builder<byte[]> builder = PoolSpec.builder(BufferTypes.BYTE_ARRAY);
        setting.apply().accept(builder);
        assertDoesNotThrow(builder::build);
    }

    @Test
    void aBuilderThatFailedBuildsOnceTheSettingIsCorrected() {
        PoolSpec.Builder<byte[]> builder = PoolSpec.builder(BufferTypes.BYTE_ARRAY).shards(3);
        assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(4, builder.shards(4).build().shards().getAsInt());
    }

    @Test
    void theFirstBadSettingInDeclarationOrderIsReported() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PoolSpec.builder(BufferTypes.BYTE_ARRAY).maxIdleBytes(-1).shards(3).build()).getMessage();
        assertTrue(message.startsWith("shards must "), message);
    }

    static Stream<Setting> nulls() {
        return Stream.of(
                set("name", b -> b.name(null)),
                set("provider", b -> b.provider(null)),
                set("features", b -> b.require((PoolFeature[]) null)),
                set("feature", b -> b.require(PoolFeature.ZEROING, null)),
                set("names", b -> b.decorate((String[]) null)),
                set("decorator", b -> b.decorate("stats", null)),
                set("classes", b -> b.sizeClasses((int[]) null)),
                set("maxWait", b -> b.maxWait(null)),
                set("idleTimeout", b -> b.idleTimeout(null)),
                set("clock", b -> b.clock(null)),
                set("leakDetection", b -> b.leakDetection(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulls")
    void aNullIsRefusedAtOnceNamingTheParameter(Setting parameter) {
        PoolSpec.Builder<byte[]> builder = PoolSpec.builder(BufferTypes.BYTE_ARRAY);
        Executable call = () -> parameter.apply().accept(builder);
        assertEquals(parameter.label(), assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void aNullTypeIsRefusedNamingIt() {
        assertEquals("type", assertThrows(NullPointerException.class, () -> PoolSpec.builder(null)).getMessage());
    }
}
