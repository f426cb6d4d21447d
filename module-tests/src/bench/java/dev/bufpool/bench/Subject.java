package dev.bufpool.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A pool (or no pool) under measurement that can say how many bytes it keeps. After each
 * measurement iteration that figure is appended to the file named by the system property
 * {@value #RETAINED_FILE}, when it is set, so the report can show retained memory over a run; JMH
 * itself has no place for a gauge.
 */
public abstract class Subject {

    /** The system property naming the file retained bytes are appended to. */
    public static final String RETAINED_FILE = "bufpool.bench.retained";

    /** @return the bytes this subject keeps for later requests now; {@code -1} if it cannot tell */
    abstract long retainedBytes();

    @TearDown(Level.Iteration)
    public void recordRetained(BenchmarkParams benchmark, IterationParams iteration) {
        String file = System.getProperty(RETAINED_FILE);
        if (file == null || iteration.getType() != IterationType.MEASUREMENT) {
            return;
        }
        Map<String, String> params = new TreeMap<>();
        for (String key : benchmark.getParamsKeys()) {
            params.put(key, benchmark.getParam(key));
        }
        String line = String.join("\t", benchmark.getBenchmark(), Integer.toString(benchmark.getThreads()),
                params.toString(), Long.toString(retainedBytes())) + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
