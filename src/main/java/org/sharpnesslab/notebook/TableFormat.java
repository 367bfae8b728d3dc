package org.sharpnesslab.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Formats a Tablesaw {@link Table} for reading: an HTML table for notebooks and an aligned text table for
 * consoles. A table longer than {@link #MAX_ROWS} shows its first {@link #HEAD_ROWS} and last
 * {@link #TAIL_ROWS} rows with a "⋮" row between them; both forms end with an "N rows × M columns" caption.
 * Floating-point numbers are shown with the significant digits their column needs ({@link #digits}): the fewest,
 * from 4 to 6, that keep the shown values of the column as distinct as six digits do, so 0.9142135623730951
 * reads 0.9142 beside values that differ in the first digits, and rounding noise never shows (2.5600000000000005
 * is 2.56); missing values are empty cells. The table's data keep the exact values.
 */
public final class TableFormat {

    /** Tables with more rows than this are shortened to head and tail. */
    public static final int MAX_ROWS = 20;
    /** Rows shown from the start of a shortened table. */
    public static final int HEAD_ROWS = 10;
    /** Rows shown from the end of a shortened table. */
    public static final int TAIL_ROWS = 5;

    private TableFormat() {
    }

    /**
     * A number as a reader wants it: integers without decimals, otherwise six significant digits without
     * trailing zeros ({@code 0.333333}, {@code 12.5}), scientific notation outside [1e-4, 1e6)
     * ({@code 1.23457e-07}); {@code NaN} → empty, infinities → {@code ∞}/{@code -∞}.
     */
    public static String number(double v) {
        return number(v, 6);
    }

    /** {@link #number(double)} with {@code digits} significant digits (1 to 17). */
    public static String number(double v, int digits) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        String exp = s.substring(e + 1);
        int expValue = Integer.parseInt(exp);
        return mantissa + "e" + (expValue < 0 ? "-" : "+") + String.format("%02d", Math.abs(expValue));
    }

    /** The text of one cell: numbers through {@link #number(double)}, missing values empty. */
    public static String cell(Column<?> column, int row) {
        return cell(column, row, 6);
    }

    /** The text of one cell with {@code digits} significant digits for a floating-point column. */
    static String cell(Column<?> column, int row, int digits) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof NumberColumn<?, ?> n && isFloating(column)) {
            return number(n.getDouble(row), digits);
        }
        return column.getString(row);
    }

    /**
     * The significant digits column {@code column} is shown with over {@code rows} (−1 entries skipped): the fewest
     * from 4 to 6 that keep as many distinct values as six digits give.
     */
    static int digits(Column<?> column, int[] rows) {
        if (!(column instanceof NumberColumn<?, ?>) || !isFloating(column)) {
            return 6;
        }
        java.util.Set<String> six = new java.util.HashSet<>();
        for (int r : rows) {
            if (r >= 0) {
                six.add(cell(column, r, 6));
            }
        }
        for (int d = 4; d < 6; d++) {
            java.util.Set<String> fewer = new java.util.HashSet<>();
            for (int r : rows) {
                if (r >= 0) {
                    fewer.add(cell(column, r, d));
                }
            }
            if (fewer.size() == six.size()) {
                return d;
            }
        }
        return 6;
    }

    /** The "N rows × M columns" caption, prefixed by the table's name when it has one. */
    public static String caption(Table table) {
        String dims = table.rowCount() + " rows × " + table.columnCount() + " columns";
        String name = table.name();
        return name == null || name.isBlank() ? dims : name + " — " + dims;
    }

    /** The HTML rendering: an escaped {@code <table>} with a row-number column and the caption. */
    public static String html(Table table) {
        StringBuilder sb = new StringBuilder(256 + 64 * Math.min(table.rowCount(), MAX_ROWS) * table.columnCount());
        sb.append("<div class=\"sharpness-table\" style=\"overflow-x:auto\">\n<table class=\"dataframe\" border=\"1\">\n");
        sb.append("<thead><tr style=\"text-align:right\"><th></th>");
        List<Column<?>> cols = table.columns();
        for (Column<?> c : cols) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int[] shown = shownRows(table);
        int[] digits = cols.stream().mapToInt(c -> digits(c, shown)).toArray();
        for (int row : shown) {
            if (row < 0) {
                sb.append("<tr><th>⋮</th>");
                for (int i = 0; i < cols.size(); i++) {
                    sb.append("<td>⋮</td>");
                }
                sb.append("</tr>\n");
                continue;
            }
            sb.append("<tr><th>").append(row).append("</th>");
            for (int j = 0; j < cols.size(); j++) {
                Column<?> c = cols.get(j);
                sb.append(c instanceof NumberColumn ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(cell(c, row, digits[j]))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n<p style=\"font-size:smaller\">").append(escape(caption(table)))
                .append("</p>\n</div>");
        return sb.toString();
    }

    /** The text rendering: columns aligned with spaces (numbers to the right), then the caption. */
    public static String text(Table table) {
        return text(table, true);
    }

    /**
     * The text rendering with six digits in every floating-point column: the {@code text/plain} of a notebook's
     * bundle, which Jupyter shows only where HTML cannot be, and which programs reading executed notebooks parse
     * (six digits: what a cell computed, to 2e-5).
     */
    static String textSixDigits(Table table) {
        return text(table, false);
    }

    private static String text(Table table, boolean perColumn) {
        List<Column<?>> cols = table.columns();
        int[] rows = shownRows(table);
        int[] digits = cols.stream().mapToInt(c -> perColumn ? digits(c, rows) : 6).toArray();
        String[][] cells = new String[rows.length + 1][cols.size() + 1];
        cells[0][0] = "";
        for (int j = 0; j < cols.size(); j++) {
            cells[0][j + 1] = cols.get(j).name();
        }
        for (int i = 0; i < rows.length; i++) {
            cells[i + 1][0] = rows[i] < 0 ? "…" : Integer.toString(rows[i]);
            for (int j = 0; j < cols.size(); j++) {
                cells[i + 1][j + 1] = rows[i] < 0 ? "…" : cell(cols.get(j), rows[i], digits[j]);
            }
        }
        int[] width = new int[cols.size() + 1];
        for (String[] line : cells) {
            for (int j = 0; j < line.length; j++) {
                width[j] = Math.max(width[j], line[j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : cells) {
            for (int j = 0; j < line.length; j++) {
                boolean right = j == 0 || cols.get(j - 1) instanceof NumberColumn;
                String pad = " ".repeat(width[j] - line[j].length());
                sb.append(j == 0 ? "" : "  ").append(right ? pad + line[j] : line[j] + pad);
            }
            sb.append('\n');
        }
        return sb.append(caption(table)).toString();
    }

    /** Row indices to show; -1 marks the elision between head and tail. */
    static int[] shownRows(Table table) {
        int n = table.rowCount();
        List<Integer> rows = new ArrayList<>();
        if (n <= MAX_ROWS) {
            for (int i = 0; i < n; i++) {
                rows.add(i);
            }
        } else {
            for (int i = 0; i < HEAD_ROWS; i++) {
                rows.add(i);
            }
            rows.add(-1);
            for (int i = n - TAIL_ROWS; i < n; i++) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** HTML-escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '}. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isFloating(Column<?> c) {
        // by class, not by ColumnType constants: those can be null during Tablesaw's class initialisation
        return c instanceof tech.tablesaw.api.DoubleColumn || c instanceof tech.tablesaw.api.FloatColumn;
    }
}
