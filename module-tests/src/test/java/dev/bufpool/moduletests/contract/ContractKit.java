package dev.bufpool.moduletests.contract;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferPools;
import dev.bufpool.BufferType;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolFeature;
import dev.bufpool.moduletests.FittedSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the contract tests share: the providers to run against (every one discovery finds, so a new
 * provider falls under the kit with no edit), the standard buffer types, and pools fitted to a
 * provider.
 *
 * <p>A rule that holds only for providers with (or without) some feature takes its arguments from
 * {@link ApplicableProviders}, or filters its own rows with {@link Applicability}: a provider the
 * rule does not apply to gets no case, rather than a skipped one, and a rule no provider found
 * applies to fails for want of arguments instead of passing unrun.
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
    static final List<BufferType<?>> BYTE_BUFFER_TYPES = List.of(BufferTypes.HEAP_BYTE_BUFFER,
            BufferTypes.DIRECT_BYTE_BUFFER);

    private ContractKit() {
    }

    static Stream<Named<BufferPoolProvider>> providers() {
        return BufferPools.providers().stream().map(p -> Named.of(p.name(), p));
    }

    static Stream<Arguments> providersAndTypes() {
        return crossed(STANDARD_TYPES);
    }

    static Stream<Arguments> providersAndByteBuffers() {
        return crossed(BYTE_BUFFER_TYPES);
    }

    /** The providers {@code applies} selects, each named. */
    static Stream<Named<BufferPoolProvider>> providers(Applicability applies) {
        return providers().filter(p -> applies.to(p.getPayload()));
    }

    /** The providers {@code applies} selects, each with each of {@code types}. */
    static Stream<Arguments> crossed(Applicability applies, List<BufferType<?>> types) {
        return crossed(providers(applies), types);
    }

    private static Stream<Arguments> crossed(List<BufferType<?>> types) {
        return crossed(providers(), types);
    }

    private static Stream<Arguments> crossed(Stream<Named<BufferPoolProvider>> providers, List<BufferType<?>> types) {
        return providers.flatMap(p -> types.stream().map(t -> Arguments.of(p, Named.of(t.name(), t))));
    }

    /**
     * Which providers a rule applies to: those offering every feature of {@code offering} and none
     * of {@code lacking}.
     */
    record Applicability(List<PoolFeature> offering, List<PoolFeature> lacking) {

        /** Applies to providers offering {@code feature}. */
        static Applicability offering(PoolFeature feature) {
            return new Applicability(List.of(feature), List.of());
        }

        /** Applies to providers not offering {@code feature}. */
        static Applicability lacking(PoolFeature feature) {
            return new Applicability(List.of(), List.of(feature));
        }

        boolean to(BufferPoolProvider provider) {
            Set<PoolFeature> features = provider.features();
            return features.containsAll(offering) && lacking.stream().noneMatch(features::contains);
        }
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
