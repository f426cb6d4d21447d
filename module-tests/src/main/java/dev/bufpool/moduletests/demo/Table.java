package dev.bufpool.moduletests.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A text table with aligned columns: text left, the columns named as numeric right. */
final class Table {

    private static final String GAP = "  ";

    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with these column headers; blank headers are not printed. */
    Table(String... headers) {
        this.headers = headers.clone();
        this.right = new boolean[headers.length];
    }

    /** Aligns the given columns (0-based) to the right, for numbers. */
    Table rightAligned(int... columns) {
        for (int column : columns) {
            right[column] = true;
        }
        return this;
    }

    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row must have " + headers.length + " cells: cells="
                    + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[headers.length];
        boolean withHeaders = Arrays.stream(headers).anyMatch(h -> !h.isBlank());
        for (int c = 0; c < headers.length; c++) {
            widths[c] = withHeaders ? headers[c].length() : 0;
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        if (withHeaders) {
            String header = line(headers, widths);
            out.println(indent + header);
            out.println(indent + "-".repeat(header.length()));
        }
        for (String[] row : rows) {
            out.println(indent + line(row, widths));
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String padding = " ".repeat(widths[c] - cells[c].length());
            line.append(c == 0 ? "" : GAP).append(right[c] ? padding + cells[c] : cells[c] + padding);
        }
        return line.toString().stripTrailing();
    }
}
