package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.Lease;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolStats;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments are refused with an exception naming the argument and the value, and leave the
 * pool as it was.
 */
class BadInputContractTest {

    /** What a bad call throws, and the words its message must hold. */
    record BadCall(Call call, Class<? extends Exception> thrown, List<String> words, boolean boundedOnly) {
    }

    @FunctionalInterface
    interface Call {
        void on(BufferPool<byte[]> pool) throws Exception;
    }

    static Stream<Arguments> providersAndBadCalls() {
        int aboveBound = ContractKit.LARGEST + 1;
        List<Named<BadCall>> calls = List.of(
                bad("acquire(-1)", p -> p.acquire(-1), "minCapacity", "-1"),
                bad("acquire(MIN_VALUE)", p -> p.acquire(Integer.MIN_VALUE), "minCapacity", "-2147483648"),
                bad("acquire(MAX_VALUE)", p -> p.acquire(Integer.MAX_VALUE), "minCapacity", "2147483647"),
                bad("tryAcquire(-1)", p -> p.tryAcquire(-1), "minCapacity", "-1"),
                bad("tryAcquire(-1, 1, ms)", p -> p.tryAcquire(-1, 1, TimeUnit.MILLISECONDS), "minCapacity", "-1"),
                Named.of("tryAcquire(1, 1, null)", new BadCall(p -> p.tryAcquire(1, 1, null),
                        NullPointerException.class, List.of("unit"), false)),
                Named.of("acquire(above bufferCapacity)", new BadCall(p -> p.acquire(aboveBound),
                        IllegalArgumentException.class, List.of("minCapacity", String.valueOf(aboveBound), "must"), true)));
        ContractKit.Applicability bounded = ContractKit.Applicability.offering(PoolFeature.BOUNDED);
        return ContractKit.providers().flatMap(p -> calls.stream()
                .filter(c -> !c.getPayload().boundedOnly() || bounded.to(p.getPayload()))
                .map(c -> Arguments.of(p, c)));
    }

    /** An {@link IllegalArgumentException} whose message says what the value must be and names it. */
    private static Named<BadCall> bad(String label, Call call, String argument, String value) {
        return Named.of(label, new BadCall(call, IllegalArgumentException.class,
                List.of(argument, value, "must"), false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndBadCalls")
    void aBadArgumentIsRefusedByNameAndValueAndThePoolStillWorks(BufferPoolProvider provider, BadCall bad) {
        try (BufferPool<byte[]> pool = ContractKit.bytes(provider)) {
            pool.acquire(64).close();
            PoolStats before = pool.stats();
            Exception refused = assertThrows(bad.thrown(), () -> bad.call().on(pool));
            String message = String.valueOf(refused.getMessage());
            for (String word : bad.words()) {
                assertTrue(message.contains(word), () -> "message lacks '" + word + "': " + message);
            }
            PoolStats after = pool.stats();
            assertTrue(after.outstanding() <= 0, () -> "a refused call left a lease out: " + after);
            assertEquals(before.idleBuffers(), after.idleBuffers(), () -> "before " + before + ", after " + after);
            try (Lease<byte[]> lease = pool.acquire(64)) {
                assertTrue(lease.capacity() >= 64);
            }
        }
    }
}
