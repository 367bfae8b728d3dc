package org.sharpnesslab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of cells and result values in a results directory: {@code name=type:value} fields separated by
 * tabs, type {@code d} (double, Java's round-trip decimal form, {@code NaN} for a missing result), {@code l}
 * (integer), {@code b} (boolean) or {@code s} (String, with {@code \\}, tab, newline and carriage return escaped).
 * A cell is its {@code seed=N} field followed by its parameters.
 */
final class CellText {

    private CellText() {
    }

    /** {@code seed=3<TAB>c=d:0.5<TAB>width=l:16}. */
    static String cell(Cell c) {
        StringBuilder sb = new StringBuilder("seed=").append(c.seed());
        if (!c.params().isEmpty()) {
            sb.append('\t').append(values(c.params()));
        }
        return sb.toString();
    }

    /** Parses {@link #cell(Cell)}. */
    static Cell parseCell(String line) {
        int tab = line.indexOf('\t');
        String first = tab < 0 ? line : line.substring(0, tab);
        if (!first.startsWith("seed=")) {
            throw new IllegalArgumentException("a cell line must start with seed=N, was '" + line + "'");
        }
        long seed = Long.parseLong(first.substring(5));
        return new Cell(tab < 0 ? Map.of() : parseValues(line.substring(tab + 1)), seed);
    }

    /** The values as tab-separated {@code name=type:value} fields. */
    static String values(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\t');
            }
            Object v = e.getValue();
            String type = v instanceof Double ? "d" : v instanceof Long ? "l" : v instanceof Boolean ? "b" : "s";
            sb.append(e.getKey()).append('=').append(type).append(':')
                    .append(v instanceof String s ? escape(s) : String.valueOf(v));
        }
        return sb.toString();
    }

    /** Parses {@link #values(Map)}. */
    static Map<String, Object> parseValues(String text) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return m;
        }
        for (String field : text.split("\t", -1)) {
            int eq = field.indexOf('=');
            if (eq < 1 || field.length() < eq + 3 || field.charAt(eq + 2) != ':') {
                throw new IllegalArgumentException("malformed field '" + field + "'");
            }
            String name = field.substring(0, eq);
            String raw = field.substring(eq + 3);
            Object v = switch (field.charAt(eq + 1)) {
                case 'd' -> Double.parseDouble(raw);
                case 'l' -> Long.parseLong(raw);
                case 'b' -> Boolean.parseBoolean(raw);
                case 's' -> unescape(raw);
                default -> throw new IllegalArgumentException("unknown type in field '" + field + "'");
            };
            m.put(name, v);
        }
        return m;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
