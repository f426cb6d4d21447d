package dev.bufpool.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's summary of a run: one table (64 KiB heap buffers, 1 and 2 threads, the floor, each
 * provider, the stats decorator and every anchor), written between two marker comments of
 * {@code README.md} so that the figures a reader sees first come from the same run as the report,
 * and are replaced with it.
 */
final class ReadmeFigures {

    static final String START = "<!-- benchmark figures: written by BenchmarkReport from its run -->";
    static final String END = "<!-- end of benchmark figures -->";
    private static final String BYTES = "65536";

    private final Results results;

    ReadmeFigures(Results results) {
        this.results = results;
    }

    /**
     * Replaces the text between the markers of {@code readme} with this run's table.
     *
     * @param readme the README file
     * @throws IOException if it cannot be read or written, or lacks the markers
     */
    void writeInto(Path readme) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IOException(readme + " has no benchmark figures markers (" + START + " ... " + END + ")");
        }
        String updated = text.substring(0, start + START.length()) + "\n" + table() + text.substring(end);
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
    }

    private String table() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.anchor("a `ThreadLocal` holding one buffer (the floor)", Row.FLOOR));
        rows.add(Row.ours("sharded", "plain"));
        rows.add(Row.ours("sizeclass", "plain"));
        rows.add(new Row("**bufpool `bounded`** (blocking, FIFO, budget)", "ours",
                Map.of("provider", "bounded", "variant", "plain"), true));
        rows.add(new Row("bufpool `sharded` + `stats` (exact counters, JMX)", "ours",
                Map.of("provider", "sharded", "variant", "stats"), true));
        rows.addAll(Row.POOL_ANCHORS);
        rows.add(Row.anchor("`new byte[65536]`", Row.NO_POOL));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            Optional<Result> one = find(row, 1);
            Optional<Result> two = find(row, 2);
            if (one.isEmpty() && two.isEmpty()) {
                continue;
            }
            String label = row.ours() && row.label().startsWith("**") && !row.label().contains("`")
                    ? "**bufpool `" + row.label().replace("**", "") + "`**" : row.label();
            cells.add(List.of(label, one.map(r -> Figures.number(r.score())).orElse("-"),
                    two.map(r -> Figures.number(r.score())).orElse("-"),
                    Figures.bytesPerOp(one.map(Result::bytesPerOp).orElse(Double.NaN))));
        }
        Markdown md = new Markdown();
        md.line("Acquire, write a byte, release: 64 KiB `byte[]`, ns per op at 1 and 2 threads (2 threads: the"
                + " median of " + Result.MEDIAN_FORKS + " forks), bytes allocated per op at 1 thread; from the run"
                + " of " + results.fact("date") + " on " + results.fact("machine.cores") + " cores, JDK "
                + results.shared("jdkVersion") + ".").blank();
        md.table(List.of("", "ns/op, 1 thread", "ns/op, 2 threads", "B/op"), cells);
        return md.toString();
    }

    private Optional<Result> find(Row row, int threads) {
        Row at = row.with(Map.of("kind", "heap", "bytes", BYTES));
        return results.find(BenchmarkReport.ACQUIRE, at.method(), threads, at.params());
    }
}
