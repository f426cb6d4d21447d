package dev.bufpool.bench.report;

import java.util.List;

/** A Markdown document being written: lines, blank lines, tables. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    Markdown line(String line) {
        text.append(line).append('\n');
        return this;
    }

    Markdown blank() {
        text.append('\n');
        return this;
    }

    Markdown heading(int level, String title) {
        return blank().line("#".repeat(level) + " " + title).blank();
    }

    /** A table: the header cells, then each row's cells. */
    Markdown table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        rows.forEach(r -> line("| " + String.join(" | ", r) + " |"));
        return blank();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
