package org.sharpnesslab.signal;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import org.sharpnesslab.task.Cancellation;

/**
 * The power spectrum of a signal (e.g. a late-time sharpness trajectory) exactly as 000 App. B.5, for any length T
 * (a direct O(T²) discrete Fourier transform with exact twiddle factors; no power-of-two restriction).
 *
 * <p>{@code table()} columns: {@code omega} (integer frequency index ω = 0…T−1), {@code frequency} (ω/T, cycles per
 * step), {@code power} P(ω); {@code halfTable()} keeps ω = 0…⌊T/2⌋ (a real signal has P(ω) = P(T−ω)).
 *
 * <p>Formulas (000 Eqs. 10–11): the signal x′(t), t = 0…T−1, is standardised, x(t) = (x′(t) − μ)/σ, with μ the
 * mean and σ² = (1/T) Σ (x′ − μ)² the (population) variance; then
 * <pre>
 *   F(ω) = (1/T) Σ_t e^{−2πiωt/T} x(t),     P(ω) = |F(ω)|².
 * </pre>
 * Parseval gives Σ_ω P(ω) = (1/T) Σ_t x(t)² = variance of the transformed signal. B.5 states Σ P = σ²; read
 * carefully, the variance that the sum reproduces is that of the signal actually transformed: for the
 * standardised x of Eq. (10) it is 1 ({@link #of}); Σ P = σ² of the raw signal holds when the signal is only
 * centred ({@link #centred}). Mean removal makes P(0) = 0. A constant signal (σ = 0) has P ≡ 0.
 *
 * @param power        P(ω), ω = 0…T−1
 * @param mean         μ of the raw signal
 * @param variance     σ² of the raw signal (population, divided by T)
 * @param standardized whether the signal was divided by σ (Eq. 10) or only centred
 */
public record PowerSpectrum(double[] power, double mean, double variance, boolean standardized) {

    /** 000 App. B.5: standardise (Eq. 10), DFT normalised by T (Eq. 11), P = |F|²; Σ P = 1. */
    public static PowerSpectrum of(double[] signal) {
        return compute(signal, true);
    }

    /** As {@link #of} but only centring the signal, so that Σ P = σ² of the raw signal. */
    public static PowerSpectrum centred(double[] signal) {
        return compute(signal, false);
    }

    /** The last {@code length} samples of {@code signal} (the papers use the last 1000 steps), standardised. */
    public static PowerSpectrum ofLast(double[] signal, int length) {
        if (signal == null) throw new IllegalArgumentException("signal must not be null");
        if (length < 2 || length > signal.length) {
            throw new IllegalArgumentException("length must be in [2, " + signal.length + "], got " + length);
        }
        return of(java.util.Arrays.copyOfRange(signal, signal.length - length, signal.length));
    }

    private static PowerSpectrum compute(double[] signal, boolean standardize) {
        if (signal == null) throw new IllegalArgumentException("signal must not be null");
        int t = signal.length;
        if (t < 2) throw new IllegalArgumentException("signal length T must be >= 2, got " + t);
        double mu = 0;
        for (double v : signal) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("signal must be finite; found " + v
                        + " (cut a diverged trajectory before its divergence)");
            }
            mu += v;
        }
        mu /= t;
        double var = 0;
        for (double v : signal) var += (v - mu) * (v - mu);
        var /= t;
        double[] x = new double[t];
        double scale = standardize ? (var > 0 ? 1.0 / Math.sqrt(var) : 0.0) : 1.0;
        for (int i = 0; i < t; i++) x[i] = (signal[i] - mu) * scale;
        double[] cos = new double[t];
        double[] sin = new double[t];
        for (int i = 0; i < t; i++) {
            double ang = 2 * Math.PI * i / t;
            cos[i] = Math.cos(ang);
            sin[i] = Math.sin(ang);
        }
        double[] p = new double[t];
        for (int w = 0; w < t; w++) {
            Cancellation.checkpoint();
            double re = 0;
            double im = 0;
            int idx = 0; // (w * s) mod t, advanced incrementally
            for (int s = 0; s < t; s++) {
                re += x[s] * cos[idx];
                im -= x[s] * sin[idx];
                idx += w;
                if (idx >= t) idx -= t;
            }
            re /= t;
            im /= t;
            p[w] = re * re + im * im;
        }
        return new PowerSpectrum(p, mu, var, standardize);
    }

    /** The length T. */
    public int length() {
        return power.length;
    }

    /** Σ_ω P(ω): 1 for a standardised non-constant signal, σ² for a centred one (Parseval). */
    public double total() {
        double s = 0;
        for (double v : power) s += v;
        return s;
    }

    /** The ω in 1…⌊T/2⌋ with the largest power (the dominant period is T/ω steps). */
    public int peak() {
        int best = 1;
        for (int w = 1; w <= power.length / 2; w++) if (power[w] > power[best]) best = w;
        return best;
    }

    /** Columns {@code omega}, {@code frequency} (= ω/T), {@code power}, for ω = 0…T−1. */
    public Table table() {
        return table(power.length);
    }

    /** Columns {@code omega}, {@code frequency}, {@code power} for ω = 0…⌊T/2⌋ (not doubled). */
    public Table halfTable() {
        return table(power.length / 2 + 1);
    }

    private Table table(int rows) {
        int t = power.length;
        int[] w = new int[rows];
        double[] f = new double[rows];
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            w[i] = i;
            f[i] = (double) i / t;
            p[i] = power[i];
        }
        return Table.create("power spectrum", IntColumn.create("omega", w), DoubleColumn.create("frequency", f),
                DoubleColumn.create("power", p));
    }

    @Override
    public String toString() {
        return String.format("PowerSpectrum[T=%d, mean=%.4g, variance=%.4g, standardized=%s, peak omega=%d]",
                power.length, mean, variance, standardized, peak());
    }
}
