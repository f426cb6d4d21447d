package dev.bufpool.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns one run's JMH JSON results into {@code docs/BENCHMARKS.md} and the charts in
 * {@code docs/charts}: tables of ns/op and B/op, each pool's ratio to the floor and to the sharded
 * pool, the targets checked case by case, the machine and the command; and the summary table of
 * the {@code README.md} beside {@code docs}, if there is one ({@link ReadmeFigures}).
 *
 * <p>Usage: {@code BenchmarkReport <results directory> <docs directory>}.
 */
public final class BenchmarkReport {

    static final List<String> SIZES = List.of("1024", "65536", "1048576");
    static final List<String> PROVIDERS = List.of("sharded", "sizeclass", "bounded");
    static final String ACQUIRE = "AcquireReleaseBenchmark";
    static final String MIXED = "MixedSizeBenchmark";
    static final String CROSS = "CrossThreadBenchmark";
    static final String INGEST = "FileIngestBenchmark";
    static final String FEATURES = "FeatureCostBenchmark";
    static final String ATOMIC = "AtomicCostBenchmark";
    static final String CONTRACT = "BufferContractBenchmark";

    private final Results results;
    private final Markdown md = new Markdown();
    private final Targets targets = new Targets();
    private final Charts charts;
    private final WhyMissed why;

    private BenchmarkReport(Results results, Path docs) {
        this.results = results;
        this.why = new WhyMissed(results);
        this.charts = new Charts(docs.resolve("charts"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchmarkReport <results directory> <docs directory>");
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /** Reads the results in {@code resultsDir}; writes {@code BENCHMARKS.md} and the charts into {@code docs}. */
    static void write(Path resultsDir, Path docs) throws IOException {
        Results results = Results.read(resultsDir);
        BenchmarkReport report = new BenchmarkReport(results, docs);
        String text = report.render();
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("BENCHMARKS.md"), text, StandardCharsets.UTF_8);
        Path readme = docs.toAbsolutePath().getParent().resolve("README.md");
        if (Files.exists(readme)) {
            new ReadmeFigures(results).writeInto(readme);
        }
    }

    private String render() throws IOException {
        Markdown body = new Markdown();
        acquireRelease(body);
        mixedSizes(body);
        crossThread(body);
        fileIngest(body);
        featureCosts(body);

        md.line("# Benchmarks").blank()
                .line("Generated from one JMH run by `dev.bufpool.bench.report.BenchmarkReport`; do not edit by hand.")
                .line("Every claim is a ratio between figures measured in that run. To rerun it all (about "
                        + results.fact("run.minutes") + " minutes here):").blank()
                .line("```").line(results.fact("command")).line("```").blank();
        machine();
        md.heading(2, "Targets");
        targets.write(md);
        return md + body.toString();
    }

    private void machine() {
        md.line("Machine: " + results.fact("machine.cores") + " cores, " + results.fact("machine.memory") + " memory, "
                + results.fact("os") + "; " + results.shared("vmName") + " " + results.shared("vmVersion") + " (JDK "
                + results.shared("jdkVersion") + "), JMH " + results.shared("jmhVersion") + ", run on "
                + results.fact("date") + ".").blank()
                .line("Settings: at 1 thread, 1 fork per benchmark (file ingest: see there), with the warm-up and measurement iterations of"
                        + " each benchmark class (1 s of warm-up and 6 x 200 ms measured for the acquire and release"
                        + " suites), errors JMH's 99.9% intervals. At 2 threads (acquire and release, mixed sizes, cross-thread), "
                        + Result.MEDIAN_FORKS + " forks of 3 x 200 ms warm-up and 3 x 200 ms measured, reported by"
                        + " the median fork, the error half the spread between the fastest and the slowest fork:"
                        + " two-thread forks on this machine land in modes far apart. Read figures to about ±20%."
                        + " B/op is `gc.alloc.rate.norm` from `-prof gc`. Every fork has a 2 GiB heap with a fixed"
                        + " 256 MiB young generation (`-Xms2g -Xmx2g -Xmn256m`), so what allocates runs on memory"
                        + " the collector has used before, not on pages the machine touches for the first time.")
                        .blank()
                .line("**The floor** is a `ThreadLocal` holding one buffer of the request's size, used as a pool"
                        + " of one: taken out of its holder while in use and put back. No pool can do less work and"
                        + " still hand a buffer to one holder at a time. **No pool** is `new byte[n]` (heap) or"
                        + " `ByteBuffer.allocateDirect(n)` (direct) for every request.").blank();
    }

    // ---- acquire and release ----------------------------------------------------------------

    private static List<Row> acquireRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.anchor("floor: ThreadLocal, one buffer", Row.FLOOR));
        for (String provider : PROVIDERS) {
            for (String variant : List.of("plain", "stats", "trimming")) {
                rows.add(Row.ours(provider, variant));
            }
        }
        rows.add(Row.anchor("no pool", Row.NO_POOL));
        rows.addAll(Row.POOL_ANCHORS);
        return rows;
    }

