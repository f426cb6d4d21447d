package dev.bufpool.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.PoolFeature;
import dev.bufpool.spi.BufferPoolProvider;
import dev.bufpool.spi.PoolDecorator;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Mocked providers, decorators and pools for the {@link PoolFactory} tests. */
final class Fakes {

    static final String PROPERTY = "dev.bufpool.provider";

    private Fakes() {
    }

    /** A provider that answers with its own mocked pool for any spec. */
    static BufferPoolProvider provider(String name, int priority, PoolFeature... features) {
        BufferPoolProvider provider = mock(BufferPoolProvider.class, "provider " + name);
        Set<PoolFeature> set = EnumSet.noneOf(PoolFeature.class);
        Collections.addAll(set, features);
        when(provider.name()).thenReturn(name);
        when(provider.priority()).thenReturn(priority);
        when(provider.features()).thenReturn(Collections.unmodifiableSet(set));
        BufferPool<Object> pool = pool("pool of " + name);
        when(provider.create(any())).thenReturn(pool);
        return provider;
    }

    /** A decorator that answers with its own mocked pool for any pool and spec. */
    static PoolDecorator decorator(String name) {
        PoolDecorator decorator = mock(PoolDecorator.class, "decorator " + name);
        when(decorator.name()).thenReturn(name);
        BufferPool<Object> pool = pool("pool decorated by " + name);
        when(decorator.decorate(any(), any())).thenReturn(pool);
        return decorator;
    }

    @SuppressWarnings("unchecked")
    static <T> BufferPool<T> pool(String mockName) {
        return mock(BufferPool.class, mockName);
    }

    static PoolFactory factory(List<BufferPoolProvider> providers, List<PoolDecorator> decorators,
            List<String> broken, String property) {
        return new PoolFactory(providers, decorators, broken, PROPERTY, () -> property);
    }

    static PoolFactory factory(BufferPoolProvider... providers) {
        return factory(List.of(providers), List.of(), List.of(), null);
    }
}
