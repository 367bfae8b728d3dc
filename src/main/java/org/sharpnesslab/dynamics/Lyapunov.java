package org.sharpnesslab.dynamics;

import org.sharpnesslab.linalg.Dense;
import java.util.Arrays;

import org.sharpnesslab.task.Cancellation;

/**
 * Lyapunov exponents of a map along an orbit.
 *
 * <p>1-D: λ = (1/n) Σ_{t} ln |f′(x_t)| over n steps after a transient ({@link #exponent}).
 *
 * <p>k-D (Benettin et al. 1980; ChaosTools.jl {@code lyapunovspectrum}): carry an orthonormal frame Q_t, set
 * Z = J(x_t) Q_t, factor Z = Q_{t+1} R_t (QR, Gram–Schmidt with re-orthogonalisation), and average:
 * λ_i = (1/n) Σ_t ln |R_t[i][i]| ({@link #spectrum}). The exponents are sorted descending; for a linear map
 * x ↦ A x they are ln |μ_i(A)|, and Σ λ_i = mean ln |det J|.
 */
public final class Lyapunov {

    /** Number of running estimates recorded (at most). */
    static final int CHECKPOINTS = 100;

    private Lyapunov() {
    }

    /**
     * The Lyapunov exponent of a 1-D map: the mean of ln |f′(x_t)| over {@code n} steps after {@code transientSteps}.
     *
     * @param map            the map (f′ analytic if given, else a central difference)
     * @param x0             the start
     * @param transientSteps steps discarded first, ≥ 0
     * @param n              steps averaged over, ≥ 1
     */
    public static LyapunovSpectrum exponent(Map1D map, double x0, int transientSteps, int n) {
        check(transientSteps, n);
        double x = x0;
        for (int t = 0; t < transientSteps; t++) {
            Cancellation.checkpointEvery1024(t);
            x = map.f(x);
            if (!(Math.abs(x) <= Orbit.DEFAULT_BOUND)) {
                return diverged(1, transientSteps, 0, -1, new int[0], new double[0][]);
            }
        }
        int every = Math.max(1, n / CHECKPOINTS);
        int[] cp = new int[n / every];
        double[][] run = new double[cp.length][];
        int c = 0;
        double sum = 0;
        for (int t = 0; t < n; t++) {
            Cancellation.checkpointEvery1024(t);
            sum += Math.log(Math.abs(map.derivative(x)));
            x = map.f(x);
            if (!(Math.abs(x) <= Orbit.DEFAULT_BOUND)) {
                return diverged(1, transientSteps, t + 1, t + 1, Arrays.copyOf(cp, c), Arrays.copyOf(run, c),
                        sum / (t + 1));
            }
            if ((t + 1) % every == 0 && c < cp.length) {
                cp[c] = t + 1;
                run[c++] = new double[] {sum / (t + 1)};
            }
        }
        return new LyapunovSpectrum(new double[] {sum / n}, transientSteps, n, false, -1, cp, run);
    }

