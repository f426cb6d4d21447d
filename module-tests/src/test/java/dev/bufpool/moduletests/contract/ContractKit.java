package dev.bufpool.moduletests.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the contract tests share: the providers to run against (every one discovery finds, so a new
 * provider falls under the kit with no edit), the standard buffer types, and pools fitted to a
 * provider.
 *
 * <p>A rule that needs a feature is skipped, not passed, for a provider without it: the tests call
 * {@link #assumeFeature} so the report shows what was not checked.
 */
final class ContractKit {

    /** The method source of every test run once per provider. */
    static final String PROVIDERS = "dev.bufpool.moduletests.contract.ContractKit#providers";
    /** The method source of every test run once per provider and standard buffer type. */
    static final String PROVIDERS_AND_TYPES = "dev.bufpool.moduletests.contract.ContractKit#providersAndTypes";
    /** The method source of every test run once per provider and byte buffer type. */
    static final String PROVIDERS_AND_BYTE_BUFFERS =
            "dev.bufpool.moduletests.contract.ContractKit#providersAndByteBuffers";

    /** The largest request of an ordinary contract test, in elements. */
    static final int LARGEST = 100_000;
    /** The most leases an ordinary contract test holds at once. */
    static final int MOST_OUT = 16;

    static final List<BufferType<?>> STANDARD_TYPES = List.of(BufferTypes.BYTE_ARRAY,
            BufferTypes.HEAP_BYTE_BUFFER, BufferTypes.DIRECT_BYTE_BUFFER, BufferTypes.FLOAT_ARRAY);

    private ContractKit() {
    }

    static Stream<Named<BufferPoolProvider>> providers() {
        return BufferPools.providers().stream().map(p -> Named.of(p.name(), p));
    }

    static Stream<Arguments> providersAndTypes() {
        return crossed(STANDARD_TYPES);
    }

    static Stream<Arguments> providersAndByteBuffers() {
        return crossed(List.of(BufferTypes.HEAP_BYTE_BUFFER, BufferTypes.DIRECT_BYTE_BUFFER));
    }

    private static Stream<Arguments> crossed(List<BufferType<?>> types) {
        return providers().flatMap(p -> types.stream().map(t -> Arguments.of(p, Named.of(t.name(), t))));
    }

    /** Skips the calling test, reported as skipped, unless {@code provider} has {@code feature}. */
    static void assumeFeature(BufferPoolProvider provider, PoolFeature feature) {
        assumeTrue(provider.features().contains(feature),
                () -> provider.name() + " does not offer " + feature + ": rule not applicable");
    }

    /** Skips the calling test, reported as skipped, if {@code provider} has {@code feature}. */
    static void assumeNoFeature(BufferPoolProvider provider, PoolFeature feature) {
        assumeTrue(!provider.features().contains(feature),
                () -> provider.name() + " offers " + feature + ": rule not applicable");
    }

    /** An ordinary contract-test pool: requests up to {@link #LARGEST}, {@link #MOST_OUT} out. */
    static <T> BufferPool<T> open(BufferPoolProvider provider, BufferType<T> type) {
        return FittedSpec.open(provider, type, LARGEST, MOST_OUT);
    }

    /** An ordinary contract-test pool of {@code byte[]}. */
    static BufferPool<byte[]> bytes(BufferPoolProvider provider) {
        return open(provider, BufferTypes.BYTE_ARRAY);
    }
}
