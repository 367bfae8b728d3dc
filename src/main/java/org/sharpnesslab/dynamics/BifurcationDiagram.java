package org.sharpnesslab.dynamics;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A bifurcation diagram ({@link Bifurcation#diagram}): the kept values of one coordinate against the parameter,
 * as two flat arrays of equal length (one point per kept value; diverged parameter values contribute none),
 * plus per-parameter diagnostics.
 *
 * @param parameters all parameter values swept, in order
 * @param param      the parameter of each kept point
 * @param value      the coordinate's value of each kept point
 * @param period     per parameter value: period of the kept values (≥ 1), {@link Periods#NONE} (0) if none up to
 *                   maxPeriod (chaos or longer cycles), {@link Periods#DIVERGED} (−1) if the orbit diverged
 * @param lyapunov   per parameter value: the Lyapunov exponent (NaN where diverged), or null if not asked for
 * @param coordinate the recorded coordinate, or −1 when an observable of the state was recorded
 * @param options    the options used
 */
public record BifurcationDiagram(double[] parameters, double[] param, double[] value, int[] period,
                                 double[] lyapunov, int coordinate, Bifurcation.Options options) {

    /** Whether Lyapunov exponents were computed. */
    public boolean hasLyapunov() {
        return lyapunov != null;
    }

    /** The kept values at parameter index {@code i} (empty if it diverged). */
    public double[] valuesAt(int i) {
        if (period[i] == Periods.DIVERGED) {
            return new double[0];
        }
        int c = 0;
        for (int j = 0; j < i; j++) {
            if (period[j] != Periods.DIVERGED) {
                c++;
            }
        }
        int keep = options.keep();
        return java.util.Arrays.copyOfRange(value, c * keep, (c + 1) * keep);
    }

    /** The distinct kept values at index {@code i}, sorted, merging values closer than {@code tol}. */
    public double[] distinctAt(int i, double tol) {
        double[] v = valuesAt(i).clone();
        java.util.Arrays.sort(v);
        double[] out = new double[v.length];
        int n = 0;
        for (double x : v) {
            if (n == 0 || x - out[n - 1] > tol) {
                out[n++] = x;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The points: columns {@code param}, {@code value} (one row per kept value). */
    public Table table() {
        return Table.create("bifurcation diagram").addColumns(DoubleColumn.create("param", param),
                DoubleColumn.create("value", value));
    }

    /**
     * One row per parameter value: {@code param}, {@code period} (0 none, −1 diverged), {@code diverged},
     * and {@code lyapunov} if computed (missing where diverged).
     */
    public Table summary() {
        boolean[] div = new boolean[period.length];
        for (int i = 0; i < div.length; i++) {
            div[i] = period[i] == Periods.DIVERGED;
        }
        Table t = Table.create("bifurcation summary").addColumns(DoubleColumn.create("param", parameters),
                IntColumn.create("period", period), BooleanColumn.create("diverged", div));
        if (lyapunov != null) {
            t.addColumns(DoubleColumn.create("lyapunov", lyapunov));
        }
        return t;
    }

    /**
     * Where the detected period changes between consecutive parameter values (period-doublings, the opening and
     * closing of periodic windows, onset of divergence): one row per change, columns {@code param_before},
     * {@code param_after}, {@code period_before}, {@code period_after} (0 = none found, −1 = diverged). The
     * change lies between the two parameters; near a bifurcation slow convergence can blur it by a few steps.
     */
    public Table transitions() {
        int n = 0;
        for (int i = 1; i < period.length; i++) {
            if (period[i] != period[i - 1]) {
                n++;
            }
        }
        double[] pb = new double[n];
        double[] pa = new double[n];
        int[] b = new int[n];
        int[] a = new int[n];
        int c = 0;
        for (int i = 1; i < period.length; i++) {
            if (period[i] != period[i - 1]) {
                pb[c] = parameters[i - 1];
                pa[c] = parameters[i];
                b[c] = period[i - 1];
                a[c++] = period[i];
            }
        }
        return Table.create("period transitions").addColumns(DoubleColumn.create("param_before", pb),
                DoubleColumn.create("param_after", pa), IntColumn.create("period_before", b),
                IntColumn.create("period_after", a));
    }

    @Override
    public String toString() {
        int div = 0;
        for (int p : period) {
            if (p == Periods.DIVERGED) {
                div++;
            }
        }
        return "BifurcationDiagram[" + parameters.length + " values in [" + parameters[0] + ", "
                + parameters[parameters.length - 1] + "], " + param.length + " points, " + div + " diverged"
                + (lyapunov != null ? ", with lyapunov" : "") + "]";
    }
}
