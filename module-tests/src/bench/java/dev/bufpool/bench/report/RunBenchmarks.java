package dev.bufpool.bench.report;

import dev.bufpool.bench.Subject;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark suite the report shows, each with the parameters and thread counts it is
 * reported at, into one results directory (one JMH JSON file per part, the retained bytes, the
 * run's facts), then writes the report. One run of all of it takes about 18 minutes on 2 cores.
 *
 * <p>Usage: {@code RunBenchmarks [--smoke] [results directory] [docs directory]}, by default
 * {@code module-tests/target/bench/results} and {@code docs}, from the repository's root.
 * {@code --smoke} runs every benchmark for one short iteration without warm-up, to check that all of
 * it runs and the report is written (its figures mean nothing).
 */
public final class RunBenchmarks {

    /** The command the report tells its readers to run. */
    static final String COMMAND = "mvn -B -ntp -Pbench -Dmaven.test.skip=true -pl module-tests -am package"
            + " && java -cp module-tests/target/bench/benchmarks.jar dev.bufpool.bench.report.RunBenchmarks";

    /** The iteration of the median-of-forks runs at two threads (the suites' own measured iteration). */
    private static final TimeValue SHORT = TimeValue.milliseconds(200);

    private final Path results;
    private final Path scratch;
    private final boolean smoke;

    private RunBenchmarks(Path results, Path scratch, boolean smoke) {
        this.results = results;
        this.scratch = scratch;
        this.smoke = smoke;
    }

    public static void main(String[] args) throws IOException, RunnerException {
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
        boolean smoke = rest.remove("--smoke");
        Path results = Path.of(rest.size() > 0 ? rest.get(0) : "module-tests/target/bench/results");
        Path docs = Path.of(rest.size() > 1 ? rest.get(1) : "docs");
        Files.createDirectories(results);
        try (Stream<Path> old = Files.list(results)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                Files.delete(file);
            }
        }
        Path scratch = Files.createTempDirectory("bufpool-bench");
        Instant start = Instant.now();
        new RunBenchmarks(results, scratch, smoke).runAll();
        writeFacts(results, Duration.between(start, Instant.now()));
        BenchmarkReport.write(results, docs);
        System.out.println("report written to " + docs.resolve("BENCHMARKS.md").toAbsolutePath());
    }

    private void runAll() throws RunnerException {
        for (int threads : new int[] {1, 2}) {
            // The floor with two CASes is the bounded pool's yardstick at one thread only.
            List<String> heapSkips = threads == 1 ? List.of() : List.of("floorClaimed");
            run("acquire-heap-t" + threads, forks(suite(acquireExcept(heapSkips)).param("kind", "heap"), threads));
            // Kafka's pool has no direct buffers.
            List<String> directSkips = new ArrayList<>(heapSkips);
            directSkips.add("kafka");
            run("acquire-direct-t" + threads, forks(suite(acquireExcept(directSkips)).param("kind", "direct"),
                    threads));
            run("mixed-t" + threads, forks(suite("MixedSizeBenchmark").param("kind", "heap").param("bytes", "1048576")
                    .param("variant", "plain"), threads));
        }
        // Two threads whose buffers cross cores land in modes far apart from fork to fork, as above.
        run("cross-thread", medianOfForks(suite("CrossThreadBenchmark").param("kind", "heap").param("bytes", "65536")
                .param("variant", "plain"), 3, SHORT, SHORT));
        // A fork's figure stays within a few per cent over its iterations, while forks of one
        // reader differ by a quarter or more: the median of three.
        run("file-ingest", medianOfForks(suite("FileIngestBenchmark").threads(1), 1, TimeValue.seconds(1),
                TimeValue.milliseconds(500)));
        // What leak detection costs is per lease, not per byte: one size shows it.
        run("features-leaks", suite("FeatureCostBenchmark\\.leakDetection").param("bytes", "65536")
                .param("variant", "plain").threads(1));
        // With the decorator, on the pool its target is set for: the figure is the decorator's.
        run("features-leaks-stats", suite("FeatureCostBenchmark\\.leakDetection").param("bytes", "65536")
                .param("variant", "stats", "stats-only").param("provider", "sharded").threads(1));
        run("features-call", suite("FeatureCostBenchmark\\.bodyWithCall").param("bytes", "65536")
                .param("leakDetection", "OFF").threads(1));
        run("features-zeroing", suite("FeatureCostBenchmark\\.(zeroOnRelease|notZeroing|arraysFill)").threads(1));
        run("buffer-contract", suite("BufferContractBenchmark").threads(1));
        run("atomic-t1", suite("AtomicCostBenchmark\\.(compareAndSet|threadLocalUpdate)").threads(1));
        // Both threads on one word: what a CAS costs when another core wrote the line last.
        run("atomic-t2", suite("AtomicCostBenchmark\\.compareAndSet").threads(2));
    }

    /** @return the pattern of every acquire and release benchmark but those whose names are given */
    private static String acquireExcept(List<String> methods) {
        return "AcquireReleaseBenchmark\\." + (methods.isEmpty() ? "" : "(?!(" + String.join("|", methods) + ")$)");
    }

    /** One fork for one thread; for two, the short forks of {@link #medianOfForks}. */
    private ChainedOptionsBuilder forks(ChainedOptionsBuilder options, int threads) {
        options.threads(threads);
        return threads > 1 ? medianOfForks(options, 3, SHORT, SHORT) : options;
    }

    /**
     * {@value Result#MEDIAN_FORKS} forks, each of {@code warmups} x {@code warmup} warm-up and 3 x
     * {@code measured} measured, reported by the median fork: for runs whose forks land in modes
     * far apart (two threads on a small machine, a copy whose speed is the fork's).
     */
    private ChainedOptionsBuilder medianOfForks(ChainedOptionsBuilder options, int warmups, TimeValue warmup,
            TimeValue measured) {
        if (!smoke) {
            options.forks(Result.MEDIAN_FORKS).warmupIterations(warmups).warmupTime(warmup)
                    .measurementIterations(3).measurementTime(measured);
        }
        return options;
    }

    private ChainedOptionsBuilder suite(String pattern) {
        ChainedOptionsBuilder options = new OptionsBuilder();
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100)).forks(1);
        }
        return options.include("dev\\.bufpool\\.bench\\." + pattern)
                .addProfiler(GCProfiler.class)
                // A fixed young generation: a fresh heap's pages each cost a first-touch fault, costly
                // where the machine backs memory lazily (a virtual machine), so a subject that allocates
                // would be measured on new memory until the first collection; this young generation is
                // reused after each one, as a long-running server's heap is, from the warm-up on.
                .jvmArgsAppend("-Xms2g", "-Xmx2g", "-Xmn256m", "-Djava.io.tmpdir=" + scratch,
                        "-D" + Subject.RETAINED_FILE + "=" + results.resolve(Results.RETAINED_FILE).toAbsolutePath());
    }

    private void run(String part, ChainedOptionsBuilder options) throws RunnerException {
        new Runner(options.resultFormat(ResultFormatType.JSON)
                .result(results.resolve(part + ".json").toString()).build()).run();
    }

    private static void writeFacts(Path results, Duration took) throws IOException {
        Properties facts = new Properties();
        facts.setProperty("command", COMMAND);
        facts.setProperty("date", LocalDate.now(ZoneOffset.UTC).toString());
        facts.setProperty("run.minutes", Long.toString(Math.max(1, Math.round(took.toSeconds() / 60.0))));
        facts.setProperty("machine.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() : -1;
        facts.setProperty("machine.memory", memory < 0 ? "?" : Math.round(memory / (double) (1L << 30)) + " GiB");
        facts.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        try (Writer writer = Files.newBufferedWriter(results.resolve(Results.RUN_FILE), StandardCharsets.UTF_8)) {
            facts.store(writer, "the run the report describes");
        }
    }
}
