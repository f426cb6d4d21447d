package dev.bufpool.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every result of one run, read from the JMH JSON files of a directory, with the retained bytes
 * the subjects recorded after each measurement iteration, and the run's facts (machine, JDK,
 * command), from {@value #RUN_FILE}.
 */
final class Results {

    static final String RETAINED_FILE = "retained.tsv";
    static final String RUN_FILE = "run.properties";

    private final List<Result> all;
    /** Retained bytes by {@code benchmark \t threads \t params}, one value per measurement iteration. */
    private final Map<String, List<Long>> retained;
    private final Map<String, String> run;
    private final JsonElement firstJson;

    private Results(List<Result> all, Map<String, List<Long>> retained, Map<String, String> run, JsonElement firstJson) {
        this.all = all;
        this.retained = retained;
        this.run = run;
        this.firstJson = firstJson;
    }

    static Results read(Path directory) throws IOException {
        List<Result> all = new ArrayList<>();
        JsonElement first = null;
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no JMH JSON results in " + directory.toAbsolutePath());
        }
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonArray array = JsonParser.parseReader(reader).getAsJsonArray();
                for (JsonElement element : array) {
                    first = first == null ? element : first;
                    all.add(Result.of(element.getAsJsonObject()));
                }
            }
        }
        Map<String, List<Long>> retained = new LinkedHashMap<>();
        Path retainedFile = directory.resolve(RETAINED_FILE);
        if (Files.exists(retainedFile)) {
            for (String line : Files.readAllLines(retainedFile, StandardCharsets.UTF_8)) {
                int last = line.lastIndexOf('\t');
                retained.computeIfAbsent(line.substring(0, last), k -> new ArrayList<>())
                        .add(Long.parseLong(line.substring(last + 1)));
            }
        }
        Map<String, String> run = new LinkedHashMap<>();
        Path runFile = directory.resolve(RUN_FILE);
        if (Files.exists(runFile)) {
            java.util.Properties properties = new java.util.Properties();
            try (Reader reader = Files.newBufferedReader(runFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream().sorted().forEach(k -> run.put(k, properties.getProperty(k)));
        }
        return new Results(all, retained, run, first);
    }

    /**
     * @param suite the benchmark class's simple name
     * @param method the method or group
     * @param threads the thread count
     * @param params parameters that must match (others may be anything)
     * @return the one result, if the run has it
     */
    Optional<Result> find(String suite, String method, int threads, Map<String, String> params) {
        return all.stream()
                .filter(r -> r.suite().equals(suite) && r.method().equals(method) && r.threads() == threads && r.has(params))
                .findFirst();
    }

    /** @return the retained bytes after each measurement iteration of that result, oldest first */
    List<Long> retained(Result result) {
        String prefix = "dev.bufpool.bench." + result.suite() + "." + result.method() + "\t" + result.threads() + "\t"
                + result.params();
        return retained.getOrDefault(prefix, Collections.emptyList());
    }

    /**
     * @return the retained bytes of each fork of that result, each oldest first: the values split
     *     evenly over its forks, as each fork runs the same measurement iterations; all in one list
     *     when they do not split so
     */
    List<List<Long>> retainedByFork(Result result) {
        List<Long> all = retained(result);
        int forks = result.forks().size();
        if (forks <= 1 || all.size() % forks != 0) {
            return all.isEmpty() ? List.of() : List.of(all);
        }
        int each = all.size() / forks;
        List<List<Long>> split = new ArrayList<>();
        for (int i = 0; i < all.size(); i += each) {
            split.add(all.subList(i, i + each));
        }
        return split;
    }

    /** @return a fact of the run ({@code machine.cores}, {@code command}, ...), or {@code "?"} */
    String fact(String key) {
        return run.getOrDefault(key, "?");
    }

    /** @return a JSON field every result shares ({@code jdkVersion}, {@code vmName}, {@code jmhVersion}) */
    String shared(String field) {
        JsonElement value = firstJson.getAsJsonObject().get(field);
        return value == null ? "?" : value.getAsString();
    }
}
