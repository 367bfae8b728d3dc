package org.sharpnesslab.study.alignment;

import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Random;

/**
 * The power law y ≈ c₁ D^{c₂} of 004 Eq. (9) (peak alignment max P_{Δ,J}¹ against the dataset size D, Table 2),
 * fitted by least squares on log y = log c₁ + c₂ log D, with R² of that regression (004 does not say on which
 * scale it reports R²; on the log scale it is the coefficient of determination of the fit actually made) and a
 * percentile bootstrap interval for c₂ (resampling the (D, y) points with replacement).
 *
 * @param c1        c₁
 * @param c2        c₂, the exponent
 * @param r2        coefficient of determination of the log-log regression
 * @param c2Low     lower end of the bootstrap interval (NaN without bootstrap)
 * @param c2High    upper end of the bootstrap interval
 * @param level     the interval's coverage (e.g. 0.95)
 * @param points    number of (D, y) points
 * @param bootstrap number of bootstrap resamples (0: none)
 */
public record PowerLawFit(double c1, double c2, double r2, double c2Low, double c2High, double level, int points,
                          int bootstrap) {

    /** The least-squares fit, no interval. */
    public static PowerLawFit fit(double[] d, double[] y) {
        return fit(d, y, 0, 0.95, 0L);
    }

    /**
     * The fit with a percentile bootstrap interval on c₂.
     *
     * @param d         sizes D &gt; 0 (at least two distinct)
     * @param y         values &gt; 0, same length
     * @param bootstrap number of resamples ≥ 0
     * @param level     coverage in (0, 1)
     * @param seed      seed of the resampling
     */
    public static PowerLawFit fit(double[] d, double[] y, int bootstrap, double level, long seed) {
        if (d == null || y == null || d.length != y.length) {
            throw new IllegalArgumentException("d and y must have the same length, were "
                    + (d == null ? "null" : d.length) + " and " + (y == null ? "null" : y.length));
        }
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] > 0) || !Double.isFinite(d[i]) || !(y[i] > 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("d and y must be finite and > 0, were d[" + i + "] = " + d[i]
                        + ", y[" + i + "] = " + y[i]);
            }
        }
        if (Arrays.stream(d).distinct().count() < 2) {
            throw new IllegalArgumentException("need at least two distinct sizes d, had " + Arrays.toString(d));
        }
        if (bootstrap < 0) throw new IllegalArgumentException("bootstrap must be >= 0, got " + bootstrap);
        Check.memory(bootstrap, true, "bootstrap slopes");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        int n = d.length;
        double[] lx = new double[n];
        double[] ly = new double[n];
        for (int i = 0; i < n; i++) {
            lx[i] = Math.log(d[i]);
            ly[i] = Math.log(y[i]);
        }
        double[] line = regress(lx, ly, null);
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (bootstrap > 0) {
            Random rnd = new Random(seed);
            double[] slopes = new double[bootstrap];
            int[] idx = new int[n];
            for (int b = 0; b < bootstrap; b++) {
                do {
                    for (int i = 0; i < n; i++) idx[i] = rnd.nextInt(n);
                } while (!distinct(lx, idx));
                slopes[b] = regress(lx, ly, idx)[1];
            }
            Arrays.sort(slopes);
            double a = (1 - level) / 2;
            lo = quantile(slopes, a);
            hi = quantile(slopes, 1 - a);
        }
        return new PowerLawFit(Math.exp(line[0]), line[1], line[2], lo, hi, level, n, bootstrap);
    }

    /** The fit of column {@code y} against column {@code d} of a table (rows with a missing value skipped). */
    public static PowerLawFit fit(Table table, String d, String y, int bootstrap, long seed) {
        NumericColumn<?> cd = table.numberColumn(d);
        NumericColumn<?> cy = table.numberColumn(y);
        int m = 0;
        double[] xs = new double[table.rowCount()];
        double[] ys = new double[table.rowCount()];
        for (int r = 0; r < table.rowCount(); r++) {
            if (cd.isMissing(r) || cy.isMissing(r)) continue;
            xs[m] = cd.getDouble(r);
            ys[m++] = cy.getDouble(r);
        }
        return fit(Arrays.copyOf(xs, m), Arrays.copyOf(ys, m), bootstrap, 0.95, seed);
    }

    /** c₁ D^{c₂}. */
    public double predict(double d) {
        return c1 * Math.pow(d, c2);
    }

    /** One row: {@code c1}, {@code c2}, {@code r2}, {@code c2_low}, {@code c2_high}, {@code level}, {@code points}. */
    public Table table() {
        return Table.create("power law c1 D^c2 (004 Eq. 9)", DoubleColumn.create("c1", c1),
                DoubleColumn.create("c2", c2), DoubleColumn.create("r2", r2), DoubleColumn.create("c2_low", c2Low),
                DoubleColumn.create("c2_high", c2High), DoubleColumn.create("level", level),
                IntColumn.create("points", new int[]{points}));
    }

    /** {intercept, slope, R²} of ly on lx over the rows idx (all rows when null). */
    private static double[] regress(double[] lx, double[] ly, int[] idx) {
        int n = idx == null ? lx.length : idx.length;
        double mx = 0, my = 0;
        for (int j = 0; j < n; j++) {
            int i = idx == null ? j : idx[j];
            mx += lx[i];
            my += ly[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int j = 0; j < n; j++) {
            int i = idx == null ? j : idx[j];
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
        return new double[]{my - slope * mx, slope, r2};
    }

    private static boolean distinct(double[] lx, int[] idx) {
        for (int i : idx) if (lx[i] != lx[idx[0]]) return true;
        return false;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return String.format("PowerLawFit[c1=%.4g, c2=%.4g, R2=%.3f, c2 in [%.4g, %.4g] (%.0f%%), n=%d]", c1, c2, r2,
                c2Low, c2High, 100 * level, points);
    }
}
