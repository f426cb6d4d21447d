package dev.bufpool.internal;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import dev.bufpool.spi.PoolDecorator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Chooses a provider for a spec and applies its decorators. Holds the providers and decorators it
 * was given and never looks them up again; {@code BufferPools} keeps one built from
 * {@link java.util.ServiceLoader}, tests build their own.
 *
 * <p>Order of choice: the provider the spec names; else the one the system property names; else
 * the highest priority (ties: name) among those whose features cover the spec's.
 */
public final class PoolFactory {

    private static final Comparator<BufferPoolProvider> BEST_FIRST =
            Comparator.comparingInt(BufferPoolProvider::priority).reversed()
                    .thenComparing(BufferPoolProvider::name);

    private final List<BufferPoolProvider> providers;
    private final List<PoolDecorator> decorators;
    private final List<String> broken;
    private final List<String> searched;
    private final Supplier<String> providerProperty;
    private final String propertyName;

    /**
     * @param providers the providers found
     * @param decorators the decorators found
     * @param broken a line for each service that failed to load, for error messages
     * @param propertyName the name of the system property that may name a provider
     * @param providerProperty reads that property; may return {@code null}
     */
    public PoolFactory(List<BufferPoolProvider> providers, List<PoolDecorator> decorators,
            List<String> broken, String propertyName, Supplier<String> providerProperty) {
        this(providers, decorators, broken, List.of(), propertyName, providerProperty);
    }

    /**
     * @param providers the providers found
     * @param decorators the decorators found
     * @param broken a line for each service that failed to load, for error messages
     * @param searched the class loaders the providers were looked for in, in order, described for
     *        the error message when none was found; empty if not known
     * @param propertyName the name of the system property that may name a provider
     * @param providerProperty reads that property; may return {@code null}
     */
    public PoolFactory(List<BufferPoolProvider> providers, List<PoolDecorator> decorators,
            List<String> broken, List<String> searched, String propertyName, Supplier<String> providerProperty) {
        List<BufferPoolProvider> sorted = new ArrayList<>(providers);
        sorted.sort(BEST_FIRST);
        this.providers = List.copyOf(sorted);
        this.decorators = List.copyOf(decorators);
        this.broken = List.copyOf(broken);
        this.searched = List.copyOf(searched);
        this.propertyName = Objects.requireNonNull(propertyName, "propertyName");
        this.providerProperty = Objects.requireNonNull(providerProperty, "providerProperty");
    }

    /**
     * A factory over what {@link java.util.ServiceLoader} finds now: through the calling thread's
     * context class loader, or, for each service of which that finds none, the API's own loader.
     */
    public static PoolFactory discover(String propertyName) {
        return discover(propertyName, Thread.currentThread().getContextClassLoader(),
                PoolFactory.class.getClassLoader());
    }

    /** As {@link #discover(String)}, with the two loaders given. */
    static PoolFactory discover(String propertyName, ClassLoader context, ClassLoader own) {
        ServiceDiscovery.Found<BufferPoolProvider> p =
                ServiceDiscovery.load(BufferPoolProvider.class, context, own, PoolFactory::probe);
        ServiceDiscovery.Found<PoolDecorator> d =
                ServiceDiscovery.load(PoolDecorator.class, context, own, PoolFactory::probe);
        List<String> broken = new ArrayList<>(p.broken());
        broken.addAll(d.broken());
        return new PoolFactory(p.services(), d.services(), broken, p.searched(), propertyName,
                () -> System.getProperty(propertyName));
    }

    /**
     * Calls what choosing a provider calls, so that one whose classes cannot all be loaded (a jar
     * it needs is missing) fails at discovery and is skipped, named, rather than at first use.
     */
    static void probe(BufferPoolProvider provider) {
        Objects.requireNonNull(provider.name(), "name");
        Objects.requireNonNull(provider.features(), "features");
        provider.priority();
    }

    /** As {@link #probe(BufferPoolProvider)}, for a decorator. */
    static void probe(PoolDecorator decorator) {
        Objects.requireNonNull(decorator.name(), "name");
        Objects.requireNonNull(decorator.features(), "features");
    }

    /** The providers, best first. */
    public List<BufferPoolProvider> providers() {
        return providers;
    }

    /** The decorators, in discovery order. */
    public List<PoolDecorator> decorators() {
        return decorators;
    }

    /** The provider of this name; {@link IllegalStateException} listing what was found if none. */
    public BufferPoolProvider provider(String name) {
        Objects.requireNonNull(name, "name");
        return byName(name).orElseThrow(() -> unknownProvider(name, "asked for by name"));
    }

    /**
     * Creates the pool the spec describes, decorated as it asks. Settings that a named decorator
     * honours ({@link PoolDecorator#features()}) are accepted for a provider without their feature,
     * and left out of the spec that provider gets; the decorators get the whole spec.
     */
    public <T> BufferPool<T> create(PoolSpec<T> spec) {
        Objects.requireNonNull(spec, "spec");
        List<PoolDecorator> wrapping = decoratorsOf(spec);
        Set<PoolFeature> added = EnumSet.noneOf(PoolFeature.class);
        wrapping.forEach(d -> added.addAll(d.features()));
        BufferPoolProvider provider = choose(spec, added);
        Set<PoolFeature> leftToDecorators = EnumSet.noneOf(PoolFeature.class);
        leftToDecorators.addAll(added);
        leftToDecorators.removeAll(provider.features());
        BufferPool<T> pool;
        try {
            pool = provider.create(spec.withoutSettingsNeeding(leftToDecorators));
        } catch (NoClassDefFoundError e) {
            throw missingJar("provider " + provider.name(), spec, provider.getClass(), e);
        }
        for (PoolDecorator decorator : wrapping) {
            try {
                pool = decorator.decorate(pool, spec);
            } catch (NoClassDefFoundError e) {
                pool.close();
                throw missingJar("decorator " + decorator.name(), spec, decorator.getClass(), e);
            } catch (RuntimeException | Error e) {
                pool.close();
                throw e;
            }
        }
        return pool;
    }

