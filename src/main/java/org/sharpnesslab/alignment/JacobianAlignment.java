package org.sharpnesslab.alignment;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.EigenResult;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.task.Cancellation;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sharpnesslab.nn.Activation;
import org.sharpnesslab.nn.DenseLayer;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Layer;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.task.Check;

/**
 * The layerwise Jacobian decomposition of the sharpness of 004 §2.2 at a given θ, matrix-free, as an
 * {@link Alignment} (its {@code layers()} and {@code summary()} tables). Works for any {@link Network} of dense
 * layers ({@link MLP}, {@link FCN}) and both criteria ({@link Loss#MSE}: R = I; {@link Loss#CROSS_ENTROPY}:
 * R = (diag p − p pᵀ)^{1/2}).
 *
 * <pre>{@code
 * Alignment a = JacobianAlignment.at(net, theta, data, Loss.CROSS_ENTROPY);
 * display(a.layers());   // E‖Kⁱ‖², E(χⁱ)², E‖Jⁱ‖², r(Δ^{i+1}, Jⁱ), r(χⁱ, Δⁱ/χⁱ), Π_χ, P_{χ,Δ/χ}, Π_J, P_{Δ,J}, Eq. 7
 * a.summary()             // λ₁ of ∇²L, G and H with residuals, E‖K‖², ρ(K)
 * }</pre>
 *
 * <p>How (004 §7.1, here without materialising ∂f/∂θ): per micro-batch one forward pass keeps x^{i−1}, σ'(x̂ⁱ) and
 * f; R_a = (H_z ℓ)^{1/2} per example from the k×k output Hessian of {@link Loss#curvature} (eigen-decomposition,
 * negative round-off clipped at 0); then Mᴸ = R and M^i = M^{i+1} Jⁱ = (M^{i+1} γ W^{i+1}) ⊙ σ'(x̂ⁱ) for all
 * examples at once (one GEMM per layer on the b·k rows, the layer's input-backward). Each example's k×k Gram
 * Mⁱ Mⁱᵀ gives ‖Δⁱ‖² = c_i² λ₁(MⁱMⁱᵀ), ‖Δ^{i+1}Jⁱ‖² = c_{i+1}² λ₁(MⁱMⁱᵀ) and K Kᵀ = Σᵢ c_i² MⁱMⁱᵀ (Eq. 4), all
 * exact. ‖Jⁱ‖² = λ₁(JⁱᵀJⁱ) (004 used LOBPCG) is a power iteration run for all examples of a micro-batch in lockstep,
 * so that each product is two GEMMs (Jv = γ (v ⊙ σ') Wᵀ, Jᵀu = γ (u W) ⊙ σ'); per example it stops at the relative
 * residual ‖JᵀJv − μv‖ ≤ tol·μ, and the worst residual and the number of misses are reported. λ₁ of ∇²L, G and
 * ∇²L − G come from {@link Lanczos} on the exact products of {@link Hessian}.
 */
public final class JacobianAlignment {

    private JacobianAlignment() {
    }

    /** The decomposition with {@link AlignmentOptions#DEFAULTS}. */
    public static Alignment at(Network net, double[] params, Dataset data, Loss loss) {
        return at(net, params, data, loss, AlignmentOptions.DEFAULTS);
    }

