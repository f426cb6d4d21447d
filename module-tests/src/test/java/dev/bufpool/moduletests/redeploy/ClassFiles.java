package dev.bufpool.moduletests.redeploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies compiled classes of these tests out of this JVM's paths, for another class loader or JVM. */
final class ClassFiles {

    private ClassFiles() {
    }

    /** Copies the class file of {@code className}, found beside this class, under {@code root}. */
    static void copy(String className, Path root) throws IOException {
        String file = className.replace('.', '/') + ".class";
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = ClassFiles.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + file + " beside " + ClassFiles.class.getName());
            }
            Files.write(target, in.readAllBytes());
        }
    }
}