    private Optional<Result> acquire(Row row, String kind, String bytes, int threads) {
        Row at = row.with(Map.of("kind", kind, "bytes", bytes));
        return results.find(ACQUIRE, at.method(), threads, at.params());
    }

    private void acquireRelease(Markdown out) throws IOException {
        out.heading(2, "Acquire, write one byte, release");
        out.line("Each op acquires a buffer, writes one byte, reads it and releases it; every pool is shared by the"
                + " benchmark's threads. Columns: ns per op at each size, the most bytes allocated per op at any"
                + " size, the ratio to the floor, and how many times the sharded pool's time (1.0 = as fast).")
                .blank();
        for (int threads : new int[] {1, 2}) {
            for (String kind : List.of("heap", "direct")) {
                out.heading(3, kind + " buffers, " + threads + (threads == 1 ? " thread" : " threads"));
                List<List<String>> rows = new ArrayList<>();
                Map<String, double[]> chart = new LinkedHashMap<>();
                for (Row row : acquireRows()) {
                    List<String> cells = new ArrayList<>();
                    cells.add(row.label());
                    double mostBytes = Double.NaN;
                    List<String> toFloor = new ArrayList<>();
                    List<String> toSharded = new ArrayList<>();
                    double[] scores = new double[SIZES.size()];
                    boolean any = false;
                    for (int i = 0; i < SIZES.size(); i++) {
                        String bytes = SIZES.get(i);
                        Optional<Result> result = acquire(row, kind, bytes, threads);
                        any |= result.isPresent();
                        cells.add(result.map(Figures::score).orElse("-"));
                        scores[i] = result.map(Result::score).orElse(Double.NaN);
                        double allocated = result.map(Result::bytesPerOp).orElse(Double.NaN);
                        if (!Double.isNaN(allocated)) {
                            mostBytes = Double.isNaN(mostBytes) ? allocated : Math.max(mostBytes, allocated);
                        }
                        toFloor.add(Figures.ratio(ratio(result, acquire(Row.anchor("", Row.FLOOR), kind, bytes, threads))));
                        toSharded.add(Figures.ratio(ratio(result, acquire(Row.ours("sharded", "plain"), kind, bytes, threads))));
                    }
                    if (!any) {
                        continue;
                    }
                    cells.add(Figures.bytesPerOp(mostBytes));
                    cells.add(String.join(" / ", toFloor));
                    cells.add(String.join(" / ", toSharded));
                    rows.add(cells);
                    chart.put(row.label().replace("**", ""), scores);
                }
                out.table(List.of("pool", "1 KiB", "64 KiB", "1 MiB", "B/op", "/ floor", "/ sharded"), rows);
                String name = "acquire-" + kind + "-t" + threads + ".png";
                charts.bars(name, "Acquire + release, " + kind + ", " + threads + " thread(s): log10 ns/op",
                        List.of("1 KiB", "64 KiB", "1 MiB"), chart);
                out.line("![acquire and release, " + kind + ", " + threads + " thread(s)](charts/" + name + ")").blank();
            }
        }
        acquireTargets();
    }