    /**
     * The decomposition of 004 §2.2 at θ.
     *
     * @param net     a network of {@link DenseLayer}s (not modified)
     * @param params  θ (not modified)
     * @param data    the training set 𝒯 (expectations are means over its examples)
     * @param loss    the criterion
     * @param options tolerances and budgets
     * @throws IllegalArgumentException on shape mismatch, non-finite θ or a non-dense layer
     */
    public static Alignment at(Network net, double[] params, Dataset data, Loss loss, AlignmentOptions options) {
        if (net == null || data == null || loss == null || options == null) {
            throw new IllegalArgumentException("net, data, loss and options must not be null");
        }
        Check.notNull("params", params);
        if (data.inputDim() != net.inputDim() || data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data + " does not match network " + net);
        }
        for (double v : params) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("params must be finite, found " + v);
        }
        List<Layer> layers = net.layers();
        for (Layer l : layers) {
            if (!(l instanceof DenseLayer)) {
                throw new IllegalArgumentException("layers must be DenseLayer, found " + l.getClass().getSimpleName());
            }
        }
        if (net.centre() != null) {
            throw new IllegalArgumentException("centred networks are not supported (004 networks are plain)");
        }
        int depth = layers.size();
        double[][] w = net.unpack(params);
        Sums s = new Sums(depth, net.outputDim());
        int n = data.size();
        int d = data.inputDim();
        int k = data.outputDim();
        Random rng = new Random(options.seed());
        for (int start = 0; start < n; start += options.microBatch()) {
            Cancellation.checkpoint();
            int b = Math.min(options.microBatch(), n - start);
            double[] x = Arrays.copyOfRange(data.inputs(), start * d, (start + b) * d);
            double[] y = Arrays.copyOfRange(data.targets(), start * k, (start + b) * k);
            microBatch(net, layers, w, x, y, b, loss, options, rng, s);
        }
        double[] res = {Double.NaN, Double.NaN, Double.NaN};
        boolean[] conv = new boolean[3];
        double[] lambda = {Double.NaN, Double.NaN, Double.NaN};
        double lossValue;
        double acc;
        try (Hessian h = Hessian.at(net, params, data, loss)) {
            lossValue = h.loss();
            acc = data.isClassification() ? h.accuracy() : Double.NaN;
            if (options.spectra()) {
                Hessian[] ops = {h.full(), h.gaussNewton(), h.functional()};
                for (int j = 0; j < 3; j++) {
                    Cancellation.checkpoint();
                    EigenResult r = Lanczos.run(ops[j], options.lanczos());
                    lambda[j] = r.value(0);
                    res[j] = r.residuals()[0];
                    conv[j] = r.converged()[0];
                }
            }
        }
        double[] eDelta2 = new double[depth];
        for (int i = 0; i < depth; i++) eDelta2[i] = s.delta2[i] / n;
        double[] chi2 = new double[depth - 1];
        double[] jNorm2 = new double[depth - 1];
        double[] eDeltaJ2 = new double[depth - 1];
        for (int i = 0; i < depth - 1; i++) {
            chi2[i] = s.chi2[i] / n;
            jNorm2[i] = s.j2[i] / n;
            eDeltaJ2[i] = s.deltaJ2[i] / n;
        }
        return new Alignment(depth, n, lossValue, acc, lambda[0], lambda[1], lambda[2], res, conv, s.k2 / n,
                eDelta2, chi2, jNorm2, eDeltaJ2, s.jResidual, s.jMiss);
    }

    /**
     * The layerwise Jacobian Jⁱ = ∂x̂^{i+1}/∂x̂ⁱ = γ W^{i+1} diag σ'(x̂ⁱ) of one example, dense (n_{i+1} × n_i,
     * row-major rows), for checks and small networks (004 §2.2).
     *
     * @param i layer in [1, L−1]
     * @param x one input (length d_in)
     */
    public static double[][] layerwiseJacobian(Network net, double[] params, double[] x, int i) {
        Check.notNull("net", net);
        Check.notNull("params", params);
        Check.notNull("x", x);
        List<Layer> layers = net.layers();
        if (i < 1 || i >= layers.size()) {
            throw new IllegalArgumentException("layer i must be in [1, " + (layers.size() - 1) + "], got " + i);
        }
        if (x.length != net.inputDim()) {
            throw new IllegalArgumentException("x must have length " + net.inputDim() + ", had " + x.length);
        }
        double[][] w = net.unpack(params);
        double[] a = x;
        double[] z = null;
        for (int l = 1; l <= i; l++) {
            Layer layer = layers.get(l - 1);
            z = new double[layer.outputSize()];
            layer.forward(w[l - 1], a, 1, true, 0.0, z);
            a = new double[z.length];
            for (int j = 0; j < z.length; j++) a[j] = net.activation().value(z[j]);
        }
        DenseLayer next = (DenseLayer) layers.get(i);
        double[][] jac = new double[next.out()][next.in()];
        for (int r = 0; r < next.out(); r++) {
            for (int c = 0; c < next.in(); c++) {
                jac[r][c] = next.gamma() * w[i][r * next.in() + c] * net.activation().derivative(z[c]);
            }
        }
        return jac;
    }

    /** Running sums over examples. */
    private static final class Sums {
        final double[] delta2;
        final double[] chi2;
        final double[] j2;
        final double[] deltaJ2;
        final double[] jResidual;
        final int[] jMiss;
        double k2;

        Sums(int depth, int k) {
            delta2 = new double[depth];
            chi2 = new double[depth - 1];
            j2 = new double[depth - 1];
            deltaJ2 = new double[depth - 1];
            jResidual = new double[depth - 1];
            jMiss = new int[depth - 1];
        }
    }

    private static void microBatch(Network net, List<Layer> layers, double[][] w, double[] x, double[] y, int b,
                                   Loss loss, AlignmentOptions options, Random rng, Sums s) {
        int depth = layers.size();
        int k = net.outputDim();
        Activation act = net.activation();
        double[][] acts = new double[depth][];
        double[][] dphi = new double[depth][];
        acts[0] = x;
        double[] f = null;
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers.get(l - 1);
            double[] z = new double[b * layer.outputSize()];
            layer.forward(w[l - 1], acts[l - 1], b, true, 0.0, z);
            if (l < depth) {
                double[] dp = new double[z.length];
                for (int j = 0; j < z.length; j++) {
                    dp[j] = act.derivative(z[j]);
                    z[j] = act.value(z[j]);
                }
                dphi[l] = dp;
                acts[l] = z;
            } else {
                f = z;
            }
        }
        // c_i² = γ_i² ‖x^{i−1}‖² + β_i² (bias): K^i K^iᵀ = c_i² R ∂f/∂x̂ⁱ (∂f/∂x̂ⁱ)ᵀ R          004 Eq. (4)
        double[][] c2 = new double[depth][b];
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = (DenseLayer) layers.get(l - 1);
            int in = layer.in();
            double g2 = layer.gamma() * layer.gamma();
            double b2 = layer.bias() ? layer.biasGamma() * layer.biasGamma() : 0.0;
            for (int a = 0; a < b; a++) {
                double ss = 0;
                for (int j = 0; j < in; j++) {
                    double v = acts[l - 1][a * in + j];
                    ss += v * v;
                }
                c2[l - 1][a] = g2 * ss + b2;
            }
        }
        // Mᴸ = R = (H_z ℓ)^{1/2}, one k×k block per example (rows a·k + q)
        double[] m = new double[b * k * k];
        for (int a = 0; a < b; a++) {
            double[][] r = sqrtOutputHessian(loss, f, y, a, k);
            for (int q = 0; q < k; q++) System.arraycopy(r[q], 0, m, (a * k + q) * k, k);
        }
        double[][] kk = new double[b][k * k];
        for (int i = depth; i >= 1; i--) {
            int width = layers.get(i - 1).outputSize();
            for (int a = 0; a < b; a++) {
                double[][] gram = gram(m, a, k, width);
                double top = Math.max(0.0, topEigenvalue(gram));
                s.delta2[i - 1] += c2[i - 1][a] * top;
                if (i < depth) {
                    s.deltaJ2[i - 1] += c2[i][a] * top;          // ‖Δ^{i+1} Jⁱ‖² = c_{i+1}² ‖Mⁱ‖²
                    s.chi2[i - 1] += c2[i - 1][a] / c2[i][a];      // (χⁱ)² = c_i² / c_{i+1}²
                }
                for (int q = 0; q < k; q++) {
                    for (int r = 0; r < k; r++) kk[a][q * k + r] += c2[i - 1][a] * gram[q][r];
                }
            }
            if (i == 1) break;
            // M^{i−1} = (Mⁱ γ Wⁱ) ⊙ σ'(x̂^{i−1})
            Layer layer = layers.get(i - 1);
            int in = layer.inputSize();
            double[] next = new double[b * k * in];
            layer.backwardInput(w[i - 1], m, b * k, 0.0, next);
            double[] dp = dphi[i - 1];
            for (int a = 0; a < b; a++) {
                for (int q = 0; q < k; q++) {
                    int off = (a * k + q) * in;
                    for (int j = 0; j < in; j++) next[off + j] *= dp[a * in + j];
                }
            }
            m = next;
            Cancellation.checkpoint();
        }
        for (int a = 0; a < b; a++) {
            double[][] g = new double[k][k];
            for (int q = 0; q < k; q++) System.arraycopy(kk[a], q * k, g[q], 0, k);
            s.k2 += Math.max(0.0, topEigenvalue(g));
        }
        for (int i = 1; i < depth; i++) {
            jacobianNorms(layers.get(i), w[i], dphi[i], b, options, rng, s, i - 1);
        }
    }

    /**
     * ‖Jⁱ‖² = λ₁(JⁱᵀJⁱ) for every example of the micro-batch by power iteration in lockstep (two GEMMs per product
     * for all examples); adds the values to s.j2[slot], the worst relative residual and the misses.
     */
    private static void jacobianNorms(Layer next, double[] w, double[] dp, int b, AlignmentOptions options,
                                      Random rng, Sums s, int slot) {
        int in = next.inputSize();
        int out = next.outputSize();
        double[] v = new double[b * in];
        for (int j = 0; j < v.length; j++) v[j] = rng.nextGaussian();
        normaliseRows(v, b, in);
        double[] y = new double[b * in];
        double[] u = new double[b * out];
        double[] t = new double[b * in];
        double[] mu = new double[b];
        double[] rel = new double[b];
        boolean[] done = new boolean[b];
        double tol = options.jacobianTolerance();
        for (int it = 0; it < options.jacobianIterations(); it++) {
            if (it % 16 == 0) Cancellation.checkpoint();
            for (int j = 0; j < y.length; j++) y[j] = v[j] * dp[j];
            next.forward(w, y, b, false, 0.0, u);          // J v   = γ (v ⊙ σ') Wᵀ
            next.backwardInput(w, u, b, 0.0, t);           // Jᵀ J v = (γ u W) ⊙ σ'
            boolean all = true;
            for (int a = 0; a < b; a++) {
                int off = a * in;
                double dot = 0;
                double tt = 0;
                for (int j = 0; j < in; j++) {
                    t[off + j] *= dp[off + j];
                    dot += v[off + j] * t[off + j];
                    tt += t[off + j] * t[off + j];
                }
                mu[a] = dot;
                double r2 = Math.max(0.0, tt - dot * dot);          // ‖JᵀJv − μv‖² for unit v
                rel[a] = dot > 0 ? Math.sqrt(r2) / dot : (tt == 0 ? 0.0 : Double.POSITIVE_INFINITY);
                done[a] = rel[a] <= tol;
                all &= done[a];
            }
            if (all) break;
            for (int a = 0; a < b; a++) {
                if (done[a]) continue;
                int off = a * in;
                double nn = 0;
                for (int j = 0; j < in; j++) nn += t[off + j] * t[off + j];
                double inv = nn > 0 ? 1 / Math.sqrt(nn) : 0;
                for (int j = 0; j < in; j++) v[off + j] = t[off + j] * inv;
            }
        }
        for (int a = 0; a < b; a++) {
            s.j2[slot] += mu[a];
            s.jResidual[slot] = Math.max(s.jResidual[slot], rel[a]);
            if (!done[a]) s.jMiss[slot]++;
        }
    }

    private static void normaliseRows(double[] v, int rows, int cols) {
        for (int a = 0; a < rows; a++) {
            double nn = 0;
            for (int j = 0; j < cols; j++) nn += v[a * cols + j] * v[a * cols + j];
            double inv = 1 / Math.sqrt(nn);
            for (int j = 0; j < cols; j++) v[a * cols + j] *= inv;
        }
    }

    /** Mⁱ_a Mⁱ_aᵀ (k×k) of example a, Mⁱ rows a·k + q of length width. */
    private static double[][] gram(double[] m, int a, int k, int width) {
        double[][] g = new double[k][k];
        for (int q = 0; q < k; q++) {
            int oq = (a * k + q) * width;
            for (int r = 0; r <= q; r++) {
                int or = (a * k + r) * width;
                double acc = 0;
                for (int j = 0; j < width; j++) acc += m[oq + j] * m[or + j];
                g[q][r] = acc;
                g[r][q] = acc;
            }
        }
        return g;
    }

    /** R = (H_z ℓ)^{1/2} of example a: the symmetric PSD square root of the k×k output Hessian (004 §2.2). */
    static double[][] sqrtOutputHessian(Loss loss, double[] f, double[] y, int a, int k) {
        double[][] h = new double[k][k];
        double[] e = new double[k];
        double[] col = new double[k];
        for (int c = 0; c < k; c++) {
            Arrays.fill(e, 0);
            e[c] = 1;
            loss.curvature(f, a * k, y, a * k, k, e, 0, 1.0, col, 0);
            for (int r = 0; r < k; r++) h[r][c] = col[r];
        }
        boolean identity = true;
        for (int r = 0; r < k && identity; r++) {
            for (int c = 0; c < k; c++) {
                if (h[r][c] != (r == c ? 1.0 : 0.0)) {
                    identity = false;
                    break;
                }
            }
        }
        if (identity) return h;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < r; c++) {
                double v = 0.5 * (h[r][c] + h[c][r]);
                h[r][c] = v;
                h[c][r] = v;
            }
        }
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(h, false));
        double[][] out = new double[k][k];
        for (int j = 0; j < k; j++) {
            double lam = Math.sqrt(Math.max(0.0, ed.getRealEigenvalue(j)));
            if (lam == 0) continue;
            double[] q = ed.getEigenvector(j).toArray();
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) out[r][c] += lam * q[r] * q[c];
            }
        }
        return out;
    }

    private static double topEigenvalue(double[][] g) {
        if (g.length == 1) return g[0][0];
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : ev) max = Math.max(max, v);
        return max;
    }
}
