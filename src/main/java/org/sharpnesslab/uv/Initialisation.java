package org.sharpnesslab.uv;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The distribution of (Δf₀, λ₀) at initialisation (000 App. C.6):
 * E[Δf₀] = −y, Var[Δf₀] = σ_w⁴‖x‖²/n^p (Eq. 29); E[λ₀] = 2σ_w²‖x‖² (Eq. 30), Var[λ₀] = 4σ_w⁴‖x‖⁴/n (Eq. 31).
 * NTP (p = 0): Var[Δf₀] = σ_w⁴‖x‖² does not shrink with n; μP (p = 1): it does, and the model starts right above
 * fixed point II (000 §5.1).
 */
public final class Initialisation {

    private final UVConfig config;

    private Initialisation(UVConfig config) {
        this.config = config;
    }

    /** The initialisation distribution of a configuration. */
    public static Initialisation of(UVConfig config) {
        return new Initialisation(config);
    }

    /** −y (000 App. C.6). */
    public double meanDf() {
        return -config.y();
    }

    /** σ_w⁴‖x‖²/n^p (000 Eq. 29). */
    public double varDf() {
        double x2 = config.xNorm() * config.xNorm();
        return config.sigmaW2() * config.sigmaW2() * x2 / Math.pow(config.n(), config.p());
    }

    /** 2σ_w²‖x‖² (000 Eq. 30). */
    public double meanLambda() {
        return 2 * config.sigmaW2() * config.xNorm() * config.xNorm();
    }

    /** 4σ_w⁴‖x‖⁴/n (000 Eq. 31). */
    public double varLambda() {
        double x2 = config.xNorm() * config.xNorm();
        return 4 * config.sigmaW2() * config.sigmaW2() * x2 * x2 / config.n();
    }

    /**
     * Draws {@code count} initialisations of the real model ({@link UVModel#init} with seeds from
     * {@code new Random(seed)}) and records (Δf₀, λ₀, λ^H₀).
     *
     * @return columns sample, df, lambda, lambda_h
     */
    public Table sample(int count, long seed) {
        double[][] s = sampleArrays(count, seed);
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        return Table.create("init samples " + config, IntColumn.create("sample", idx), DoubleColumn.create("df", s[0]),
                DoubleColumn.create("lambda", s[1]), DoubleColumn.create("lambda_h", s[2]));
    }

    /** Rows Δf₀, λ₀, λ^H₀ of {@code count} draws (see {@link #sample}). */
    public double[][] sampleArrays(int count, long seed) {
        if (count < 2) {
            throw new IllegalArgumentException("count must be >= 2, got " + count);
        }
        Random r = new Random(seed);
        double[][] out = new double[3][count];
        for (int i = 0; i < count; i++) {
            UVModel m = UVModel.init(config, r.nextLong());
            out[0][i] = m.df();
            out[1][i] = m.lambda();
            out[2][i] = m.lambdaH();
        }
        return out;
    }

    /**
     * Monte-Carlo moments against the analytic ones.
     *
     * @return columns quantity (mean_df, var_df, mean_lambda, var_lambda), analytic, monte_carlo, std_error (the
     *         standard error of the estimate: s/√N for a mean, √((m₄ − s⁴)/N) for a variance, m₄ the sample
     *         fourth central moment), z ((monte_carlo − analytic)/std_error)
     */
    public Table compare(int count, long seed) {
        double[][] s = sampleArrays(count, seed);
        Table t = Table.create("init moments, N=" + count + ", " + config, StringColumn.create("quantity"),
                DoubleColumn.create("analytic"), DoubleColumn.create("monte_carlo"), DoubleColumn.create("std_error"),
                DoubleColumn.create("z"));
        double[] mdf = moments(s[0]);
        double[] ml = moments(s[1]);
        int n = count;
        add(t, "mean_df", meanDf(), mdf[0], Math.sqrt(mdf[1] / n));
        add(t, "var_df", varDf(), mdf[1], Math.sqrt(Math.max(mdf[2] - mdf[1] * mdf[1], 0) / n));
        add(t, "mean_lambda", meanLambda(), ml[0], Math.sqrt(ml[1] / n));
        add(t, "var_lambda", varLambda(), ml[1], Math.sqrt(Math.max(ml[2] - ml[1] * ml[1], 0) / n));
        return t;
    }

    private static void add(Table t, String q, double a, double mc, double se) {
        t.stringColumn("quantity").append(q);
        t.doubleColumn("analytic").append(a);
        t.doubleColumn("monte_carlo").append(mc);
        t.doubleColumn("std_error").append(se);
        t.doubleColumn("z").append((mc - a) / se);
    }

    /** mean, unbiased variance, fourth central moment. */
    private static double[] moments(double[] a) {
        double m = 0;
        for (double v : a) {
            m += v;
        }
        m /= a.length;
        double s2 = 0;
        double s4 = 0;
        for (double v : a) {
            double d = (v - m) * (v - m);
            s2 += d;
            s4 += d * d;
        }
        return new double[] {m, s2 / (a.length - 1), s4 / a.length};
    }

    @Override
    public String toString() {
        return String.format("Initialisation[df0 ~ (%.4g, var %.4g), lambda0 ~ (%.4g, var %.4g), %s]", meanDf(),
                varDf(), meanLambda(), varLambda(), config);
    }
}
