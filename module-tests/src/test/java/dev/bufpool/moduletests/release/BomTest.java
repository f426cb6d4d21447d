package dev.bufpool.moduletests.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bufpool.moduletests.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM against the build: it manages every artifact the build publishes, each at the BOM's own
 * version, which is the parent's; and nothing else, so that importing it changes no third-party
 * version in a user's build. It has no parent (see its pom), so this is what keeps it in step.
 */
class BomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern MANAGED = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");
    private static final String NOT_DEPLOYED = "<maven.deploy.skip>true</maven.deploy.skip>";

    @Test
    void theBomManagesEveryPublishedArtifactAtItsOwnVersionAndNothingElse() throws IOException {
        List<String> managed = new ArrayList<>();
        Matcher dependency = MANAGED.matcher(pom("bufpool-bom"));
        while (dependency.find()) {
            assertEquals("dev.bufpool", dependency.group(1), dependency.group());
            assertEquals("${project.version}", dependency.group(3), dependency.group());
            managed.add(dependency.group(2));
        }
        assertEquals(published(), managed, "the BOM's artifacts, in the order of the parent's modules");
    }

    @Test
    void theBomHasNoParentAndTheParentsVersion() throws IOException {
        String bom = pom("bufpool-bom");
        assertFalse(bom.contains("<parent>"), "an imported BOM brings its parent's dependencyManagement too");
        assertEquals(ownVersion(Files.readString(ProjectRoot.file("pom.xml")), "bufpool-parent"),
                ownVersion(bom, "bufpool-bom"));
    }

    /** The modules of the parent whose artifacts are deployed, less the BOM itself. */
    private static List<String> published() throws IOException {
        List<String> published = new ArrayList<>();
        Matcher module = MODULE.matcher(Files.readString(ProjectRoot.file("pom.xml")));
        while (module.find()) {
            String name = module.group(1);
            if (!name.equals("bufpool-bom") && !pom(name).contains(NOT_DEPLOYED)) {
                published.add(name);
            }
        }
        assertTrue(published.contains("bufpool-api"), () -> "modules read: " + published);
        return published;
    }

    private static String pom(String module) throws IOException {
        return Files.readString(ProjectRoot.file(module + "/pom.xml"));
    }

    private static String ownVersion(String pom, String artifactId) {
        Matcher own = Pattern.compile("<artifactId>" + artifactId + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(own.find(), () -> "no version of " + artifactId);
        return own.group(1);
    }
}
