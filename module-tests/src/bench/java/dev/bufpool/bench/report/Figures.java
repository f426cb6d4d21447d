package dev.bufpool.bench.report;

import java.util.Locale;
import java.util.stream.Collectors;

/** How the report writes numbers: three significant figures, thousands separated. */
final class Figures {

    private Figures() {
    }

    /** @return {@code value} to about three significant figures, {@code "-"} if it is not a number */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** @return a score and its error, {@code "8.66 ± 1.0"} */
    static String score(Result result) {
        return number(result.score()) + (Double.isNaN(result.error()) ? "" : " ± " + number(result.error()));
    }

    /** @return each fork's mean, in the order the forks ran, {@code "532 / 551 / 164"} */
    static String forks(Result result) {
        return result.forks().stream().map(Figures::number).collect(Collectors.joining(" / "));
    }

    /** @return a ratio, {@code "2.4x"} */
    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : number(ratio) + "x";
    }

    /** @return bytes allocated per op, rounded to whole bytes (JMH reports fractions near 0) */
    static String bytesPerOp(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%,.0f", bytes);
    }

    /** @return a byte count in the largest binary unit that keeps it at or above 1 */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return number(bytes / 1024.0) + " KiB";
        }
        return number(bytes / (double) (1 << 20)) + " MiB";
    }

    /** @return a request size as the tables head it: 1 KiB, 64 KiB, 1 MiB */
    static String size(String bytes) {
        return bytes(Long.parseLong(bytes));
    }
}