    /** {@link #exponent(Map1D, double, int, int)} from {@code x0[0]} for a 1-D map, else the spectrum. */
    public static LyapunovSpectrum spectrum(DiscreteMap map, double[] x0, int transientSteps, int n) {
        if (map instanceof Map1D m) {
            return exponent(m, x0[0], transientSteps, n);
        }
        check(transientSteps, n);
        int k = map.dimension();
        if (x0.length != k) {
            throw new IllegalArgumentException("x0 has length " + x0.length + ", the map has dimension " + k);
        }
        double[] x = x0.clone();
        double[] y = new double[k];
        for (int t = 0; t < transientSteps; t++) {
            Cancellation.checkpoint();
            map.step(x, y);
            if (!Orbit.ok(y, Orbit.DEFAULT_BOUND)) {
                return diverged(k, transientSteps, 0, -1, new int[0], new double[0][]);
            }
            double[] s = x;
            x = y;
            y = s;
        }
        double[][] q = new double[k][k];
        for (int i = 0; i < k; i++) {
            q[i][i] = 1;
        }
        double[][] jac = new double[k][k];
        double[][] z = new double[k][k];
        double[] sums = new double[k];
        double[] logr = new double[k];
        int every = Math.max(1, n / CHECKPOINTS);
        int[] cp = new int[n / every];
        double[][] run = new double[cp.length][];
        int c = 0;
        for (int t = 0; t < n; t++) {
            Cancellation.checkpoint();
            map.jacobian(x, jac);
            multiply(jac, q, z);
            orthonormalise(z, logr); // z's columns become Q_{t+1}
            for (int i = 0; i < k; i++) {
                sums[i] += logr[i];
            }
            double[][] s = q;
            q = z;
            z = s;
            map.step(x, y);
            if (!Orbit.ok(y, Orbit.DEFAULT_BOUND)) {
                double[] e = sums.clone();
                for (int i = 0; i < k; i++) {
                    e[i] /= (t + 1);
                }
                return new LyapunovSpectrum(Dense.descending(e), transientSteps, t + 1, true, t + 1,
                        Arrays.copyOf(cp, c), Arrays.copyOf(run, c));
            }
            double[] sw = x;
            x = y;
            y = sw;
            if ((t + 1) % every == 0 && c < cp.length) {
                double[] e = sums.clone();
                for (int i = 0; i < k; i++) {
                    e[i] /= (t + 1);
                }
                cp[c] = t + 1;
                run[c++] = Dense.descending(e);
            }
        }
        double[] e = sums.clone();
        for (int i = 0; i < k; i++) {
            e[i] /= n;
        }
        return new LyapunovSpectrum(Dense.descending(e), transientSteps, n, false, -1, cp, run);
    }

    private static LyapunovSpectrum diverged(int k, int tr, int steps, int at, int[] cp, double[][] run,
                                             double... partial) {
        double[] e = new double[k];
        Arrays.fill(e, Double.NaN);
        if (partial.length == k) {
            e = partial.clone();
        }
        return new LyapunovSpectrum(e, tr, steps, true, at, cp, run);
    }

    private static void check(int transientSteps, int n) {
        if (transientSteps < 0) {
            throw new IllegalArgumentException("transientSteps must be >= 0, got " + transientSteps);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    /** out = a b for k×k matrices. */
    static void multiply(double[][] a, double[][] b, double[][] out) {
        int k = a.length;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i][l] * b[l][j];
                }
                out[i][j] = s;
            }
        }
    }

    /**
     * In-place QR of the columns of z by modified Gram–Schmidt, applied twice for orthogonality; on return z
     * holds Q and logr[i] = ln |R[i][i]|. A zero column (R[i][i] = 0) gives −∞ and a replacement unit column.
     */
    static void orthonormalise(double[][] z, double[] logr) {
        int k = z.length;
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double d = 0;
                    for (int r = 0; r < k; r++) {
                        d += z[r][i] * z[r][j];
                    }
                    for (int r = 0; r < k; r++) {
                        z[r][j] -= d * z[r][i];
                    }
                }
            }
            double n = 0;
            for (int r = 0; r < k; r++) {
                n += z[r][j] * z[r][j];
            }
            n = Math.sqrt(n);
            logr[j] = Math.log(n);
            if (n > 0) {
                for (int r = 0; r < k; r++) {
                    z[r][j] /= n;
                }
            } else {
                for (int r = 0; r < k; r++) { // any unit vector orthogonal to the previous columns
                    z[r][j] = 0;
                }
                z[j][j] = 1;
                for (int i = 0; i < j; i++) {
                    double d = z[j][i];
                    for (int r = 0; r < k; r++) {
                        z[r][j] -= d * z[r][i];
                    }
                }
                double m = 0;
                for (int r = 0; r < k; r++) {
                    m += z[r][j] * z[r][j];
                }
                m = Math.sqrt(m);
                for (int r = 0; r < k; r++) {
                    z[r][j] /= m;
                }
            }
        }
    }
}
