package dev.bufpool.moduletests.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A program started with {@code java -cp} and the library's real jars ({@link ClassPathScenario}, in
 * a fresh JVM), one of the jars the providers depend on left off: the first pool it asks for is
 * refused with an {@link IllegalStateException} that names the jar to add, never a bare
 * {@link NoClassDefFoundError} from inside a provider. A jar only some providers need
 * ({@code bufpool-idle}) leaves the others serving, and the warning for each one skipped names it.
 */
class ClassPathDiscoveryTest {

    @TempDir
    Path dir;

    @Test
    void withEveryJarOnTheClassPathThePoolIsMade() throws Exception {
        ChildJvm.Run run = withoutJar("none");

        assertEquals("app/default", run.get("pools"), () -> "no pool was made:\n" + run.output());
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
        "bufpool-core, dev.bufpool:bufpool-core (module dev.bufpool.core)",
        "caffeine, com.github.ben-manes.caffeine:caffeine (module com.github.benmanes.caffeine)",
    })
    void aMissingDependencyIsNamedWithItsJar(String left, String named) throws Exception {
        ChildJvm.Run run = withoutJar(left);

        String error = run.get("error");
        assertTrue(error.startsWith("java.lang.IllegalStateException: "), error);
        assertTrue(error.contains("is missing: put " + named + " on the class path or module path"), error);
        assertFalse(error.contains("add an implementation jar"), () -> "the providers are there, only broken: " + error);
    }

    @Test
    void withoutTheIdleJarTheProvidersThatNeedItAreSkippedNamingItAndTheBoundedOneServes() throws Exception {
        ChildJvm.Run run = withoutJar("bufpool-idle");

        assertEquals("app/default", run.get("pools"), () -> "no pool was made:\n" + run.output());
        for (String skipped : List.of("sharded.internal.ShardedPoolProvider", "sizeclass.internal.SizeClassPoolProvider")) {
            assertTrue(run.output().contains("skipping a broken BufferPoolProvider: dev.bufpool." + skipped
                    + " cannot be used: java.lang.NoClassDefFoundError: dev/bufpool/idle/"), run.output());
        }
        assertTrue(run.output().contains("is missing: put dev.bufpool:bufpool-idle (module dev.bufpool.idle) on the class"
                + " path or module path"), run.output());
    }

    private ChildJvm.Run withoutJar(String left) throws Exception {
        List<String> artifacts = new ArrayList<>(LibraryJars.EVERYTHING);
        artifacts.remove(left);
        return ChildJvm.runOnClassPath(dir, ClassPathScenario.class, LibraryJars.find(artifacts), List.of("false"));
    }
}
