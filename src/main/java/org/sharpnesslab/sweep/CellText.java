package org.sharpnesslab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of cells and result values in a results directory: {@code name=type:value} fields separated by
 * tabs, type {@code d} (double, Java's round-trip decimal form, {@code NaN} for a missing result), {@code l}
 * (integer), {@code b} (boolean) or {@code s} (String, with {@code \\}, tab, newline and carriage return escaped).
 * A cell is its {@code seed=N} field followed by its parameters. A finished cell is a block of {@code key TAB value}
 * lines — {@code cell}, {@code status} ({@code ok}/{@code failed}), {@code seconds}, {@code error}, {@code results},
 * {@code trajectory} — closed by a line {@code end}; a file of a results directory holds one or more blocks.
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
            throw new IllegalArgumentException("a cell line must start with seed=N, got '" + line + "'");
        }
        long seed = Long.parseLong(first.substring(5));
        return new Cell(tab < 0 ? Map.of() : parseValues(line.substring(tab + 1)), seed);
    }

    /** Appends the block of one finished cell. */
    static void record(CellRecord r, boolean trajectory, StringBuilder out) {
        out.append("cell\t").append(cell(r.cell())).append("\nstatus\t").append(r.ok() ? "ok" : "failed")
                .append("\nseconds\t").append(r.seconds()).append("\nerror\t").append(escape(r.error()))
                .append("\nresults\t").append(r.ok() ? values(r.outcome().values()) : "")
                .append("\ntrajectory\t").append(trajectory).append("\nend\n");
    }

    /** Parses the blocks of {@link #record}; {@code source} names the file in errors. */
    static List<CellRecord> records(List<String> lines, String source) {
        List<CellRecord> out = new ArrayList<>();
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            String key = tab < 0 ? line : line.substring(0, tab);
            if (!key.equals("end")) {
                m.put(key, tab < 0 ? "" : line.substring(tab + 1));
                continue;
            }
            if (!m.containsKey("cell") || !m.containsKey("status")) {
                throw new IllegalStateException("result file " + source + " has a record without cell or status");
            }
            Cell cell = parseCell(m.get("cell"));
            double secs = Double.parseDouble(m.getOrDefault("seconds", "NaN"));
            if ("ok".equals(m.get("status"))) {
                out.add(new CellRecord(cell, new Outcome(parseValues(m.get("results")), null), "", secs));
            } else {
                out.add(new CellRecord(cell, null, unescape(m.getOrDefault("error", "")), secs));
            }
            m.clear();
        }
        if (!m.isEmpty()) {
            throw new IllegalStateException("result file " + source + " is incomplete (it was not written by this "
                    + "library's atomic writer)");
        }
        return out;
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
