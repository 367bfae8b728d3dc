package org.sharpnesslab.study.early;

import java.util.Arrays;
import java.util.TreeMap;
import org.sharpnesslab.signal.SavitzkyGolay;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The intermediate-saturation analysis of 002 §3 (Def. 4, App. I.2): the averaged normalised sharpness
 * ⟨λ_τ^H/λ₀^H⟩ against c, its spread over initialisations, χ_τ = −∂⟨λ_τ/λ₀⟩/∂c and χ'_τ = −∂²⟨λ_τ/λ₀⟩/∂c²
 * estimated with a Savitzky–Golay filter, and ⟨c_crit⟩ = argmax_c χ'_τ.
 *
 * <p>The grid must be uniform in c or in x = log₂ c (the paper's c = 2^x). On a log₂ grid the filter
 * differentiates in x and the chain rule gives the c-derivatives: ∂/∂c = (∂/∂x)/(c ln 2),
 * ∂²/∂c² = (∂²/∂x² − ln 2 ∂/∂x)/(c ln 2)².
 *
 * @param c        the learning-rate constants, increasing
 * @param mean     ⟨λ_τ/λ₀⟩ over the initialisations that did not diverge
 * @param std      its standard deviation over initialisations
 * @param count    the number of initialisations averaged at each c
 * @param chi      χ_τ
 * @param chiPrime χ'_τ
 * @param cCrit    ⟨c_crit⟩, the c of the largest χ'_τ among the points whose Savitzky–Golay window is centred on
 *                 them (the half-window at each end of the grid is left out)
 */
public record SaturationCurve(double[] c, double[] mean, double[] std, int[] count, double[] chi, double[] chiPrime,
                              double cCrit) {

    /** From a per-(c, initialisation) table: groups column {@code ratioColumn} by column {@code c}. */
    public static SaturationCurve fromRuns(Table runs, String ratioColumn, SavitzkyGolay filter) {
        Table ok = runs.columnNames().contains("status") ? runs.where(runs.stringColumn("status").isEqualTo("ok"))
                : runs;
        TreeMap<Double, double[]> acc = new TreeMap<>(); // c -> {n, sum, sum of squares}
        for (int r = 0; r < ok.rowCount(); r++) {
            double c = ((Number) ok.column("c").get(r)).doubleValue();
            double v = ok.doubleColumn(ratioColumn).get(r);
            double[] a = acc.computeIfAbsent(c, k -> new double[3]);
            if (!Double.isNaN(v)) {
                a[0]++;
                a[1] += v;
                a[2] += v * v;
            }
        }
        int m = acc.size();
        double[] c = new double[m];
        double[] mean = new double[m];
        double[] std = new double[m];
        int[] n = new int[m];
        int i = 0;
        for (var e : acc.entrySet()) {
            double[] a = e.getValue();
            c[i] = e.getKey();
            n[i] = (int) a[0];
            mean[i] = a[0] > 0 ? a[1] / a[0] : Double.NaN;
            std[i] = a[0] > 1 ? Math.sqrt(Math.max(0, (a[2] - a[1] * a[1] / a[0]) / (a[0] - 1))) : 0;
            i++;
        }
        return of(c, mean, std, n, filter);
    }

    /** From samples: ratios[i][j] at c[i] for initialisation j (NaN: diverged, left out of the average). */
    public static SaturationCurve fromSamples(double[] c, double[][] ratios, SavitzkyGolay filter) {
        int m = c.length;
        double[] mean = new double[m];
        double[] std = new double[m];
        int[] n = new int[m];
        for (int i = 0; i < m; i++) {
            double[] v = Arrays.stream(ratios[i]).filter(x -> !Double.isNaN(x)).toArray();
            n[i] = v.length;
            mean[i] = v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
            double s = 0;
            for (double x : v) {
                s += (x - mean[i]) * (x - mean[i]);
            }
            std[i] = v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
        }
        return of(c, mean, std, n, filter);
    }

    /**
     * From an averaged curve. Trailing values of c where every initialisation diverged (NaN mean) are dropped.
     *
     * @throws IllegalArgumentException if c is not uniform in c or in log₂ c, or has fewer points than the window
     */
    public static SaturationCurve of(double[] c, double[] mean, double[] std, int[] count, SavitzkyGolay filter) {
        int m = c.length;
        while (m > 0 && Double.isNaN(mean[m - 1])) {
            m--;
        }
        c = Arrays.copyOf(c, m);
        mean = Arrays.copyOf(mean, m);
        std = Arrays.copyOf(std, m);
        count = Arrays.copyOf(count, m);
        for (int i = 0; i < m; i++) {
            if (Double.isNaN(mean[i])) {
                throw new IllegalArgumentException("mean is missing at c = " + c[i] + " below the last finite value");
            }
        }
        if (m < filter.window()) {
            throw new IllegalArgumentException("need at least window = " + filter.window() + " values of c, had " + m);
        }
        double[] chi = new double[m];
        double[] chi2 = new double[m];
        if (uniform(c)) {
            double dc = (c[m - 1] - c[0]) / (m - 1);
            double[] d1 = filter.derivative(mean, 1, dc);
            double[] d2 = filter.derivative(mean, 2, dc);
            for (int i = 0; i < m; i++) {
                chi[i] = -d1[i];
                chi2[i] = -d2[i];
            }
        } else {
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                x[i] = Math.log(c[i]) / Math.log(2);
            }
            if (!uniform(x)) {
                throw new IllegalArgumentException("c must be uniform in c or in log2(c)");
            }
            double dx = (x[m - 1] - x[0]) / (m - 1);
            double[] d1 = filter.derivative(mean, 1, dx);
            double[] d2 = filter.derivative(mean, 2, dx);
            double ln2 = Math.log(2);
            for (int i = 0; i < m; i++) {
                double s = c[i] * ln2;
                chi[i] = -d1[i] / s;
                chi2[i] = -(d2[i] - ln2 * d1[i]) / (s * s);
            }
        }
        // argmax over the points whose filter window is centred on them: at the ends the fitted polynomial is
        // evaluated off-centre (and, on a log2 grid, χ' carries 1/c²), so an edge maximum is an artefact
        int h = filter.window() / 2;
        int from = m > 2 * h ? h : 0;
        int to = m > 2 * h ? m - h : m;
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (chi2[i] > chi2[best]) {
                best = i;
            }
        }
        return new SaturationCurve(c, mean, std, count, chi, chi2, c[best]);
    }

    private static boolean uniform(double[] a) {
        double d = (a[a.length - 1] - a[0]) / (a.length - 1);
        for (int i = 1; i < a.length; i++) {
            if (Math.abs(a[i] - a[i - 1] - d) > 1e-6 * Math.abs(d)) {
                return false;
            }
        }
        return d > 0;
    }

    /** Columns c, mean (⟨λ_τ/λ₀⟩), std, n, chi (χ_τ), chi_prime (χ'_τ). */
    public Table table() {
        return Table.create("intermediate saturation, c_crit = " + cCrit, DoubleColumn.create("c", c),
                DoubleColumn.create("mean", mean), DoubleColumn.create("std", std), IntColumn.create("n", count),
                DoubleColumn.create("chi", chi), DoubleColumn.create("chi_prime", chiPrime));
    }
}
