package dev.bufpool.moduletests.vthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bufpool.moduletests.NewerJdk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A million short-lived virtual threads leave every pool's retained memory bounded, checked on a
 * JDK 21+ found on this machine while the suite itself runs on an older one: the scenario runs in a
 * child JVM. Skipped when none is installed; no case when the suite already runs on JDK 21+ (the
 * contract kit's in-process virtual-thread test covers that).
 */
class VirtualThreadsTest {

    private static final Pattern LINE = Pattern.compile(
            "provider=(\\S+) maxIdle=(\\d+) idleBuffers=(-?\\d+) idleBytes=(-?\\d+) completed=(\\d+)");
    private static final Pattern TRIMMED_LINE = Pattern.compile(
            "provider=(\\S+) maxIdleBytes=(\\d+) idleBuffers=(-?\\d+) idleBytes=(-?\\d+) completed=(\\d+)");

    /** Below JDK 21, the newer JDK to run on, if one is found; on 21+ nothing: the kit runs in-process. */
    static Stream<Named<Optional<Path>>> newerJdk() {
        return Runtime.version().feature() < 21 ? Stream.of(Named.of("JDK 21+", NewerJdk.find(21))) : Stream.empty();
    }

    @ParameterizedTest(name = "on {0}", allowZeroInvocations = true)
    @MethodSource("newerJdk")
    void aMillionVirtualThreadsLeaveRetainedMemoryBounded(Optional<Path> jdk) throws Exception {
        assumeTrue(jdk.isPresent(), "no JDK 21+ found on this machine: virtual threads cannot be tested");
        List<String> lines = runScenario(jdk.get());
        List<String> providers = new ArrayList<>();
        List<String> trimmed = new ArrayList<>();
        for (String line : lines) {
            Matcher t = TRIMMED_LINE.matcher(line);
            if (t.matches()) {
                trimmed.add(t.group(1));
                assertEquals(VirtualThreadScenario.DEFAULT_THREADS, Long.parseLong(t.group(5)),
                        t.group(1) + ", scenario output: " + lines);
                assertTrue(Long.parseLong(t.group(4)) <= Long.parseLong(t.group(2)),
                        t.group(1) + " keeps " + t.group(4) + " idle bytes under maxIdleBytes " + t.group(2));
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String provider = m.group(1);
            long maxIdle = Long.parseLong(m.group(2));
            long idleBuffers = Long.parseLong(m.group(3));
            long idleBytes = Long.parseLong(m.group(4));
            providers.add(provider);
            assertEquals(VirtualThreadScenario.DEFAULT_THREADS, Long.parseLong(m.group(5)),
                    provider + ", scenario output: " + lines);
            assertTrue(idleBuffers >= 0 && idleBuffers <= maxIdle, provider + " keeps " + idleBuffers + " idle buffers");
            assertTrue(idleBytes <= maxIdle * 4096, provider + " keeps " + idleBytes + " idle bytes");
        }
        assertTrue(providers.contains("sharded"), "scenario output: " + lines);
        assertTrue(trimmed.contains("sharded") && trimmed.contains("sizeclass"), "scenario output: " + lines);
    }

    private static List<String> runScenario(Path javaHome) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(), "-Xmx1g"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            command.addAll(List.of("--module-path", modulePath, "-m",
                    "dev.bufpool.moduletests/" + VirtualThreadScenario.class.getName()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualThreadScenario.class.getName()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertFalse(!finished, "the scenario did not finish in 6 minutes");
        assertEquals(0, process.exitValue(), "scenario output: " + lines);
        return lines;
    }
}