    /** A provider or decorator that found a class missing only when asked to make the pool. */
    private static IllegalStateException missingJar(String who, PoolSpec<?> spec, Class<?> service, Throwable e) {
        return new IllegalStateException("bufpool " + who + " cannot make pool " + spec.name() + ": "
                + MissingJar.describe(service, e), e);
    }

    /** The decorators the spec names, in its order; an error naming what was found if one is missing. */
    private List<PoolDecorator> decoratorsOf(PoolSpec<?> spec) {
        List<PoolDecorator> named = new ArrayList<>();
        for (String name : spec.decorators()) {
            named.add(decorators.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalStateException("no bufpool decorator named '" + name + "' for pool "
                            + spec.name() + "; found: " + names(decorators.stream().map(PoolDecorator::name))
                            + brokenNote() + "; " + KnownModules.decoratorHint(name))));
        }
        return named;
    }

    /** The provider that will serve {@code spec}; see the class comment for the order. */
    public BufferPoolProvider choose(PoolSpec<?> spec) {
        return choose(spec, Set.of());
    }

    /**
     * The provider that will serve {@code spec}, given the features its decorators add: a provider
     * need not have those.
     */
    private BufferPoolProvider choose(PoolSpec<?> spec, Set<PoolFeature> added) {
        if (providers.isEmpty()) {
            // When every provider found was broken, the fix is the jar each one names, not another provider.
            String advice = broken.isEmpty()
                    ? "; add an implementation jar, such as " + KnownModules.PROVIDERS.get(0).hint()
                            + (searched.size() > 1 ? ", where one of these loaders sees it" : "")
                    : "; add the jars named for the broken ones";
            throw new IllegalStateException("no bufpool provider found on the module path or class path"
                    + searchedNote() + brokenNote() + advice);
        }
        if (spec.provider().isPresent()) {
            String name = spec.provider().get();
            return honouring(spec, added, byName(name).orElseThrow(
                    () -> unknownProvider(name, "asked for by spec " + spec.name())), "the spec names it");
        }
        String property = providerProperty.get();
        if (property != null && !property.isBlank()) {
            String name = property.strip();
            return honouring(spec, added, byName(name).orElseThrow(
                    () -> unknownProvider(name, "named by system property " + propertyName)),
                    "system property " + propertyName + " names it");
        }
        Set<PoolFeature> wanted = spec.features();
        wanted.removeAll(added);
        return providers.stream()
                .filter(p -> p.features().containsAll(wanted))
                .findFirst()
                .orElseThrow(() -> noProviderWith(spec, wanted));
    }

    private Optional<BufferPoolProvider> byName(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A provider chosen by name must still have every feature the spec needs; {@code why} it was chosen. */
    private static BufferPoolProvider honouring(PoolSpec<?> spec, Set<PoolFeature> added,
            BufferPoolProvider provider, String why) {
        Set<PoolFeature> offered = EnumSet.noneOf(PoolFeature.class);
        offered.addAll(provider.features());
        offered.addAll(added);
        try {
            spec.checkHonouredBy(provider.name(), offered);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + why + ")", e);
        }
        return provider;
    }

    private IllegalStateException unknownProvider(String name, String why) {
        return new IllegalStateException("no bufpool provider named '" + name + "' (" + why + "); found: "
                + described(providers) + (providers.isEmpty() ? searchedNote() : "") + brokenNote() + "; "
                + KnownModules.providerHint(name));
    }

    /** Where the providers were looked for, when it is known. */
    private String searchedNote() {
        return searched.isEmpty() ? "" : " (searched " + String.join(", then ", searched) + ")";
    }

    private IllegalStateException noProviderWith(PoolSpec<?> spec, Set<PoolFeature> wanted) {
        String lacking = providers.stream().map(p -> {
            Set<PoolFeature> missing = EnumSet.copyOf(wanted);
            missing.removeAll(p.features());
            return p.name() + " lacks " + missing;
        }).collect(Collectors.joining(", "));
        String because = spec.settingFeatures().isEmpty() ? ""
                : " (settings: " + spec.settingFeatures().entrySet().stream()
                        .map(e -> e.getKey() + " needs " + e.getValue()).collect(Collectors.joining(", ")) + ")";
        return new IllegalStateException("no bufpool provider has features " + wanted + " for pool "
                + spec.name() + because + "; found: " + lacking + brokenNote() + "; "
                + KnownModules.featureHint(wanted));
    }

    private static String described(List<BufferPoolProvider> found) {
        return names(found.stream().map(p -> p.name() + " (priority " + p.priority() + ", features " + p.features() + ")"));
    }

    private static String names(java.util.stream.Stream<String> names) {
        String joined = names.collect(Collectors.joining(", "));
        return joined.isEmpty() ? "none" : joined;
    }

    private String brokenNote() {
        return broken.isEmpty() ? "" : "; broken and skipped: " + String.join(" | ", broken);
    }
}
