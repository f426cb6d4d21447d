package dev.bufpool.internal;

import static dev.bufpool.internal.Fakes.decorator;
import static dev.bufpool.internal.Fakes.factory;
import static dev.bufpool.internal.Fakes.provider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bufpool.BufferPool;
import dev.bufpool.BufferTypes;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import dev.bufpool.spi.PoolDecorator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * A provider or decorator whose own dependency is missing, as on a class path without
 * {@code bufpool-core}: skipped at discovery and named with the jar to add, or, if it fails only
 * when making a pool, refused with the same hint instead of a bare {@link NoClassDefFoundError}.
 */
class MissingDependencyTest {

    private static final String CORE_CLASS = "dev/bufpool/core/ThreadCaches";
    private static final String CORE_HINT = "class dev.bufpool.core.ThreadCaches is missing: put dev.bufpool:bufpool-core"
            + " (module dev.bufpool.core) on the class path or module path";

    private static PoolSpec<byte[]> spec() {
        return PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("reads").build();
    }

    @Test
    void aProviderThatFailsItsProbeIsSkippedAndNamedWithTheMissingJar() {
        BufferPoolProvider coreLess = provider("sharded", 100);
        when(coreLess.features()).thenThrow(new NoClassDefFoundError(CORE_CLASS));
        BufferPoolProvider working = provider("bounded", 10);
        List<String> broken = new ArrayList<>();

        List<BufferPoolProvider> found = ServiceDiscovery.drain(BufferPoolProvider.class,
                List.of(coreLess, working).iterator(), PoolFactory::probe, broken);

        assertEquals(List.of(working), found);
        assertEquals(1, broken.size(), broken::toString);
        assertTrue(broken.get(0).startsWith(coreLess.getClass().getName() + " cannot be used"), broken.get(0));
        assertTrue(broken.get(0).endsWith(CORE_HINT), broken.get(0));
    }

    @Test
    void aProviderThatFailsToLoadIsSkippedAndTheOthersAreStillFound() {
        BufferPoolProvider working = provider("bounded", 10);
        Iterator<BufferPoolProvider> failingFirst = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 2;
            }

            @Override
            public BufferPoolProvider next() {
                if (next >= 2) {
                    throw new NoSuchElementException();
                }
                if (next++ == 0) {
                    throw new NoClassDefFoundError(CORE_CLASS);
                }
                return working;
            }
        };
        List<String> broken = new ArrayList<>();

        List<BufferPoolProvider> found = ServiceDiscovery.drain(BufferPoolProvider.class, failingFirst,
                PoolFactory::probe, broken);

        assertEquals(List.of(working), found);
        assertEquals(List.of("java.lang.NoClassDefFoundError: " + CORE_CLASS + "; " + CORE_HINT), broken);
    }

    @Test
    void noProviderFoundBecauseCoreIsMissingSaysWhichJarToAdd() {
        BufferPoolProvider coreLess = provider("sharded", 100);
        when(coreLess.priority()).thenThrow(new NoClassDefFoundError(CORE_CLASS));
        List<String> broken = new ArrayList<>();
        List<BufferPoolProvider> found = ServiceDiscovery.drain(BufferPoolProvider.class,
                List.of(coreLess).iterator(), PoolFactory::probe, broken);

        PoolFactory factory = factory(found, List.of(), broken, null);

        String message = assertThrows(IllegalStateException.class, () -> factory.create(spec())).getMessage();
        assertTrue(message.startsWith("no bufpool provider found"), message);
        assertTrue(message.contains("broken and skipped: ") && message.contains(CORE_HINT), message);
        assertTrue(message.endsWith(CORE_HINT + "; add the jars named for the broken ones"), message);
    }

    @Test
    void aProviderThatFindsAClassMissingWhenMakingThePoolIsRefusedNamingTheJar() {
        BufferPoolProvider coreLess = provider("sharded", 100);
        NoClassDefFoundError missing = new NoClassDefFoundError(CORE_CLASS);
        when(coreLess.create(any())).thenThrow(missing);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory(coreLess).create(spec()));

        assertTrue(e.getMessage().startsWith("bufpool provider sharded cannot make pool reads: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(CORE_HINT), e.getMessage());
        assertInstanceOf(NoClassDefFoundError.class, e.getCause());
    }

    @Test
    void aDecoratorThatFindsAClassMissingIsRefusedNamingTheJarAndThePoolIsClosed() {
        BufferPoolProvider sharded = provider("sharded", 100);
        PoolDecorator stats = decorator("stats");
        when(stats.decorate(any(), any())).thenThrow(new NoClassDefFoundError("org/slf4j/LoggerFactory"));
        PoolSpec<byte[]> decorated = PoolSpec.builder(BufferTypes.BYTE_ARRAY).name("reads").decorate("stats").build();
        BufferPool<byte[]> made = sharded.create(decorated);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> factory(List.of(sharded), List.of(stats), List.of(), null).create(decorated));

        assertTrue(e.getMessage().startsWith("bufpool decorator stats cannot make pool reads: "), e.getMessage());
        assertTrue(e.getMessage().contains("put org.slf4j:slf4j-api (module org.slf4j)"), e.getMessage());
        verify(made).close();
    }
}
