package dev.bufpool.moduletests.osgi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an OSGi manifest header such as {@code Export-Package} into its clauses: comma-separated
 * clauses, each one or more names followed by {@code ;attribute=value} and {@code ;directive:=value}
 * parameters, values possibly in double quotes. A clause naming several packages
 * ({@code a;b;version=1}) becomes one clause per name. Typed attributes ({@code version:Version=1})
 * are keyed by their name alone.
 */
final class Headers {

    /** One name of a header and its parameters. */
    record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {

        Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes.get(key));
        }

        Optional<String> directive(String key) {
            return Optional.ofNullable(directives.get(key));
        }
    }

    private Headers() {
    }

    /**
     * @param header the header's value; {@code null} for an absent header
     * @return its clauses in order; empty for an absent header
     */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                int directive = part.indexOf(":=");
                int attribute = part.indexOf('=');
                if (directive >= 0 && directive < attribute) {
                    directives.put(part.substring(0, directive).strip(), unquote(part.substring(directive + 2)));
                } else if (attribute >= 0) {
                    String key = part.substring(0, attribute).strip();
                    int type = key.indexOf(':');
                    String name = type < 0 ? key : key.substring(0, type).strip();
                    attributes.put(name, unquote(part.substring(attribute + 1)));
                } else {
                    names.add(part.strip());
                }
            }
            for (String name : names) {
                clauses.add(new Clause(name, Map.copyOf(attributes), Map.copyOf(directives)));
            }
        }
        return clauses;
    }

    /**
     * @param header the header's value; {@code null} for an absent header
     * @return its clauses as written, without the commas between them
     */
    static List<String> rawClauses(String header) {
        return header == null ? List.of() : split(header, ',');
    }

    /** Splits at {@code separator} outside double quotes, dropping blank pieces. */
    private static List<String> split(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                add(pieces, piece);
            } else {
                piece.append(c);
            }
        }
        add(pieces, piece);
        return pieces;
    }

    private static void add(List<String> pieces, StringBuilder piece) {
        if (!piece.toString().isBlank()) {
            pieces.add(piece.toString().strip());
        }
        piece.setLength(0);
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
