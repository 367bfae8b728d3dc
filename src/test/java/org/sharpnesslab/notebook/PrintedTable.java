package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as an executed notebook printed it ({@link TableFormat#text}): the caption's name and row count, the
 * column names, and the rows shown (a long table shows its head and tail only), each cell as printed ("" when
 * missing). Read back by position: numbers are aligned right under their header, text left.
 *
 * @param name    the table's name (the caption before " — "), "" when it has none
 * @param rows    the table's row count (the caption's N; more than the shown rows when shortened)
 * @param columns the column names, in order
 * @param shown   the row number and the cells of every shown row
 */
record PrintedTable(String name, int rows, List<String> columns, Map<Integer, Map<String, String>> shown) {

    private static final Pattern CAPTION = Pattern.compile("^(?:(.*) — )?(\\d+) rows × (\\d+) columns$");
    private static final Pattern GAP = Pattern.compile("\\S+(?: \\S+)*");

    /** Every table in {@code text}, in print order. */
    static List<PrintedTable> all(String text) {
        String[] lines = text.split("\n", -1);
        List<PrintedTable> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CAPTION.matcher(lines[i]);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(2));
                int shownRows = n <= TableFormat.MAX_ROWS ? n : TableFormat.HEAD_ROWS + 1 + TableFormat.TAIL_ROWS;
                int header = i - shownRows - 1;
                assertTrue(header >= 0, "table '" + lines[i] + "' has no header line");
                out.add(parse(m.group(1) == null ? "" : m.group(1), n, Integer.parseInt(m.group(3)),
                        Arrays.copyOfRange(lines, header, i)));
            }
        }
        return out;
    }

    /** The {@code k}-th table (from 0) named {@code name} that has all the given columns. */
    static PrintedTable find(String text, String name, int k, String... columns) {
        int seen = 0;
        for (PrintedTable t : all(text)) {
            if (t.name().equals(name) && t.columns().containsAll(List.of(columns))) {
                if (seen++ == k) {
                    return t;
                }
            }
        }
        return fail("the notebook printed no table #" + k + " named '" + name + "' with columns "
                + List.of(columns));
    }

    /** The first table whose name starts with {@code prefix}. */
    static PrintedTable startingWith(String text, String prefix) {
        for (PrintedTable t : all(text)) {
            if (t.name().startsWith(prefix)) {
                return t;
            }
        }
        return fail("the notebook printed no table named '" + prefix + "…'");
    }

    private static PrintedTable parse(String name, int rows, int ncols, String[] lines) {
        List<int[]> head = spans(lines[0]);
        assertEquals(ncols, head.size(), () -> "table '" + name + "': header '" + lines[0] + "'");
        List<String> columns = new ArrayList<>();
        for (int[] s : head) {
            columns.add(lines[0].substring(s[0], s[1]));
        }
        Map<Integer, Map<String, String>> shown = new LinkedHashMap<>();
        for (int r = 1; r < lines.length; r++) {
            String line = lines[r];
            List<int[]> cells = spans(line);
            assertTrue(!cells.isEmpty(), "table '" + name + "': empty row");
            String index = line.substring(cells.get(0)[0], cells.get(0)[1]);
            if (index.equals("…")) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : columns) {
                row.put(c, "");
            }
            for (int[] s : cells.subList(1, cells.size())) {
                int col = -1;
                for (int j = 0; j < head.size() && col < 0; j++) {
                    if (s[1] == head.get(j)[1] || s[0] == head.get(j)[0]) {      // numbers right, text left
                        col = j;
                    }
                }
                int at = col;
                assertTrue(at >= 0, () -> "table '" + name + "': cell '" + line.substring(s[0], s[1])
                        + "' is under no header in '" + line + "'");
                row.put(columns.get(at), line.substring(s[0], s[1]));
            }
            shown.put(Integer.parseInt(index), row);
        }
        return new PrintedTable(name, rows, List.copyOf(columns), shown);
    }

    /** The [start, end) of every run of text separated by two or more spaces. */
    private static List<int[]> spans(String line) {
        List<int[]> out = new ArrayList<>();
        Matcher m = GAP.matcher(line);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    /** The cell of row number {@code row} (as printed, "" when missing). */
    String s(int row, String column) {
        Map<String, String> r = shown.get(row);
        assertTrue(r != null, "table '" + name + "' shows no row " + row);
        assertTrue(r.containsKey(column), "table '" + name + "' has no column " + column);
        return r.get(column);
    }

    /** The number in a cell; NaN when it is missing. */
    double d(int row, String column) {
        String v = s(row, column);
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v.replace("∞", "Infinity"));
    }

    boolean b(int row, String column) {
        String v = s(row, column);
        assertTrue(v.equals("true") || v.equals("false"), "not a boolean: '" + v + "' in " + column);
        return v.equals("true");
    }

    /** The row numbers shown, in order. */
    List<Integer> rowNumbers() {
        return List.copyOf(shown.keySet());
    }

    /** Whether every row of the table is shown. */
    boolean complete() {
        return shown.size() == rows;
    }

    /** The numbers of a column over the shown rows. */
    double[] column(String column) {
        return rowNumbers().stream().mapToDouble(r -> d(r, column)).toArray();
    }
}
