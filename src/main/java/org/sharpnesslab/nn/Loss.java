package org.sharpnesslab.nn;

/**
 * Per-example loss ℓ(f, y) on a network output f ∈ ℝᵏ; the training loss is the average over the n examples,
 * L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) (002 App. A: "the average loss over the batch"). This normalisation sets the
 * scale of the sharpness λ^H: doubling the dataset by repetition leaves L, ∇L and ∇²L unchanged.
 *
 * <p>Squared error comes in the three normalisations the code bases use; they differ by a constant factor c on ℓ,
 * so L, ∇L, ∇²L and every eigenvalue (λ^H, λ^NTK of the Gauss-Newton part) are c times those of {@link #MSE}
 * ({@link #hessianFactor}): {@link #MSE} (c = 1, ours and the papers' formulas), {@link #SQUARED_ERROR}
 * (c = 2, the 002/004 code's ‖f − y‖² per example) and {@link #MSE_MEAN} (c = 2/k, PyTorch's {@code MSELoss()}).
 * A learning rate η with one of them is the step η·c with {@link #MSE}: the critical η = 2/λ^H scales by 1/c.
 */
public enum Loss {
    /**
     * Mean squared error ℓ = ½‖f − y‖² (so L = (1/2n) Σᵢ ‖fᵢ − yᵢ‖², the convention of 000 §2 and 002); its output
     * Hessian is the identity, so the Gauss-Newton part of ∇²L is Jᵀ J / n.
     */
    MSE,
    /**
     * Squared error summed over the k outputs, ℓ = ‖f − y‖² (L = (1/n) Σᵢ ‖fᵢ − yᵢ‖², the per-example loss of the
     * 002 and 004 code); 2 × {@link #MSE}: its Hessian, and λ^H, are twice ours.
     */
    SQUARED_ERROR,
    /**
     * Squared error averaged over all n·k entries, ℓ = ‖f − y‖² / k (L = (1/nk) Σᵢ ‖fᵢ − yᵢ‖², PyTorch's
     * {@code nn.MSELoss()} with its default {@code reduction='mean'}); (2/k) × {@link #MSE}: its Hessian, and λ^H,
     * are 2/k times ours.
     */
    MSE_MEAN,
    /**
     * Softmax cross-entropy ℓ = −Σ_c y_c log softmax(f)_c (targets one-hot or any probability vector); output
     * Hessian diag(p) − p pᵀ with p = softmax(f).
     */
    CROSS_ENTROPY;

    /**
     * The factor c with ℓ = c · ½‖f − y‖² for k outputs: L, ∇L, ∇²L and λ^H of this loss are c times those of
     * {@link #MSE} at every θ (1, 2 and 2/k for {@link #MSE}, {@link #SQUARED_ERROR}, {@link #MSE_MEAN}).
     *
     * @param k number of outputs, ≥ 1
     * @throws IllegalArgumentException for {@link #CROSS_ENTROPY} (not a multiple of squared error) or k &lt; 1
     */
    public double hessianFactor(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        return switch (this) {
            case MSE -> 1.0;
            case SQUARED_ERROR -> 2.0;
            case MSE_MEAN -> 2.0 / k;
            case CROSS_ENTROPY -> throw new IllegalArgumentException("loss must be a squared error for a factor over "
                    + "MSE, was " + this);
        };
    }

    /** Whether this is a squared error (any normalisation): output Hessian a multiple of the identity. */
    public boolean squared() {
        return this != CROSS_ENTROPY;
    }

    /** ℓ(f, y) for one example: f = out[fo .. fo+k), y = y[yo .. yo+k). */
    public double value(double[] f, int fo, double[] y, int yo, int k) {
        if (squared()) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double d = f[fo + c] - y[yo + c];
                s += d * d;
            }
            return 0.5 * hessianFactor(k) * s;
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
        if (squared()) {
            double s = scale * hessianFactor(k);
            for (int c = 0; c < k; c++) {
                g[go + c] = s * (f[fo + c] - y[yo + c]);
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
        if (squared()) {
            double s = scale * hessianFactor(k);
            for (int c = 0; c < k; c++) {
                out[oo + c] = s * u[uo + c];
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