    private static double ratio(Optional<Result> of, Optional<Result> to) {
        return of.isPresent() && to.isPresent() ? of.get().score() / to.get().score() : Double.NaN;
    }

    /** The fastest of the anchors that are pools or no pool (never the floor). */
    private OptionalDouble fastestAnchor(String kind, String bytes, int threads) {
        List<Row> anchors = new ArrayList<>(Row.POOL_ANCHORS);
        anchors.add(Row.anchor("no pool", Row.NO_POOL));
        return anchors.stream().map(a -> acquire(a, kind, bytes, threads)).flatMap(Optional::stream)
                .mapToDouble(Result::score).min();
    }

    private void acquireTargets() {
        Targets.Target oneThread = targets.add("sharded and size-class, 1 thread: at most 2x the floor, 0 B/op, at least"
                + " 2x faster than the fastest anchor", why.floorOneThread());
        Targets.Target twoThreads = targets.add("sharded and size-class, 2 threads: at most 3x the floor, faster than"
                + " every anchor", why.floorTwoThreads());
        for (String provider : List.of("sharded", "sizeclass")) {
            for (String kind : List.of("heap", "direct")) {
                for (String bytes : SIZES) {
                    String at = provider + ", " + kind + ", " + Figures.size(bytes);
                    for (int threads : new int[] {1, 2}) {
                        Optional<Result> ours = acquire(Row.ours(provider, "plain"), kind, bytes, threads);
                        Optional<Result> floor = acquire(Row.anchor("", Row.FLOOR), kind, bytes, threads);
                        OptionalDouble anchor = fastestAnchor(kind, bytes, threads);
                        double score = ours.map(Result::score).orElse(Double.NaN);
                        double fastest = anchor.isPresent() ? anchor.getAsDouble() : Double.NaN;
                        if (threads == 1) {
                            oneThread.atMost(at + ", ratio to the floor", ratio(ours, floor), 2)
                                    .atMost(at + ", B/op", ours.map(Result::bytesPerOp).orElse(Double.NaN), 0.5)
                                    .atLeast(at + ", times faster than the fastest anchor", fastest / score, 2);
                        } else {
                            twoThreads.atMost(at + ", ratio to the floor", ratio(ours, floor), 3)
                                    .atLeast(at + ", times faster than the fastest anchor", fastest / score, 1);
                        }
                    }
                }
            }
        }
        boundedTargets();
        Targets.Target stats = targets.add("stats on sharded: at most 2x undecorated, 0 B/op", why.stats());
        for (String kind : List.of("heap", "direct")) {
            for (String bytes : SIZES) {
                for (int threads : new int[] {1, 2}) {
                    String at = kind + ", " + Figures.size(bytes) + ", " + threads + "t";
                    Optional<Result> decorated = acquire(Row.ours("sharded", "stats"), kind, bytes, threads);
                    stats.atMost(at + ", ratio to undecorated", ratio(decorated,
                            acquire(Row.ours("sharded", "plain"), kind, bytes, threads)), 2)
                            .atMost(at + ", B/op", decorated.map(Result::bytesPerOp).orElse(Double.NaN), 0.5);
                }
            }
        }
    }

    private void boundedTargets() {
        Optional<Result> cas = results.find(ATOMIC, "compareAndSet", 1, Map.of());
        Targets.Target floorPlusCas = targets.add("bounded, 1 thread: at most 1.25x (the floor plus two uncontended CASes,"
                + " measured in the same run)", why.boundedAgainstAnchors());
        Targets.Target anchors = targets.add("bounded: at least 1.5x faster than Kafka's pool and stormpot, 1 and 2 threads",
                why.boundedAgainstAnchors());
        for (String kind : List.of("heap", "direct")) {
            for (String bytes : SIZES) {
                String at = kind + ", " + Figures.size(bytes);
                Optional<Result> bounded1 = acquire(Row.ours("bounded", "plain"), kind, bytes, 1);
                Optional<Result> floor = acquire(Row.anchor("", Row.FLOOR), kind, bytes, 1);
                if (floor.isPresent() && cas.isPresent()) {
                    double yardstick = floor.get().score() + 2 * cas.get().score();
                    floorPlusCas.atMost(at + ", ratio to floor + 2 CAS (" + Figures.number(yardstick) + " ns)",
                            bounded1.map(Result::score).orElse(Double.NaN) / yardstick, 1.25);
                }
                for (int threads : new int[] {1, 2}) {
                    Optional<Result> bounded = acquire(Row.ours("bounded", "plain"), kind, bytes, threads);
                    for (Row anchor : List.of(Row.anchor("Kafka", "kafka"), Row.anchor("stormpot", "stormpot"))) {
                        Optional<Result> other = acquire(anchor, kind, bytes, threads);
                        if (other.isPresent()) {
                            anchors.atLeast(at + ", " + threads + "t, times faster than " + anchor.label(),
                                    ratio(other, bounded), 1.5);
                        }
                    }
                }
            }
        }
    }

