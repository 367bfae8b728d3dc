package org.sharpnesslab.training;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Sharpness against weight norm along training (000 §6.2, App. E): the UV model predicts that the weight norm falls
 * while training passes near the saddle at θ = 0 (sharpness reduction, saturation) and rises again with
 * progressive sharpening, so ‖θ_t‖ and λ^H_t move together. The measure is the running Pearson correlation of
 * 000 Eq. (45),
 * <pre>
 *   Cor_t(‖θ‖, λ^H/λ₀^H) = Σ_{t'≤t} (‖θ_{t'}‖ − m_θ)(λ_{t'}/λ₀ − m_λ) / √(Σ (‖θ_{t'}‖ − m_θ)² · Σ (λ_{t'}/λ₀ − m_λ)²),
 * </pre>
 * with the means m over the same first t points (t ≥ 2; the paper's θ_{t'} in the sums is the weight norm).
 * Here t' runs over the measured states, the first being θ₀.
 */
public final class WeightNorms {

    private WeightNorms() {
    }

    /**
     * The running Pearson correlation of 000 Eq. (45): out[t] = Pearson(x[0..t], y[0..t]) over the pairs where both
     * are finite, NaN while fewer than two such pairs (or a zero variance) exist. Updated in O(1) per point with
     * Welford's co-moments, so it is exact to rounding at every t.
     *
     * @param x first series (not modified)
     * @param y second series of the same length (not modified)
     */
    public static double[] runningPearson(double[] x, double[] y) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("x and y must be non-null arrays of equal length");
        }
        double[] out = new double[x.length];
        int n = 0;
        double mx = 0;
        double my = 0;
        double cxx = 0;
        double cyy = 0;
        double cxy = 0;
        for (int t = 0; t < x.length; t++) {
            if (Double.isFinite(x[t]) && Double.isFinite(y[t])) {
                n++;
                double dx = x[t] - mx;
                double dy = y[t] - my;
                mx += dx / n;
                my += dy / n;
                cxx += dx * (x[t] - mx);
                cyy += dy * (y[t] - my);
                cxy += dx * (y[t] - my);
            }
            out[t] = n >= 2 && cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : Double.NaN;
        }
        return out;
    }

    /**
     * Weight norms and sharpness at the measured states of a run, with the running correlation of Eq. (45).
     * Columns: {@code step}, {@code sharpness}, {@code sharpness_ratio} (λ^H_t/λ^H_0), {@code weight_norm}
     * (‖θ_t‖), {@code weight_norm_1} … {@code weight_norm_d} (per layer), {@code pearson} (Eq. 45 with the total
     * norm) and {@code pearson_1} … {@code pearson_d} (Eq. 45 with each layer's norm, 000 Fig. 17).
     *
     * @throws IllegalArgumentException if the run measured no sharpness at θ₀ (λ₀ is the reference)
     */
    public static Table table(TrainingRun run) {
        double lambda0 = run.sharpness().length > 0 ? run.sharpness()[0] : Double.NaN;
        if (!(Double.isFinite(lambda0) && lambda0 != 0)) {
            throw new IllegalArgumentException("the run must measure a non-zero sharpness at step 0 "
                    + "(use sharpnessEvery(k) or c(...)), got " + lambda0);
        }
        int m = 0;
        for (double s : run.sharpness()) {
            if (Double.isFinite(s)) {
                m++;
            }
        }
        int depth = run.layerNorms().length;
        int[] step = new int[m];
        double[] lam = new double[m];
        double[] ratio = new double[m];
        double[] norm = new double[m];
        double[][] layer = new double[depth][m];
        int j = 0;
        for (int t = 0; t < run.rows(); t++) {
            if (Double.isFinite(run.sharpness()[t])) {
                step[j] = t;
                lam[j] = run.sharpness()[t];
                ratio[j] = lam[j] / lambda0;
                norm[j] = run.weightNorm()[t];
                for (int l = 0; l < depth; l++) {
                    layer[l][j] = run.layerNorms()[l][t];
                }
                j++;
            }
        }
        Table table = Table.create("weight norm and sharpness " + run.dataset(), IntColumn.create("step", step),
                DoubleColumn.create("sharpness", lam), DoubleColumn.create("sharpness_ratio", ratio),
                DoubleColumn.create("weight_norm", norm));
        for (int l = 0; l < depth; l++) {
            table.addColumns(DoubleColumn.create("weight_norm_" + (l + 1), layer[l]));
        }
        table.addColumns(DoubleColumn.create("pearson", runningPearson(norm, ratio)));
        for (int l = 0; l < depth; l++) {
            table.addColumns(DoubleColumn.create("pearson_" + (l + 1), runningPearson(layer[l], ratio)));
        }
        return table;
    }

    /**
     * The §6.2 claims of one run in one row. Columns: {@code weight_norm_0} (‖θ₀‖), {@code min_weight_norm},
     * {@code min_weight_norm_step}, {@code weight_norm_drop} (1 − min/‖θ₀‖), {@code final_weight_norm},
     * {@code min_sharpness_ratio} (min λ_t/λ₀ over the measured states), {@code min_sharpness_step},
     * {@code final_pearson} (Eq. 45 at the last measured state).
     */
    public static Table summary(TrainingRun run) {
        Table t = table(run);
        double[] norm = t.doubleColumn("weight_norm").asDoubleArray();
        double[] ratio = t.doubleColumn("sharpness_ratio").asDoubleArray();
        int[] step = t.intColumn("step").asIntArray();
        double[] pearson = t.doubleColumn("pearson").asDoubleArray();
        int iw = argMin(norm);
        int is = argMin(ratio);
        return Table.create("weight norm summary " + run.dataset(),
                DoubleColumn.create("weight_norm_0", norm[0]),
                DoubleColumn.create("min_weight_norm", norm[iw]),
                IntColumn.create("min_weight_norm_step", new int[] {step[iw]}),
                DoubleColumn.create("weight_norm_drop", 1 - norm[iw] / norm[0]),
                DoubleColumn.create("final_weight_norm", norm[norm.length - 1]),
                DoubleColumn.create("min_sharpness_ratio", ratio[is]),
                IntColumn.create("min_sharpness_step", new int[] {step[is]}),
                DoubleColumn.create("final_pearson", pearson[pearson.length - 1]));
    }

    private static int argMin(double[] a) {
        int k = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[k]) {
                k = i;
            }
        }
        return k;
    }
}
