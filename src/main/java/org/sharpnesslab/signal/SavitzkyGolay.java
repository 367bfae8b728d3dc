package org.sharpnesslab.signal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The Savitzky–Golay filter (Savitzky &amp; Golay 1964): smoothed values and derivatives of a uniformly sampled
 * signal from a least-squares polynomial of degree {@code order} fitted in a sliding window of {@code window}
 * points. 002 App. I.2 uses it (scipy's {@code savgol_filter}) for χ_τ and χ'_τ, the first two derivatives of the
 * averaged normalised sharpness with respect to c.
 *
 * <p>Interior points use the window centred on them; near the ends the window is the first (last) {@code window}
 * samples and the polynomial is evaluated at the point itself, as scipy's {@code mode='interp'} does. A polynomial
 * of degree ≤ {@code order} is therefore reproduced exactly, with its derivatives, at every point.
 *
 * <pre>{@code
 * double[] d2 = SavitzkyGolay.of(11, 3).derivative(y, 2, dx);   // smoothed y''
 * }</pre>
 *
 * @param window number of points of the window, odd, ≥ order + 1
 * @param order  degree of the fitted polynomial, ≥ 0
 */
public record SavitzkyGolay(int window, int order) {

    public SavitzkyGolay {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and >= 1, got " + window);
        }
        if (order < 0 || order >= window) {
            throw new IllegalArgumentException("order must be in [0, window - 1 = " + (window - 1) + "], got " + order);
        }
    }

    /** A filter with this window and polynomial order. */
    public static SavitzkyGolay of(int window, int order) {
        return new SavitzkyGolay(window, order);
    }

    /** The smoothed signal (derivative 0). */
    public double[] smooth(double[] y) {
        return derivative(y, 0, 1.0);
    }

    /**
     * The {@code deriv}-th derivative of the fitted polynomials at every sample.
     *
     * @param y     the samples (not modified), at least {@code window} of them, finite
     * @param deriv derivative order, 0 … {@code order}
     * @param dx    the sample spacing &gt; 0
     * @return a new array of the same length
     */
    public double[] derivative(double[] y, int deriv, double dx) {
        if (y == null || y.length < window) {
            throw new IllegalArgumentException("y must have at least window = " + window + " samples, had "
                    + (y == null ? 0 : y.length));
        }
        if (deriv < 0 || deriv > order) {
            throw new IllegalArgumentException("deriv must be in [0, order = " + order + "], got " + deriv);
        }
        if (!(dx > 0) || !Double.isFinite(dx)) {
            throw new IllegalArgumentException("dx must be finite and > 0, got " + dx);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y must be finite, y[" + i + "] = " + y[i]);
            }
        }
        int n = y.length;
        int h = window / 2;
        double fact = 1;
        for (int j = 2; j <= deriv; j++) {
            fact *= j;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, Math.min(i - h, n - window));
            // fit a0 + a1 s + … + a_p s^p, s = (j − i) (unit spacing), in the window [lo, lo + window)
            double[][] a = new double[window][order + 1];
            double[] b = new double[window];
            for (int r = 0; r < window; r++) {
                double s = lo + r - i;
                double p = 1;
                for (int c = 0; c <= order; c++) {
                    a[r][c] = p;
                    p *= s;
                }
                b[r] = y[lo + r];
            }
            RealVector coef = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                    .solve(new ArrayRealVector(b, false));
            out[i] = fact * coef.getEntry(deriv) / Math.pow(dx, deriv);
        }
        return out;
    }
}
