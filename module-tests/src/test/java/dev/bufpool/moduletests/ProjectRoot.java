package dev.bufpool.moduletests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root directory, for the tests that check files of the project itself (the README's
 * snippets, the BOM, the legal files in every jar): named by the build in the system property
 * {@value #PROPERTY}.
 */
public final class ProjectRoot {

    /** The system property; module-tests' surefire configuration sets it. */
    public static final String PROPERTY = "bufpool.root";

    private ProjectRoot() {
    }

    /**
     * @param relative a path below the root
     * @return that file
     * @throws IllegalStateException if the property is not set or the file is not there
     */
    public static Path file(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: module-tests' surefire"
                    + " configuration names the project's root (mvn verify)");
        }
        Path file = Path.of(root).resolve(relative).normalize();
        if (!Files.exists(file)) {
            throw new IllegalStateException("not in the project's root " + root + ": " + relative);
        }
        return file;
    }
}
