package org.sharpnesslab.spectrum;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * An estimate of the spectral density φ(λ) = (1/n) Σᵢ δ(λ − λᵢ) of a symmetric operator, from
 * {@link StochasticLanczos}: quadrature nodes and weights per start, and the Gaussian-broadened density on a grid.
 *
 * @param lambda   the grid of λ values (ascending)
 * @param density  φ_σ(λ) on the grid; integrates to 1
 * @param nodes    nodes[l] = Ritz values of start l (the quadrature nodes)
 * @param weights  weights[l][j] = (first component of the j-th eigenvector of T)², summing to 1 per start
 * @param sigma    the Gaussian broadening width σ
 * @param products number of products with A used
 * @param options  the options that produced it
 */
public record SpectralDensity(double[] lambda, double[] density, double[][] nodes, double[][] weights, double sigma,
                              int products, SlqOptions options) {

    /** Columns {@code lambda}, {@code density}. */
    public Table table() {
        return Table.create("spectral density", DoubleColumn.create("lambda", lambda.clone()),
                DoubleColumn.create("density", density.clone()));
    }

    /** The quadrature: columns {@code start} (0-based), {@code node} (Ritz value), {@code weight}. */
    public Table nodesTable() {
        IntColumn start = IntColumn.create("start");
        DoubleColumn node = DoubleColumn.create("node");
        DoubleColumn weight = DoubleColumn.create("weight");
        for (int l = 0; l < nodes.length; l++) {
            for (int j = 0; j < nodes[l].length; j++) {
                start.append(l);
                node.append(nodes[l][j]);
                weight.append(weights[l][j]);
            }
        }
        return Table.create("slq nodes", start, node, weight);
    }

    /** ∫ φ_σ(λ) dλ on the grid (trapezoid rule); 1 up to the grid's resolution. */
    public double integral() {
        return trapezoid(density);
    }

    /** ∫ λ φ_σ(λ) dλ on the grid (trapezoid rule). */
    public double densityMean() {
        double[] f = new double[lambda.length];
        for (int i = 0; i < f.length; i++) f[i] = lambda[i] * density[i];
        return trapezoid(f);
    }

    /** The quadrature mean (1/starts) Σ_l Σ_j w_lj θ_lj = average of vᵀAv over unit starts: an estimate of
     *  tr(A)/n (exactly Hutchinson's estimate divided by n, for the same Rademacher probes). */
    public double mean() {
        double s = 0;
        for (int l = 0; l < nodes.length; l++) {
            for (int j = 0; j < nodes[l].length; j++) s += weights[l][j] * nodes[l][j];
        }
        return s / nodes.length;
    }

    /** The standard error of {@link #mean()}: the sample standard deviation of the per-start means
     *  Σ_j w_lj θ_lj over √starts (NaN for a single start). */
    public double meanStandardError() {
        int m = nodes.length;
        if (m < 2) return Double.NaN;
        double[] per = new double[m];
        double avg = 0;
        for (int l = 0; l < m; l++) {
            for (int j = 0; j < nodes[l].length; j++) per[l] += weights[l][j] * nodes[l][j];
            avg += per[l] / m;
        }
        double ss = 0;
        for (double x : per) ss += (x - avg) * (x - avg);
        return Math.sqrt(ss / (m - 1) / m);
    }

    /** The largest and smallest Ritz value over all starts: {min, max}. */
    public double[] extremes() {
        return extremes(nodes);
    }

    /** The smallest and largest entry of the rows of {@code nodes}: {min, max}. */
    static double[] extremes(double[][] nodes) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : nodes) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }


    private double trapezoid(double[] f) {
        double s = 0;
        for (int i = 1; i < lambda.length; i++) s += 0.5 * (f[i] + f[i - 1]) * (lambda[i] - lambda[i - 1]);
        return s;
    }

    @Override
    public String toString() {
        double[] e = extremes();
        return String.format("SpectralDensity[starts=%d, steps=%d, range=[%.4g, %.4g], sigma=%.3g, mean=%.4g]",
                nodes.length, nodes.length == 0 ? 0 : nodes[0].length, e[0], e[1], sigma, mean());
    }
}
