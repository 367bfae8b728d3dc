package org.sharpnesslab.nn;

/**
 * Per-example loss ℓ(f, y) on a network output f ∈ ℝᵏ; the training loss is the average over the n examples,
 * L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) (002 App. A: "the average loss over the batch"). This normalisation sets the
 * scale of the sharpness λ^H: doubling the dataset by repetition leaves L, ∇L and ∇²L unchanged.
 */
public enum Loss {
    /**
     * Mean squared error ℓ = ½‖f − y‖² (so L = (1/2n) Σᵢ ‖fᵢ − yᵢ‖², the convention of 000 §2 and 002); its output
     * Hessian is the identity, so the Gauss-Newton part of ∇²L is Jᵀ J / n.
     */
    MSE,
    /**
     * Softmax cross-entropy ℓ = −Σ_c y_c log softmax(f)_c (targets one-hot or any probability vector); output
     * Hessian diag(p) − p pᵀ with p = softmax(f).
     */
    CROSS_ENTROPY;

    /** ℓ(f, y) for one example: f = out[fo .. fo+k), y = y[yo .. yo+k). */
    public double value(double[] f, int fo, double[] y, int yo, int k) {
        if (this == MSE) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double d = f[fo + c] - y[yo + c];
                s += d * d;
            }
            return 0.5 * s;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, f[fo + c]);
        }
        double z = 0;
        for (int c = 0; c < k; c++) {
            z += Math.exp(f[fo + c] - max);
        }
        double logZ = max + Math.log(z);
        double s = 0;
        for (int c = 0; c < k; c++) {
            if (y[yo + c] != 0) {
                s -= y[yo + c] * (f[fo + c] - logZ);
            }
        }
        return s;
    }

    /** g = ∂ℓ/∂f, written to g[go .. go+k), multiplied by {@code scale}. */
    public void gradient(double[] f, int fo, double[] y, int yo, int k, double scale, double[] g, int go) {
        if (this == MSE) {
            for (int c = 0; c < k; c++) {
                g[go + c] = scale * (f[fo + c] - y[yo + c]);
            }
            return;
        }
        double[] p = softmax(f, fo, k);
        double ysum = 0;
        for (int c = 0; c < k; c++) {
            ysum += y[yo + c];
        }
        for (int c = 0; c < k; c++) {
            g[go + c] = scale * (ysum * p[c] - y[yo + c]);
        }
    }

    /**
     * out = scale · (∂²ℓ/∂f²) u for one example (written to out[oo .. oo+k)). For cross-entropy with targets
     * summing to s the Hessian is s (diag(p) − p pᵀ).
     */
    public void curvature(double[] f, int fo, double[] y, int yo, int k, double[] u, int uo, double scale,
                          double[] out, int oo) {
        if (this == MSE) {
            for (int c = 0; c < k; c++) {
                out[oo + c] = scale * u[uo + c];
            }
            return;
        }
        double[] p = softmax(f, fo, k);
        double ysum = 0;
        double pu = 0;
        for (int c = 0; c < k; c++) {
            ysum += y[yo + c];
            pu += p[c] * u[uo + c];
        }
        for (int c = 0; c < k; c++) {
            out[oo + c] = scale * ysum * p[c] * (u[uo + c] - pu);
        }
    }

    private static double[] softmax(double[] f, int fo, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, f[fo + c]);
        }
        double[] p = new double[k];
        double z = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(f[fo + c] - max);
            z += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= z;
        }
        return p;
    }
}
