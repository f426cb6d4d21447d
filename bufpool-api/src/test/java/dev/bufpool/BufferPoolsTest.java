package dev.bufpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** This module's test path holds no provider, so the facade must say how to get one. */
class BufferPoolsTest {

    @Test
    void noProviderIsFoundOnThisModulesOwnPath() {
        assertTrue(BufferPools.providers().isEmpty());
    }

    @Test
    void theListOfProvidersCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> BufferPools.providers().clear());
    }

    @Test
    void createSaysNoProviderWasFoundAndWhichJarToAdd() {
        PoolSpec<byte[]> spec = PoolSpec.builder(BufferTypes.BYTE_ARRAY).build();
        String message = assertThrows(IllegalStateException.class, () -> BufferPools.create(spec)).getMessage();
        assertTrue(message.contains("no bufpool provider found"), message);
        assertTrue(message.contains("dev.bufpool:bufpool-sharded"), message);
    }

    @Test
    void providerByNameSaysNoneWasFoundAndWhichJarToAdd() {
        String message = assertThrows(IllegalStateException.class, () -> BufferPools.provider("bounded")).getMessage();
        assertTrue(message.contains("'bounded'"), message);
        assertTrue(message.contains("dev.bufpool:bufpool-bounded"), message);
    }

    @Test
    void theProviderPropertyHasItsDocumentedName() {
        assertEquals("dev.bufpool.provider", BufferPools.PROVIDER_PROPERTY);
    }

    @Test
    void theGlobalBytesPoolSaysNoProviderWasFoundEveryTimeItIsAskedFor() {
        for (int attempt = 0; attempt < 2; attempt++) {
            String message = assertThrows(IllegalStateException.class, BufferPools::bytes).getMessage();
            assertTrue(message.contains("no bufpool provider found"), message);
        }
    }

    @Test
    void theGlobalFloatsPoolSaysNoProviderWasFoundEveryTimeItIsAskedFor() {
        for (int attempt = 0; attempt < 2; attempt++) {
            String message = assertThrows(IllegalStateException.class, BufferPools::floats).getMessage();
            assertTrue(message.contains("no bufpool provider found"), message);
        }
    }
}
