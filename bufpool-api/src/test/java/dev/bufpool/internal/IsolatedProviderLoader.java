package dev.bufpool.internal;

import dev.bufpool.spi.BufferPoolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class loader that declares {@link LonelyProvider} in its own {@code META-INF/services} and
 * defines its own copy of it (in its unnamed module, as a plugin jar's class would be); everything
 * else, the API included, comes from its parent. Built over a directory the caller owns.
 */
final class IsolatedProviderLoader extends URLClassLoader {

    private static final String PROVIDER = LonelyProvider.class.getName();

    private IsolatedProviderLoader(String name, URL root) {
        super(name, new URL[] {root}, IsolatedProviderLoader.class.getClassLoader());
    }

    /** Writes the service file and the provider's class file under {@code dir}, and loads from there. */
    static IsolatedProviderLoader in(Path dir) {
        try {
            Path services = dir.resolve("META-INF/services/" + BufferPoolProvider.class.getName());
            Files.createDirectories(services.getParent());
            Files.writeString(services, PROVIDER + "\n", StandardCharsets.UTF_8);
            String classFile = PROVIDER.replace('.', '/') + ".class";
            Path target = dir.resolve(classFile);
            Files.createDirectories(target.getParent());
            try (InputStream in = LonelyProvider.class.getResourceAsStream("LonelyProvider.class")) {
                Files.write(target, in.readAllBytes());
            }
            return new IsolatedProviderLoader("plugin", dir.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Child first for the provider only, so that its copy is this loader's, not the parent's. */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(PROVIDER)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
        }
    }
}
