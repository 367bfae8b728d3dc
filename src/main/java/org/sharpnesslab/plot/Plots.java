package org.sharpnesslab.plot;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Static chart factories for notebook use: one call from a result table to a chart.
 *
 * <pre>{@code
 * Plots.line(run, "step", "lambda").yLine(2 / eta, "2/eta")
 * Plots.scatter(orbit, "df", "lambda")
 * }</pre>
 */
public final class Plots {

    /** Default figure size in pixels. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    private Plots() {
    }

    /** An empty figure of the default size. */
    public static Figure figure() {
        return new Figure(WIDTH, HEIGHT);
    }

    /**
     * Lines of the columns {@code ys} against the column {@code x}, one series per column, axes titled with
     * the column names. Non-finite values (a diverged tail) are skipped.
     *
     * @throws IllegalArgumentException if a column is missing or not numeric
     */
    public static Figure line(Table table, String x, String... ys) {
        return columns(table, x, ys, false);
    }

    /** Markers of the columns {@code ys} against {@code x}. */
    public static Figure scatter(Table table, String x, String... ys) {
        return columns(table, x, ys, true);
    }

    /** The columns {@code ys} against {@code x} as lines or markers, axes named for them, a legend for several. */
    private static Figure columns(Table table, String x, String[] ys, boolean points) {
        requireColumns(table, x, ys);
        Figure f = figure();
        double[] xs = column(table, x);
        for (String y : ys) {
            if (points) {
                f.addPoints(y, xs, column(table, y));
            } else {
                f.addLine(y, xs, column(table, y));
            }
        }
        f.axes(x, ys.length == 1 ? ys[0] : "");
        if (ys.length == 1) {
            f.noLegend();
        }
        return f;
    }

    /** A line of y against x from arrays. */
    public static Figure line(double[] x, double[] y, String name) {
        return figure().addLine(name, x, y).noLegend();
    }

    /** The values of a numeric column as doubles (missing values become NaN). */
    public static double[] column(Table table, String name) {
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("Column " + name + " is not present in table " + table.name()
                    + "; columns are " + table.columnNames());
        }
        if (!(table.column(name) instanceof NumericColumn)) {
            throw new IllegalArgumentException("Column " + name + " of table " + table.name() + " is not numeric");
        }
        NumericColumn<?> c = (NumericColumn<?>) table.column(name);
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    private static void requireColumns(Table table, String x, String... ys) {
        if (ys.length == 0) {
            throw new IllegalArgumentException("ys must name at least one column");
        }
        column(table, x);
        for (String y : ys) {
            column(table, y);
        }
    }
}
