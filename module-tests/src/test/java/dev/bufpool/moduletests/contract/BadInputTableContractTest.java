package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.LeakDetection;
import dev.bufpool.Lease;
import dev.bufpool.PoolExhaustedException;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.PoolStats;
import dev.bufpool.SharedBuffer;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: one row for every public method of the API that takes input, run against
 * every provider found, plain and decorated with {@code "stats"} where a pool is involved. A bad
 * value is refused with the exception the API documents and a message naming the parameter or
 * setting and the value; lifecycle misuse (a closed pool, lease or shared buffer) with an
 * {@link IllegalStateException} naming the pool; and after every row the pool still works: a normal
 * acquire and close, every buffer of a bounded pool still to be had, no lease left out.
 *
 * <p>Rows marked {@link Verdict#CURRENT} document what the code does now, which is acceptable but not
 * what the house style asks for; the others assert the right behaviour.
 */
class BadInputTableContractTest {

    /** Whether a row asserts the right behaviour or documents an acceptable current one. */
    enum Verdict { RIGHT, CURRENT }

    /** A call that must be refused; the words its message must hold ({@code {pool}}: the pool's name). */
    record Refusal(Class<? extends Throwable> thrown, List<String> words, Verdict verdict) {
    }

    @FunctionalInterface
    interface PoolCall {
        void on(BufferPool<byte[]> pool) throws Exception;
    }

    /** A row on a pool: the call, and what it must throw. */
    record PoolRow(PoolCall call, Refusal refusal, boolean boundedOnly) {
    }

    private static final int LARGEST = 1000;
    private static final int MOST_OUT = 4;

    private static Refusal refused(Class<? extends Throwable> thrown, String... words) {
        return new Refusal(thrown, List.of(words), Verdict.RIGHT);
    }

    private static Refusal current(Class<? extends Throwable> thrown, String... words) {
        return new Refusal(thrown, List.of(words), Verdict.CURRENT);
    }

    private static void assertRefused(Refusal refusal, Executable call, String poolName) {
        Throwable thrown = assertThrows(refusal.thrown(), call);
        String message = String.valueOf(thrown.getMessage());
        for (String word : refusal.words()) {
            String wanted = word.replace("{pool}", poolName);
            assertTrue(message.contains(wanted), () -> refusal.verdict() + ": the message lacks '" + wanted + "': " + message);
        }
    }

    static BufferPool<byte[]> open(BufferPoolProvider provider, boolean decorated, UnaryOperator<PoolSpec.Builder<byte[]>> more,
            BufferType<byte[]> type) {
        PoolSpec.Builder<byte[]> spec = FittedSpec.builder(provider, type, LARGEST, MOST_OUT)
                .name("table-" + provider.name() + (decorated ? "-stats" : ""));
        if (decorated) {
            spec.decorate("stats");
        }
        return BufferPools.create(more.apply(spec).build());
    }

    static BufferPool<byte[]> open(BufferPoolProvider provider, boolean decorated) {
        return open(provider, decorated, b -> b, BufferTypes.BYTE_ARRAY);
    }

    /** The pool still works: no lease out, and {@value #MOST_OUT} leases at once (every slot of a bounded pool). */
    static void assertStillWorks(BufferPool<byte[]> pool) {
        PoolStats stats = pool.stats();
        assertTrue(stats.outstanding() <= 0, () -> "a refused call left a lease out: " + stats);
        List<Lease<byte[]>> leases = new ArrayList<>();
        for (int i = 0; i < MOST_OUT; i++) {
            Lease<byte[]> lease = pool.tryAcquire(64);
            assertNotNull(lease, () -> "the pool lost a buffer: lease " + leases.size() + " of " + MOST_OUT + ", " + pool.stats());
            assertTrue(lease.capacity() >= 64);
            leases.add(lease);
        }
        leases.forEach(Lease::close);
        try (Lease<byte[]> lease = pool.acquire(64)) {
            assertTrue(lease.buffer().length >= 64);
        }
    }

    // ---- The facade, the spec, the value types: no pool of their own ----

    private static Named<Map.Entry<Executable, Refusal>> row(String label, Executable call, Refusal refusal) {
        return Named.of(label, Map.entry(call, refusal));
    }

    private static PoolSpec.Builder<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("bad-spec");
    }

    static Stream<Named<Map.Entry<Executable, Refusal>>> apiRows() {
        Duration second = Duration.ofSeconds(1);
        return Stream.of(
                row("BufferPools.create(null)", () -> BufferPools.create(null), refused(NullPointerException.class, "spec")),
                row("BufferPools.provider(null)", () -> BufferPools.provider(null), refused(NullPointerException.class, "name")),
                row("BufferPools.provider(unknown)", () -> BufferPools.provider("no-such"),
                        refused(IllegalStateException.class, "'no-such'", "sharded")),
                row("create: unknown provider", () -> BufferPools.create(spec().provider("no-such").build()),
                        refused(IllegalStateException.class, "'no-such'", "bad-spec")),
                row("create: unknown decorator", () -> BufferPools.create(spec().decorate("no-such").build()),
                        refused(IllegalStateException.class, "'no-such'", "bad-spec", "stats")),
                row("create: features no provider has", () -> BufferPools.create(spec().require(PoolFeature.values()).build()),
                        refused(IllegalStateException.class, "features", "bad-spec")),
                row("bytes().close()", () -> BufferPools.bytes().close(),
                        refused(UnsupportedOperationException.class, "bufpool.bytes")),
                row("floats().close()", () -> BufferPools.floats().close(),
                        refused(UnsupportedOperationException.class, "bufpool.floats")),
                row("bytes().acquire(-1)", () -> BufferPools.bytes().acquire(-1),
                        refused(IllegalArgumentException.class, "minCapacity", "-1")),
                row("builder(null)", () -> PoolSpec.builder(null), refused(NullPointerException.class, "type")),
                row("name(null)", () -> spec().name(null), refused(NullPointerException.class, "name")),
                row("name(blank)", () -> spec().name(" ").build(), refused(IllegalArgumentException.class, "name", "' '")),
                row("provider(null)", () -> spec().provider(null), refused(NullPointerException.class, "provider")),
                row("provider(blank)", () -> spec().provider("").build(), refused(IllegalArgumentException.class, "provider", "''")),
                row("require(null)", () -> spec().require((PoolFeature[]) null), refused(NullPointerException.class, "features")),
                row("require(null feature)", () -> spec().require(PoolFeature.SHARING, null),
                        refused(NullPointerException.class, "feature")),
                row("decorate(null)", () -> spec().decorate((String[]) null), refused(NullPointerException.class, "names")),
                row("decorate(null name)", () -> spec().decorate("stats", null), refused(NullPointerException.class, "decorator")),
                row("decorate(blank)", () -> spec().decorate(" ").build(), refused(IllegalArgumentException.class, "decorate", "' '")),
                row("maxIdleBuffers(-1)", () -> spec().maxIdleBuffers(-1).build(), setting("maxIdleBuffers", "-1")),
                row("maxIdleBuffers(MAX)", () -> spec().maxIdleBuffers(Integer.MAX_VALUE).build(),
                        setting("maxIdleBuffers", "2147483647")),
                row("trimCapacity(0)", () -> spec().trimCapacity(0).build(), setting("trimCapacity", "0")),
                row("trimCapacity(MAX)", () -> spec().trimCapacity(Integer.MAX_VALUE).build(), setting("trimCapacity", "2147483647")),
                row("threadCacheSize(-1)", () -> spec().threadCacheSize(-1).build(), setting("threadCacheSize", "-1")),
                row("threadCacheSize(65)", () -> spec().threadCacheSize(65).build(), setting("threadCacheSize", "65")),
                row("shards(0)", () -> spec().shards(0).build(), setting("shards", "0")),
                row("shards(3)", () -> spec().shards(3).build(), setting("shards", "3")),
                row("shards(MIN)", () -> spec().shards(Integer.MIN_VALUE).build(), setting("shards", "-2147483648")),
                row("sizeClasses(null)", () -> spec().sizeClasses((int[]) null), refused(NullPointerException.class, "classes")),
                row("sizeClasses()", () -> spec().sizeClasses().build(), setting("sizeClasses", "[]")),
                row("sizeClasses(3)", () -> spec().sizeClasses(3).build(), setting("sizeClasses", "[3]")),
                row("sizeClasses(8, 4)", () -> spec().sizeClasses(8, 4).build(), setting("sizeClasses", "[8, 4]")),
                row("preallocate(-1)", () -> spec().preallocate(-1).build(), setting("preallocate", "-1")),
                row("preallocate(MAX)", () -> spec().preallocate(Integer.MAX_VALUE).build(), setting("preallocate", "2147483647")),
                row("preallocate above maxIdleBuffers", () -> spec().maxIdleBuffers(2).preallocate(3).build(),
                        setting("preallocate", "3", "maxIdleBuffers")),
                row("preallocate above maxBuffers", () -> spec().maxBuffers(2).preallocate(3).build(),
                        setting("preallocate", "3", "maxBuffers")),
                row("maxBuffers(0)", () -> spec().maxBuffers(0).build(), setting("maxBuffers", "0")),
                row("maxBuffers(MAX)", () -> spec().maxBuffers(Integer.MAX_VALUE).build(), setting("maxBuffers", "2147483647")),
                row("bufferCapacity(-1)", () -> spec().bufferCapacity(-1).build(), setting("bufferCapacity", "-1")),
                row("bufferCapacity(MAX)", () -> spec().bufferCapacity(Integer.MAX_VALUE).build(),
                        setting("bufferCapacity", "2147483647")),
                row("maxWait(null)", () -> spec().maxWait(null), refused(NullPointerException.class, "maxWait")),
                row("maxWait(-1 ms)", () -> spec().maxWait(Duration.ofMillis(-1)).build(), setting("maxWait", "PT-0.001S")),
                row("memoryBudget(0)", () -> spec().memoryBudget(0).build(), setting("memoryBudget", "0")),
                row("memoryBudget(MIN)", () -> spec().memoryBudget(Long.MIN_VALUE).build(),
                        setting("memoryBudget", String.valueOf(Long.MIN_VALUE))),
                row("idleTimeout(null)", () -> spec().idleTimeout(null), refused(NullPointerException.class, "idleTimeout")),
                row("idleTimeout(0)", () -> spec().idleTimeout(Duration.ZERO).build(), setting("idleTimeout", "PT0S")),
                row("idleTimeout(-1 s)", () -> spec().idleTimeout(second.negated()).build(), setting("idleTimeout", "PT-1S")),
                row("idleTimeout(MAX)", () -> spec().idleTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build(),
                        setting("idleTimeout", "PT")),
                row("maxIdleBytes(-1)", () -> spec().maxIdleBytes(-1).build(), setting("maxIdleBytes", "-1")),
                row("clock(null)", () -> spec().clock(null), refused(NullPointerException.class, "clock")),
                row("leakDetection(null)", () -> spec().leakDetection(null), refused(NullPointerException.class, "leakDetection")),
                row("checkHonouredBy(null, ...)", () -> spec().build().checkHonouredBy(null, Set.of()),
                        refused(NullPointerException.class, "provider")),
                row("checkHonouredBy(..., null)", () -> spec().build().checkHonouredBy("x", null),
                        refused(NullPointerException.class, "features")),
                row("new PoolStats(-2, ...)", () -> new PoolStats(-2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                        refused(IllegalArgumentException.class, "acquisitions", "-2")),
                row("PoolStats.builder().leaks(-2)", () -> PoolStats.builder().leaks(-2).build(),
                        refused(IllegalArgumentException.class, "leaks", "-2")),
                row("PoolStats.idleOnly(-5, 0)", () -> PoolStats.idleOnly(-5, 0),
                        refused(IllegalArgumentException.class, "idleBuffers", "-5")),
                row("new PoolExhaustedException(null pool)", () -> new PoolExhaustedException(null, 1, second, 0, "", null),
                        refused(NullPointerException.class, "poolName")),
                row("new PoolExhaustedException(null waited)", () -> new PoolExhaustedException("p", 1, null, 0, "", null),
                        refused(NullPointerException.class, "waited")),
                row("new PoolExhaustedException(null detail)", () -> new PoolExhaustedException("p", 1, second, 0, null, null),
                        refused(NullPointerException.class, "detail")),
                row("PoolFeature.valueOf(unknown)", () -> PoolFeature.valueOf("NO_SUCH"),
                        refused(IllegalArgumentException.class, "NO_SUCH")),
                row("LeakDetection.valueOf(null)", () -> LeakDetection.valueOf(null), refused(NullPointerException.class)),
                row("HEAP_BYTE_BUFFER.allocate(-1)", () -> BufferTypes.HEAP_BYTE_BUFFER.allocate(-1),
                        current(IllegalArgumentException.class, "capacity", "-1")),
                row("HEAP_BYTE_BUFFER.prepare(above capacity)",
                        () -> BufferTypes.HEAP_BYTE_BUFFER.prepare(ByteBuffer.allocate(8), 9),
                        current(IllegalArgumentException.class, "9 > 8")),
                // The JDK's own exception, not IllegalArgumentException: a precondition of the SPI, which
                // every pool checks (minCapacity) before it allocates.
                row("BYTE_ARRAY.allocate(-1)", () -> BufferTypes.BYTE_ARRAY.allocate(-1),
                        current(NegativeArraySizeException.class, "-1")),
                row("FLOAT_ARRAY.allocate(-1)", () -> BufferTypes.FLOAT_ARRAY.allocate(-1),
                        current(NegativeArraySizeException.class, "-1")));
    }

    /** A setting out of range, refused at {@code build()}: {@code name must ...: name=value}. */
    private static Refusal setting(String name, String value, String... more) {
        List<String> words = new ArrayList<>(List.of(name + " must", name + "=" + value));
        words.addAll(List.of(more));
        return new Refusal(IllegalArgumentException.class, words, Verdict.RIGHT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiRows")
    void anApiCallWithBadInputIsRefusedByNameAndValueAndPoolsStillWork(Map.Entry<Executable, Refusal> row) {
        assertRefused(row.getValue(), row.getKey(), "");
        try (Lease<byte[]> lease = BufferPools.bytes().acquire(16)) {
            assertTrue(lease.capacity() >= 16);
        }
        try (BufferPool<byte[]> pool = BufferPools.create(spec().build())) {
            assertStillWorks(pool);
        }
    }

    // ---- A pool of every provider, plain and decorated ----

    private static Named<PoolRow> poolRow(String label, PoolCall call, Refusal refusal) {
        return Named.of(label, new PoolRow(call, refusal, false));
    }

    static Stream<Named<PoolRow>> poolRows() {
        return Stream.of(
                poolRow("acquire(-1)", p -> p.acquire(-1), refused(IllegalArgumentException.class, "minCapacity", "=-1")),
                poolRow("acquire(MIN)", p -> p.acquire(Integer.MIN_VALUE),
                        refused(IllegalArgumentException.class, "minCapacity", "=-2147483648")),
                poolRow("acquire(MAX)", p -> p.acquire(Integer.MAX_VALUE),
                        refused(IllegalArgumentException.class, "minCapacity", "=2147483647")),
                Named.of("acquire(above the bounded maximum)", new PoolRow(p -> p.acquire(LARGEST + 1),
                        refused(IllegalArgumentException.class, "minCapacity", "=" + (LARGEST + 1), "{pool}"), true)),
                poolRow("tryAcquire(-1)", p -> p.tryAcquire(-1), refused(IllegalArgumentException.class, "minCapacity", "=-1")),
                poolRow("tryAcquire(MAX)", p -> p.tryAcquire(Integer.MAX_VALUE),
                        refused(IllegalArgumentException.class, "minCapacity", "=2147483647")),
                poolRow("tryAcquire(-1, 1 ms)", p -> p.tryAcquire(-1, 1, TimeUnit.MILLISECONDS),
                        refused(IllegalArgumentException.class, "minCapacity", "=-1")),
                poolRow("tryAcquire(MAX, 0 ms)", p -> p.tryAcquire(Integer.MAX_VALUE, 0, TimeUnit.MILLISECONDS),
                        refused(IllegalArgumentException.class, "minCapacity", "=2147483647")),
                poolRow("tryAcquire(1, 1, null)", p -> p.tryAcquire(1, 1, null), refused(NullPointerException.class, "unit")),
                poolRow("tryAcquire(1, 0, null)", p -> p.tryAcquire(1, 0, null), refused(NullPointerException.class, "unit")),
                poolRow("tryAcquire(1, MAX, null)", p -> p.tryAcquire(1, Long.MAX_VALUE, null),
                        refused(NullPointerException.class, "unit")));
    }

    static Stream<Arguments> poolRowsOfEveryPool() {
        List<Named<PoolRow>> rows = poolRows().toList();
        ContractKit.Applicability bounded = ContractKit.Applicability.offering(PoolFeature.BOUNDED);
        return ContractKit.providers().flatMap(p -> plainAndDecorated().flatMap(d -> rows.stream()
                .filter(r -> !r.getPayload().boundedOnly() || bounded.to(p.getPayload()))
                .map(r -> Arguments.of(p, d, r))));
    }

    private static Stream<Named<Boolean>> plainAndDecorated() {
        return Stream.of(Named.of("plain", false), Named.of("decorated", true));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("poolRowsOfEveryPool")
    void aBadArgumentIsRefusedByNameAndValueAndThePoolStillWorks(BufferPoolProvider provider, boolean decorated, PoolRow row) {
        try (BufferPool<byte[]> pool = open(provider, decorated)) {
            pool.acquire(64).close();
            long idle = pool.stats().idleBuffers();
            assertRefused(row.refusal(), () -> row.call().on(pool), pool.name());
            assertEquals(idle, pool.stats().idleBuffers(), "a refused call changed what the pool keeps");
            assertStillWorks(pool);
        }
    }

    static Stream<Arguments> everyPool() {
        return plainAndDecoratedPools(ContractKit.providers());
    }

    static Stream<Arguments> everyBoundedPool() {
        return plainAndDecoratedPools(ContractKit.providers(ContractKit.Applicability.offering(PoolFeature.BOUNDED)));
    }

    static Stream<Arguments> everySharingPool() {
        return plainAndDecoratedPools(ContractKit.providers(ContractKit.Applicability.offering(PoolFeature.SHARING)));
    }

    private static Stream<Arguments> plainAndDecoratedPools(Stream<Named<BufferPoolProvider>> providers) {
        return providers.flatMap(p -> plainAndDecorated().map(d -> Arguments.of(p, d)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyPool")
    void absurdTimeoutsNeitherFailNorWaitWhenABufferIsFree(BufferPoolProvider provider, boolean decorated) throws Exception {
        try (BufferPool<byte[]> pool = open(provider, decorated)) {
            for (TimeUnit unit : new TimeUnit[] {TimeUnit.NANOSECONDS, TimeUnit.DAYS}) {
                try (Lease<byte[]> lease = pool.tryAcquire(64, Long.MAX_VALUE, unit)) {
                    assertNotNull(lease, "timeout Long.MAX_VALUE " + unit);
                }
                try (Lease<byte[]> lease = pool.tryAcquire(64, Long.MIN_VALUE, unit)) {
                    assertNotNull(lease, "timeout Long.MIN_VALUE " + unit + ": no wait, and a buffer is free");
                }
            }
            assertStillWorks(pool);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyBoundedPool")
    void anExhaustedBoundedPoolGivesNullAtOnceForANegativeTimeoutAndServesALongMaxWaitByHandOff(
            BufferPoolProvider provider, boolean decorated) throws Exception {
        try (BufferPool<byte[]> pool = open(provider, decorated)) {
            List<Lease<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < MOST_OUT; i++) {
                all.add(pool.acquire(64));
            }
            assertNull(pool.tryAcquire(64, -1, TimeUnit.MILLISECONDS));
            assertNull(pool.tryAcquire(64, Long.MIN_VALUE, TimeUnit.DAYS));
            Waiter waiter = Waiter.start(() -> pool.tryAcquire(64, Long.MAX_VALUE, TimeUnit.DAYS));
            waiter.awaitWaiting();
            all.remove(0).close();
            Waiter.Result result = waiter.result();
            assertNull(result.thrown(), () -> "a wait of Long.MAX_VALUE days threw " + result.thrown());
            assertNotNull(result.lease(), "a wait of Long.MAX_VALUE days was not served by the buffer given back");
            result.lease().close();
            all.forEach(Lease::close);
            assertStillWorks(pool);
        }
    }

    // ---- Lifecycle misuse: a closed pool, lease or shared buffer ----

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyPool")
    void aClosedPoolRefusesAcquisitionsByNameAndTheLeasesStillOutCloseHarmlessly(BufferPoolProvider provider,
            boolean decorated) {
        BufferPool<byte[]> pool = open(provider, decorated);
        Lease<byte[]> out = pool.acquire(64);
        SharedBuffer<byte[]> shared = provider.features().contains(PoolFeature.SHARING) ? pool.acquire(64).share() : null;
        pool.close();
        Refusal closed = refused(IllegalStateException.class, "{pool}", "closed");
        assertRefused(closed, () -> pool.acquire(64), pool.name());
        assertRefused(closed, () -> pool.tryAcquire(64), pool.name());
        assertRefused(closed, () -> pool.tryAcquire(64, 1, TimeUnit.MILLISECONDS), pool.name());
        assertRefused(closed, () -> pool.tryAcquire(64, Long.MAX_VALUE, TimeUnit.DAYS), pool.name());
        assertDoesNotThrow(pool::trim);
        assertDoesNotThrow(pool::close, "a second close");
        // A lease whose pool has closed: closing it is harmless, once or twice.
        assertTrue(out.buffer().length >= 64, "the holder keeps its buffer until it closes the lease");
        assertDoesNotThrow(out::close);
        assertDoesNotThrow(out::close);
        assertRefused(refused(IllegalStateException.class, "{pool}", "closed"), out::buffer, pool.name());
        if (shared != null) {
            SharedBuffer<byte[]> second = shared.retain();
            assertDoesNotThrow(shared::close);
            assertDoesNotThrow(second::close);
            assertDoesNotThrow(second::close);
        }
        PoolStats stats = pool.stats();
        assertEquals(0, stats.idleBuffers(), () -> "a closed pool keeps what is given back to it: " + stats);
        assertTrue(stats.outstanding() <= 0, () -> "every lease is closed: " + stats);
        if (decorated) {
            assertEquals(stats.acquisitions(), stats.releases(), () -> "every close after the pool's is counted: " + stats);
        }
        try (BufferPool<byte[]> another = open(provider, decorated)) {
            assertStillWorks(another);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySharingPool")
    void aClosedOrSharedLeaseAndAClosedSharedBufferRefuseUseNamingThePool(BufferPoolProvider provider, boolean decorated) {
        try (BufferPool<byte[]> pool = open(provider, decorated)) {
            Refusal closed = refused(IllegalStateException.class, "{pool}", "closed");
            Lease<byte[]> lease = pool.acquire(64);
            int capacity = lease.capacity();
            lease.close();
            assertRefused(closed, lease::buffer, pool.name());
            assertRefused(closed, lease::share, pool.name());
            assertEquals(capacity, lease.capacity(), "capacity() still answers after close");
            Lease<byte[]> used = pool.acquire(64);
            SharedBuffer<byte[]> first = used.share();
            Refusal shared = refused(IllegalStateException.class, "{pool}", "shared");
            assertRefused(shared, used::buffer, pool.name());
            assertRefused(shared, used::share, pool.name());
            assertDoesNotThrow(used::close, "closing a shared lease does nothing");
            SharedBuffer<byte[]> second = first.retain();
            byte[] buffer = second.buffer();
            first.close();
            first.close(); // a second close of one handle releases no hold of another
            assertRefused(closed, first::buffer, pool.name());
            assertRefused(closed, first::retain, pool.name());
            assertEquals(buffer.length, first.capacity(), "capacity() still answers after close");
            try (Lease<byte[]> other = pool.acquire(64)) {
                assertNotSame(buffer, other.buffer(), "a buffer still held through a handle was handed out");
            }
            assertSame(buffer, second.buffer(), "the open handle keeps its buffer");
            second.close();
            assertRefused(closed, second::retain, pool.name());
            assertStillWorks(pool);
        }
    }

    // ---- A spec a provider cannot honour ----

    /** A setting that needs each feature, for specs given to a provider that lacks it. */
    private static final Map<PoolFeature, UnaryOperator<PoolSpec.Builder<byte[]>>> SETTING_NEEDING = Map.of(
            PoolFeature.SHARDED, b -> b.shards(2),
            PoolFeature.SIZE_CLASSES, b -> b.sizeClasses(64, 128),
            PoolFeature.ZEROING, b -> b.zeroOnRelease(true),
            PoolFeature.BOUNDED, b -> b.maxBuffers(2),
            PoolFeature.BLOCKING, b -> b.maxWait(Duration.ofSeconds(1)),
            PoolFeature.THREAD_CACHE, b -> b.threadCacheSize(2),
            PoolFeature.IDLE_TRIM, b -> b.idleTimeout(Duration.ofSeconds(1)));

    static Stream<Arguments> providersAndFeaturesTheyLack() {
        return ContractKit.providers().flatMap(p -> SETTING_NEEDING.keySet().stream().sorted()
                .filter(f -> !p.getPayload().features().contains(f)).map(f -> Arguments.of(p, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndFeaturesTheyLack")
    void aSettingTheNamedProviderCannotHonourIsRefusedNamingSettingFeatureAndProvider(BufferPoolProvider provider,
            PoolFeature feature) {
        PoolSpec<byte[]> spec = SETTING_NEEDING.get(feature).apply(PoolSpec.builder(BufferTypes.BYTE_ARRAY)
                .name("unhonoured").provider(provider.name())).build();
        String setting = spec.settingFeatures().keySet().iterator().next();
        Refusal refusal = refused(IllegalArgumentException.class, setting, feature.name(), "'" + provider.name() + "'", "unhonoured");
        assertRefused(refusal, () -> BufferPools.create(spec), "");
        assertRefused(refusal, () -> provider.create(spec), "");
        try (BufferPool<byte[]> pool = open(provider, false)) {
            assertStillWorks(pool);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractKit.PROVIDERS)
    void aProviderRefusesANullSpecByName(BufferPoolProvider provider) {
        assertRefused(refused(NullPointerException.class, "spec"), () -> provider.create(null), "");
    }
}
