package dev.bufpool.internal;

import dev.bufpool.PoolFeature;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The implementation jars of this project, for error messages that say which one to add. A hint
 * table only: discovery never depends on it.
 */
final class KnownModules {

    record Known(String name, String artifact, String module, Set<PoolFeature> features) {
        String hint() {
            return "dev.bufpool:" + artifact + " (module " + module + ")";
        }
    }

    static final List<Known> PROVIDERS = List.of(
            new Known("sharded", "bufpool-sharded", "dev.bufpool.sharded",
                    EnumSet.of(PoolFeature.THREAD_CACHE, PoolFeature.SHARDED, PoolFeature.SHARING)),
            new Known("sizeclass", "bufpool-sizeclass", "dev.bufpool.sizeclass",
                    EnumSet.of(PoolFeature.THREAD_CACHE, PoolFeature.SIZE_CLASSES,
                            PoolFeature.ZEROING, PoolFeature.SHARING)),
            new Known("bounded", "bufpool-bounded", "dev.bufpool.bounded",
                    EnumSet.of(PoolFeature.BOUNDED, PoolFeature.BLOCKING, PoolFeature.SHARING)));

    static final List<Known> DECORATORS = List.of(
            new Known("stats", "bufpool-stats", "dev.bufpool.stats", Set.of()));

    private KnownModules() {
    }

    /** What to add to get a provider named {@code name}. */
    static String providerHint(String name) {
        for (Known known : PROVIDERS) {
            if (known.name().equals(name)) {
                return "put " + known.hint() + " on the module path or class path";
            }
        }
        return "known providers: " + PROVIDERS.stream()
                .map(k -> k.name() + " in " + k.hint()).collect(Collectors.joining(", "));
    }

    /** What to add to get a provider with all of {@code wanted}. */
    static String featureHint(Set<PoolFeature> wanted) {
        List<String> jars = PROVIDERS.stream()
                .filter(k -> k.features().containsAll(wanted))
                .map(Known::hint)
                .collect(Collectors.toList());
        return jars.isEmpty()
                ? "no provider of this project has all of them together"
                : "add " + String.join(" or ", jars);
    }

    /** What to add to get a decorator named {@code name}. */
    static String decoratorHint(String name) {
        for (Known known : DECORATORS) {
            if (known.name().equals(name)) {
                return "put " + known.hint() + " on the module path or class path";
            }
        }
        return "known decorators: " + DECORATORS.stream()
                .map(k -> k.name() + " in " + k.hint()).collect(Collectors.joining(", "));
    }
}
