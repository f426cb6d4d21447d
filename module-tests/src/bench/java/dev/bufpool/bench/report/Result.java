package dev.bufpool.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result: a benchmark method with its parameters and thread count, its score with JMH's
 * 99.9% error, and the bytes it allocated per op (from {@code -prof gc}, {@code NaN} without).
 *
 * @param suite the benchmark class's simple name
 * @param method the benchmark method, or the group
 * @param params the JMH parameters
 * @param threads the threads that ran it
 * @param score the mean
 * @param error the half-width of the 99.9% interval ({@code NaN} when JMH could not compute it)
 * @param unit the score's unit
 * @param bytesPerOp bytes allocated per op, or {@code NaN}
 */
record Result(String suite, String method, Map<String, String> params, int threads, double score, double error,
        String unit, double bytesPerOp) {

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
        return new Result(benchmark.substring(suite + 1, method), benchmark.substring(method + 1), params,
                json.get("threads").getAsInt(), number(primary.get("score")), number(primary.get("scoreError")),
                primary.get("scoreUnit").getAsString(), gc == null ? Double.NaN : number(gc.get("score")));
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