    // ---- mixed sizes --------------------------------------------------------------------------

    private static List<Row> mixedRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.anchor("floor: ThreadLocal, one 1 MiB buffer", Row.FLOOR));
        PROVIDERS.forEach(p -> rows.add(Row.ours(p, "plain")));
        rows.add(Row.anchor("no pool", Row.NO_POOL));
        rows.addAll(Row.POOL_ANCHORS);
        return rows;
    }

    private void mixedSizes(Markdown out) throws IOException {
        out.heading(2, "Mixed sizes");
        out.line("Each op asks for a size drawn from a fixed-seed sequence over 256 B, 1, 4, 16, 64, 256 KiB and 1 MiB"
                + " (equally likely), heap buffers. Object pools (Commons Pool, stormpot) and the floor hold 1 MiB"
                + " buffers and hand one out for every request; Kafka pools buffers of 1 MiB only and allocates the"
                + " rest. Retained: the bytes the pool keeps for later requests after the last iteration.").blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, double[]> chart = new LinkedHashMap<>();
        Targets.Target target = targets.add("mixed sizes: every provider faster than every anchor", why.mixed());
        for (Row row : mixedRows()) {
            Optional<Result> one = results.find(MIXED, row.method(), 1, row.params());
            Optional<Result> two = results.find(MIXED, row.method(), 2, row.params());
            if (one.isEmpty() && two.isEmpty()) {
                continue;
            }
            Optional<Result> floor = results.find(MIXED, Row.FLOOR, 1, Map.of());
            List<Long> retained = one.map(results::retained).orElse(List.of());
            rows.add(List.of(row.label(), one.map(Figures::score).orElse("-"), two.map(Figures::score).orElse("-"),
                    Figures.bytesPerOp(one.map(Result::bytesPerOp).orElse(Double.NaN)),
                    Figures.ratio(ratio(one, floor)),
                    retained.isEmpty() ? "-" : Figures.bytes(retained.get(retained.size() - 1))));
            chart.put(row.label().replace("**", ""), new double[] {one.map(Result::score).orElse(Double.NaN),
                    two.map(Result::score).orElse(Double.NaN)});
        }
        for (String provider : PROVIDERS) {
            for (int threads : new int[] {1, 2}) {
                Optional<Result> ours = results.find(MIXED, "ours", threads, Map.of("provider", provider, "variant", "plain"));
                List<Row> anchors = new ArrayList<>(Row.POOL_ANCHORS);
                anchors.add(Row.anchor("no pool", Row.NO_POOL));
                for (Row anchor : anchors) {
                    Optional<Result> other = results.find(MIXED, anchor.method(), threads, Map.of());
                    if (other.isPresent()) {
                        target.atLeast(provider + ", " + threads + "t, times faster than " + anchor.label(),
                                ratio(other, ours), 1);
                    }
                }
            }
        }
        out.table(List.of("pool", "ns/op, 1 thread", "ns/op, 2 threads", "B/op", "/ floor", "retained"), rows);
        charts.bars("mixed.png", "Mixed sizes, heap: log10 ns/op", List.of("1 thread", "2 threads"), chart);
        out.line("![mixed sizes](charts/mixed.png)").blank();
    }

    // ---- cross-thread -------------------------------------------------------------------------

    private void crossThread(Markdown out) {
        out.heading(2, "Cross-thread: acquired on one thread, released on another");
        out.line("One thread acquires a 64 KiB heap buffer and writes it; a second reads it and releases it, through"
                + " a 16-slot ring. " + Result.MEDIAN_FORKS + " forks of 3 x 200 ms warm-up and 3 x 200 ms measured,"
                + " reported by the median fork: ns per buffer through the pair; retained bytes after the first and"
                + " the last measurement iteration of the fork in which they grew most.").blank();
        List<Row> rows = new ArrayList<>();
        PROVIDERS.forEach(p -> rows.add(Row.ours(p, "plain")));
        rows.add(Row.anchor("Netty 4.2 PooledByteBufAllocator", "nettyPooled"));
        rows.add(Row.anchor("Netty 4.2 AdaptiveByteBufAllocator", "nettyAdaptive"));
        rows.add(Row.anchor("Jetty 12 ArrayByteBufferPool", "jetty"));
        rows.add(Row.anchor("no pool", Row.NO_POOL));
        Targets.Target growth = targets.add("cross-thread: no growth of retained memory over the run", why.crossThread());
        Targets.Target speed = targets.add("cross-thread: faster than Netty and Jetty", why.crossThread());
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            Optional<Result> result = results.find(CROSS, row.method(), 2, row.params());
            if (result.isEmpty()) {
                continue;
            }
            // Each fork is its own run: growth is judged within each, and the fork that grew most is shown.
            List<Long> grewMost = List.of();
            for (List<Long> fork : results.retainedByFork(result.get())) {
                if (grewMost.isEmpty() || growth(fork) > growth(grewMost)) {
                    grewMost = fork;
                }
            }
            String first = grewMost.isEmpty() ? "-" : Figures.bytes(grewMost.get(0));
            String last = grewMost.isEmpty() ? "-" : Figures.bytes(grewMost.get(grewMost.size() - 1));
            table.add(List.of(row.label(), Figures.score(result.get()), Figures.forks(result.get()),
                    Figures.bytesPerOp(result.get().bytesPerOp()), first + " → " + last));
            if (row.ours() && !grewMost.isEmpty()) {
                long slack = 16L * 65536; // what the ring may hold at an iteration's end
                growth.atMost(row.label().replace("**", "") + ", growth from first to last iteration (bytes)",
                        growth(grewMost), slack);
                for (String anchor : List.of("nettyPooled", "nettyAdaptive", "jetty")) {
                    results.find(CROSS, anchor, 2, Map.of()).ifPresent(other -> speed.atLeast(
                            row.label().replace("**", "") + ", times faster than " + anchor,
                            other.score() / result.get().score(), 1));
                }
            }
        }
        out.table(List.of("pool", "ns per buffer", "each fork", "B/op", "retained, first → last"), table);
    }

    /** {@return the retained bytes after the last iteration less those after the first} */
    private static long growth(List<Long> retained) {
        return retained.get(retained.size() - 1) - retained.get(0);
    }

    /** The same acquire and release around a body that makes a call the JIT does not inline. */
    private void bodyWithCall(Markdown out) {
        out.line("A body that makes a call (64 KiB heap, 1 thread, leak detection off): the same acquire and release"
                + " around a method the JIT does not inline, as a body doing I/O has. javac closes the lease on the"
                + " exception path too; where that close is compiled as a call, the lease escapes through it and is"
                + " allocated on every path (40 B here). The C2 of JDK 17 compiles it so (`-XX:+PrintInlining`: the"
                + " handler's `PooledLease::close` \"already compiled into a medium method\"); in the C2 of JDK 25 the"
                + " handler's close does not appear at all (only the normal close, inlined), and the same benchmark"
                + " allocates nothing there (0.001 B/op, measured by hand).").blank();
        List<List<String>> rows = new ArrayList<>();
        for (String provider : PROVIDERS) {
            Optional<Result> call = results.find(FEATURES, "bodyWithCall", 1, Map.of("provider", provider));
            Optional<Result> plain = results.find(FEATURES, "leakDetection", 1,
                    Map.of("provider", provider, "variant", "plain", "leakDetection", "OFF"));
            rows.add(List.of(provider, call.map(Figures::score).orElse("-"),
                    Figures.bytesPerOp(call.map(Result::bytesPerOp).orElse(Double.NaN)),
                    plain.map(Figures::score).orElse("-"),
                    Figures.bytesPerOp(plain.map(Result::bytesPerOp).orElse(Double.NaN))));
        }
        out.table(List.of("provider", "with a call, ns/op", "B/op", "without, ns/op", "B/op"), rows);
    }

    // ---- file ingest --------------------------------------------------------------------------

    private void fileIngest(Markdown out) {
        out.heading(2, "File ingest");
        out.line("Reading a 256 MiB file (from the page cache) through a `FileChannel` in 1 MiB chunks, each into a"
                + " direct buffer; one op reads the whole file. One thread; " + Result.MEDIAN_FORKS + " forks of 1 s"
                + " warm-up and 3 x 500 ms measured, reported by the median fork. The pooled readers' B/op is their"
                + " lease, one per chunk (40 B of each 1 MiB read), allocated because the read is a call the JIT"
                + " does not inline (see a body that makes a call, under what the features cost).").blank();
        Optional<Result> floor = results.find(INGEST, "oneBufferFloor", 1, Map.of());
        List<List<String>> table = new ArrayList<>();
        Targets.Target target = targets.add("file ingest: within 1.05x of the one-buffer floor, error no wider than the"
                + " floor's", why.fileIngest());
        List<Row> rows = new ArrayList<>();
        rows.add(Row.anchor("one direct buffer reused (floor)", "oneBufferFloor"));
        PROVIDERS.forEach(p -> rows.add(new Row("**" + p + "**, pooled direct", "pooledDirect", Map.of("provider", p), true)));
        rows.add(Row.anchor("fresh `allocateDirect` per chunk", "freshDirect"));
        rows.add(Row.anchor("fresh heap buffer per chunk", "freshHeap"));
        for (Row row : rows) {
            Optional<Result> result = results.find(INGEST, row.method(), 1, row.params());
            if (result.isEmpty()) {
                continue;
            }
            table.add(List.of(row.label(), Figures.score(result.get()), Figures.forks(result.get()),
                    Figures.ratio(ratio(result, floor)), Figures.bytesPerOp(result.get().bytesPerOp())));
            if (row.ours() && floor.isPresent()) {
                String name = row.label().replace("**", "");
                target.atMost(name + ", ratio to the floor", ratio(result, floor), 1.05)
                        .atMost(name + ", error (ms)", result.get().error(), floor.get().error());
            }
        }
        out.table(List.of("reader", "ms per 256 MiB", "each fork", "/ floor", "B/op"), table);
    }

    // ---- feature costs ------------------------------------------------------------------------

    private void featureCosts(Markdown out) {
        out.heading(2, "What the features cost");
        out.line("Leak detection (64 KiB heap, 1 thread; its cost is per lease, not per byte): ns and bytes"
                + " allocated per acquire + release at each level, and the ratio to OFF. SAMPLE watches one lease"
                + " in 128 with a phantom reference; PARANOID watches every lease and records its acquisition's"
                + " stack.").blank();
        List<List<String>> rows = new ArrayList<>();
        for (String provider : PROVIDERS) {
            for (String variant : List.of("plain", "stats", "stats-only")) {
                Optional<Result> off = results.find(FEATURES, "leakDetection", 1,
                        Map.of("provider", provider, "variant", variant, "leakDetection", "OFF"));
                if (off.isEmpty() && !variant.equals("plain")) {
                    continue; // the decorator is measured on the sharded pool only
                }
                for (String level : List.of("OFF", "SAMPLE", "PARANOID")) {
                    Optional<Result> r = results.find(FEATURES, "leakDetection", 1,
                            Map.of("provider", provider, "variant", variant, "leakDetection", level));
                    rows.add(List.of(provider, variant, level, r.map(Figures::score).orElse("-"),
                            Figures.bytesPerOp(r.map(Result::bytesPerOp).orElse(Double.NaN)),
                            Figures.ratio(ratio(r, off))));
                }
            }
        }
        out.table(List.of("provider", "pool", "leakDetection", "ns/op", "B/op", "/ OFF"), rows);
        out.line("With `stats` (measured on the sharded pool), leak detection watches both the decorator's lease"
                + " and the wrapped pool's, each sampled on its own; `stats-only` is the decorator watching its leases"
                + " over a pool made without leak detection, as over a pool of another library. Neither lease is"
                + " allocated: the sampled leases' witnesses and tracks are what B/op shows. Closing a watched lease"
                + " marks its track closed and makes no call (the next watched acquisition forgets it): a call there,"
                + " rare as it was, kept the wrapped pool's lease allocated under the decorator (about 40 B/op at"
                + " SAMPLE, measured by hand before the change).").blank();
        bodyWithCall(out);
        out.line("Zeroing (size-class pool, `zeroOnRelease`, heap, 1 thread) beside the same pool without it and the"
                + " wipe alone (`Arrays.fill` of a buffer as long as those the pool hands out). Extra / fill: the cost"
                + " zeroing adds to the pool, divided by the wipe's.").blank();
        List<List<String>> zeroing = new ArrayList<>();
        for (String bytes : SIZES) {
            Optional<Result> zero = results.find(FEATURES, "zeroOnRelease", 1, Map.of("bytes", bytes));
            Optional<Result> fill = results.find(FEATURES, "arraysFill", 1, Map.of("bytes", bytes));
            Optional<Result> plain = results.find(FEATURES, "notZeroing", 1, Map.of("bytes", bytes));
            double extra = zero.isPresent() && plain.isPresent() && fill.isPresent()
                    ? (zero.get().score() - plain.get().score()) / fill.get().score() : Double.NaN;
            zeroing.add(List.of(Figures.size(bytes), zero.map(Figures::score).orElse("-"),
                    plain.map(Figures::score).orElse("-"), fill.map(Figures::score).orElse("-"),
                    Figures.number(extra)));
        }
        out.table(List.of("request", "zeroOnRelease", "without", "Arrays.fill", "extra / fill"), zeroing);
        bufferContract(out);
        out.line("Yardsticks on this machine (`AtomicCostBenchmark`): one uncontended CAS "
                + atomic("compareAndSet", 1) + " ns; one CAS on a word two threads write " + atomic("compareAndSet", 2)
                + " ns; one `ThreadLocal` lookup and update " + atomic("threadLocalUpdate", 1) + " ns; the floor with"
                + " a CAS to take its buffer and one to give it back (`AcquireReleaseBenchmark.floorClaimed`, 64 KiB"
                + " heap) " + results.find(ACQUIRE, "floorClaimed", 1, Map.of("kind", "heap", "bytes", "65536"))
                        .map(Figures::score).orElse("-") + " ns.").blank();
    }

    private String atomic(String method, int threads) {
        return results.find(ATOMIC, method, threads, Map.of()).map(Figures::score).orElse("-");
    }

    private void bufferContract(Markdown out) {
        out.line("Handing out a `ByteBuffer` (64 KiB, 1 thread, `BufferContractBenchmark`): the floor as it is, the"
                + " floor keeping the byte buffer contract (position 0 and the limit at the request when handed out;"
                + " position, limit and byte order reset when given back), and the sharded pool of the same buffers.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        for (String kind : List.of("heap", "direct")) {
            Map<String, String> params = Map.of("kind", kind, "bytes", "65536");
            List<String> cells = new ArrayList<>(List.of(kind + " `ByteBuffer`"));
            for (String method : List.of("asIs", "withContract", "sharded")) {
                cells.add(results.find(CONTRACT, method, 1, params).map(Figures::score).orElse("-"));
            }
            rows.add(cells);
        }
        out.table(List.of("buffer", "floor", "floor + contract", "sharded pool"), rows);
    }
}
