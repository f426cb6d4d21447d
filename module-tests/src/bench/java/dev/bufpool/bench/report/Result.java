package dev.bufpool.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result: a benchmark method with its parameters and thread count, its score with its
 * error, and the bytes it allocated per op (from {@code -prof gc}, {@code NaN} without).
 *
 * <p>A result of one or two forks has JMH's score (the mean of every iteration) and 99.9% error. A
 * result of {@value #MEDIAN_FORKS} or more forks is scored by its median fork, with half the spread
 * between its fastest and slowest fork as the error: runs whose forks land in different modes (on
 * this kind of machine, two-thread runs whose objects happen to share cache lines, or not) are
 * then reported by their typical fork, and the spread shows how far the modes lie apart.
 *
 * @param suite the benchmark class's simple name
 * @param method the benchmark method, or the group
 * @param params the JMH parameters
 * @param threads the threads that ran it
 * @param score the mean, or the median fork's mean
 * @param error the half-width of the 99.9% interval ({@code NaN} when JMH could not compute it), or
 *     half the spread of the forks' means
 * @param forks each fork's mean, in the order they ran
 * @param unit the score's unit
 * @param bytesPerOp bytes allocated per op, or {@code NaN}
 */
record Result(String suite, String method, Map<String, String> params, int threads, double score, double error,
        String unit, double bytesPerOp, List<Double> forks) {

    /** Forks from which on a result is scored by its median fork. */
    static final int MEDIAN_FORKS = 3;

    /** Reads one element of JMH's JSON result array. */
    static Result of(JsonObject json) {
        String benchmark = json.get("benchmark").getAsString();
        int method = benchmark.lastIndexOf('.');
        int suite = benchmark.lastIndexOf('.', method - 1);
        Map<String, String> params = new TreeMap<>();
        JsonObject jsonParams = json.getAsJsonObject("params");
        if (jsonParams != null) {
            jsonParams.entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        JsonObject primary = json.getAsJsonObject("primaryMetric");
        JsonObject secondary = json.getAsJsonObject("secondaryMetrics");
        JsonObject gc = secondary == null ? null : secondary.getAsJsonObject("gc.alloc.rate.norm");
        List<Double> forks = forkMeans(primary.getAsJsonArray("rawData"));
        double score = number(primary.get("score"));
        double error = number(primary.get("scoreError"));
        if (forks.size() >= MEDIAN_FORKS) {
            List<Double> sorted = forks.stream().sorted().toList();
            int middle = sorted.size() / 2;
            score = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            error = (sorted.get(sorted.size() - 1) - sorted.get(0)) / 2;
        }
        return new Result(benchmark.substring(suite + 1, method), benchmark.substring(method + 1), params,
                json.get("threads").getAsInt(), score, error, primary.get("scoreUnit").getAsString(),
                gc == null ? Double.NaN : number(gc.get("score")), forks);
    }

    /** The mean of each fork's iterations, from JMH's {@code rawData} (one array per fork). */
    private static List<Double> forkMeans(JsonArray rawData) {
        List<Double> means = new ArrayList<>();
        if (rawData == null) {
            return means;
        }
        for (JsonElement fork : rawData) {
            double sum = 0;
            int n = 0;
            for (JsonElement iteration : fork.getAsJsonArray()) {
                sum += iteration.getAsDouble();
                n++;
            }
            if (n > 0) {
                means.add(sum / n);
            }
        }
        return means;
    }

    /** @return whether this result was scored by its median fork */
    boolean medianOfForks() {
        return forks.size() >= MEDIAN_FORKS;
    }

    private static double number(JsonElement element) {
        // JMH writes "NaN" as a string when it has no error interval (one iteration).
        return element == null || element.isJsonNull() ? Double.NaN
                : element.getAsJsonPrimitive().isNumber() ? element.getAsDouble() : Double.NaN;
    }

    /** @return whether every given parameter has the given value */
    boolean has(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }
}
