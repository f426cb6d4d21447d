package dev.bufpool.moduletests.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery in a plugin host's layout ({@link PluginHostScenario}, in a fresh JVM): the library's
 * real jars and the plugin on a child {@link java.net.URLClassLoader} of the host's loader, while
 * the thread's context class loader is the host's, which cannot see them. {@code BufferPools} must
 * fall back to its own loader; when that finds nothing either, it must name both loaders.
 */
class PluginHostDiscoveryTest {

    @TempDir
    Path dir;

    @Test
    void aPluginFindsTheProvidersBesideTheApiThoughTheContextLoaderCannotSeeThem() throws Exception {
        ChildJvm.Run run = plugin(true, LibraryJars.EVERYTHING);

        assertEquals("host", run.get("context"), "the context loader is the host's");
        assertEquals("plugin/default", run.get("pools"), () -> "no pool was made:\n" + run.output());
    }

    @Test
    void whenNeitherLoaderSeesAProviderTheErrorNamesTheContextLoaderAndThePluginLoader() throws Exception {
        ChildJvm.Run run = plugin(false, List.of("bufpool-api"));

        String error = run.get("error");
        assertTrue(error.startsWith("java.lang.IllegalStateException: no bufpool provider found"), error);
        assertTrue(error.contains("the thread's context class loader 'app'"), error);
        assertTrue(error.contains("then the API's class loader 'plugin' (" + run.get("plugin") + ")"), error);
        assertTrue(error.contains("dev.bufpool:bufpool-sharded"), error);
    }

    private ChildJvm.Run plugin(boolean stats, List<String> artifacts) throws Exception {
        List<String> args = new ArrayList<>(List.of(String.valueOf(stats), "APP"));
        LibraryJars.find(artifacts).forEach(path -> args.add(path.toString()));
        return ChildJvm.run(dir, PluginHostScenario.class, args);
    }
}
