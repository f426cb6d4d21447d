package dev.bufpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MissingJarTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "dev/bufpool/core/ThreadCaches, dev.bufpool:bufpool-core (module dev.bufpool.core)",
        "dev/bufpool/idle/IdleReserve, dev.bufpool:bufpool-idle (module dev.bufpool.idle)",
        "com/github/benmanes/caffeine/cache/Caffeine,"
                + " com.github.ben-manes.caffeine:caffeine (module com.github.benmanes.caffeine)",
        "org/slf4j/LoggerFactory, org.slf4j:slf4j-api (module org.slf4j)"})
    void aMissingClassIsNamedWithTheJarThatHoldsIt(String missing, String jar) {
        String line = MissingJar.describe(null, new NoClassDefFoundError(missing));
        String dotted = missing.replace('/', '.');
        assertTrue(line.startsWith("java.lang.NoClassDefFoundError: " + missing), line);
        assertTrue(line.endsWith("; class " + dotted + " is missing: put " + jar + " on the class path or module path"),
                line);
    }

    @Test
    void aServiceThatFailedWhenUsedIsNamed() {
        String line = MissingJar.describe(String.class, new NoClassDefFoundError("dev/bufpool/core/ThreadCaches"));
        assertTrue(line.startsWith("java.lang.String cannot be used: java.lang.NoClassDefFoundError:"), line);
        assertTrue(line.contains("put dev.bufpool:bufpool-core"), line);
    }

    @Test
    void aConfigurationErrorCausedByAMissingClassKeepsItsMessageAndNamesTheJar() {
        ServiceConfigurationError error = new ServiceConfigurationError("dev.example.Provider could not be instantiated",
                new NoClassDefFoundError("dev/bufpool/idle/IdleReserve"));
        String line = MissingJar.describe(null, error);
        assertTrue(line.startsWith("dev.example.Provider could not be instantiated; class dev.bufpool.idle.IdleReserve"),
                line);
        assertTrue(line.contains("put dev.bufpool:bufpool-idle"), line);
    }

    @Test
    void aConfigurationErrorOfAnotherCauseIsItsMessageAlone() {
        ServiceConfigurationError error = new ServiceConfigurationError("dev.example.Provider not found");
        assertEquals("dev.example.Provider not found", MissingJar.describe(null, error));
    }

    @Test
    void aClassOfNoKnownJarIsStillNamed() {
        String line = MissingJar.describe(null, new NoClassDefFoundError("com/example/Codec"));
        assertTrue(line.endsWith("; class com.example.Codec is missing: add the jar that holds it"), line);
    }

    @Test
    void aClassThatCouldNotBeInitializedIsNotCalledMissing() {
        String line = MissingJar.describe(null,
                new NoClassDefFoundError("Could not initialize class dev.bufpool.sharded.internal.ShardedEngine"));
        assertFalse(line.contains("is missing"), line);
        assertTrue(MissingJar.missingClass(new NoClassDefFoundError("Could not initialize class x.Y")).isEmpty());
    }
}
