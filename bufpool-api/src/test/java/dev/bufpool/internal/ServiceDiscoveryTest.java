package dev.bufpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.BufferTypes;
import dev.bufpool.PoolSpec;
import dev.bufpool.spi.BufferPoolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup order with real {@link java.util.ServiceLoader} searches: the context class loader
 * first, the API's own loader when that finds none, and both named when neither does. The plugin
 * loader sees {@link LonelyProvider}; the platform loader sees no provider at all.
 */
class ServiceDiscoveryTest {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    @TempDir
    Path dir;

    private IsolatedProviderLoader plugin;

    @BeforeEach
    void makePlugin() {
        plugin = IsolatedProviderLoader.in(dir);
    }

    @AfterEach
    void closePlugin() throws IOException {
        plugin.close();
    }

    @Test
    void aContextLoaderThatSeesNoProviderFallsBackToTheApisOwnLoader() {
        ServiceDiscovery.Found<BufferPoolProvider> found = ServiceDiscovery.load(BufferPoolProvider.class, PLATFORM, plugin, PoolFactory::probe);
        assertEquals(List.of("lonely"), names(found));
        assertSame(plugin, found.services().get(0).getClass().getClassLoader(), "found through the API's loader");
        assertEquals(2, found.searched().size(), found.searched().toString());
        assertTrue(found.searched().get(0).startsWith("the thread's context class loader 'platform'"), found.searched().get(0));
        assertTrue(found.searched().get(1).startsWith("the API's class loader 'plugin'"), found.searched().get(1));
    }

    @Test
    void aContextLoaderThatSeesAProviderIsUsedAndTheApisLoaderIsNotSearched() {
        ServiceDiscovery.Found<BufferPoolProvider> found = ServiceDiscovery.load(BufferPoolProvider.class, plugin, PLATFORM, PoolFactory::probe);
        assertEquals(List.of("lonely"), names(found));
        assertEquals(1, found.searched().size(), found.searched().toString());
    }

    @Test
    void withoutAContextLoaderOnlyTheApisOwnLoaderIsSearched() {
        ServiceDiscovery.Found<BufferPoolProvider> found = ServiceDiscovery.load(BufferPoolProvider.class, null, plugin, PoolFactory::probe);
        assertEquals(List.of("lonely"), names(found));
        assertEquals(List.of("the API's class loader " + ServiceDiscovery.describe(plugin)), found.searched());
    }

    @Test
    void aContextLoaderThatIsTheApisOwnIsSearchedOnce() {
        ServiceDiscovery.Found<BufferPoolProvider> found = ServiceDiscovery.load(BufferPoolProvider.class, PLATFORM, PLATFORM, PoolFactory::probe);
        assertTrue(found.services().isEmpty());
        assertEquals(1, found.searched().size(), found.searched().toString());
        assertTrue(found.searched().get(0).endsWith(", which is also the API's"), found.searched().get(0));
    }

    @Test
    void theFactoryFindsTheProvidersBesideTheApiWhenTheContextLoaderCannotSeeThem() {
        PoolFactory factory = PoolFactory.discover(Fakes.PROPERTY, PLATFORM, plugin);
        assertEquals("lonely", factory.provider("lonely").name());
    }

    @Test
    void whenNeitherLoaderSeesAProviderTheErrorNamesBoth() throws IOException {
        try (URLClassLoader empty = new URLClassLoader("empty plugin", new URL[0], PLATFORM)) {
            PoolFactory factory = PoolFactory.discover(Fakes.PROPERTY, PLATFORM, empty);
            PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).build();
            String message = assertThrows(IllegalStateException.class, () -> factory.create(spec)).getMessage();
            assertTrue(message.startsWith("no bufpool provider found"), message);
            assertTrue(message.contains("the thread's context class loader " + ServiceDiscovery.describe(PLATFORM)), message);
            assertTrue(message.contains("then the API's class loader " + ServiceDiscovery.describe(empty)), message);
            assertTrue(message.contains("dev.bufpool:bufpool-sharded"), message);
        }
    }

    @Test
    void whenNeitherLoaderSeesAProviderAskingForOneByNameNamesBothLoadersToo() throws IOException {
        try (URLClassLoader empty = new URLClassLoader("empty plugin", new URL[0], PLATFORM)) {
            PoolFactory factory = PoolFactory.discover(Fakes.PROPERTY, PLATFORM, empty);
            String message = assertThrows(IllegalStateException.class, () -> factory.provider("sharded")).getMessage();
            assertTrue(message.startsWith("no bufpool provider named 'sharded'"), message);
            assertTrue(message.contains("found: none (searched the thread's context class loader "
                    + ServiceDiscovery.describe(PLATFORM) + ", then the API's class loader "
                    + ServiceDiscovery.describe(empty) + ")"), message);
        }
    }

    @Test
    void aLoaderIsDescribedByItsNameAndIdentity() {
        assertEquals("'plugin' (" + plugin + ")", ServiceDiscovery.describe(plugin));
        assertTrue(ServiceDiscovery.describe(null).contains("bootstrap"));
    }

    private static List<String> names(ServiceDiscovery.Found<BufferPoolProvider> found) {
        return found.services().stream().map(BufferPoolProvider::name).toList();
    }
}
