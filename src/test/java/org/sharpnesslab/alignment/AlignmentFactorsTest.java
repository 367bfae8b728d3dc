package org.sharpnesslab.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.MLP;
import org.sharpnesslab.nn.TestNets;

/**
 * Every factor of 004 Eqs. (3)–(8) against dense per-example Jacobians built here, independently of
 * {@link JacobianAlignment}: the network's forward pass is written out (ELU, x̂ⁱ = Wⁱx^{i−1} + bⁱ), ∂f/∂θ_i,
 * ∂f/∂x̂ⁱ and Jⁱ = ∂x̂^{i+1}/∂x̂ⁱ are central finite differences of it, R = (H_f ℓ)^{1/2} from a dense
 * eigendecomposition, and every norm is a dense singular value. Each of Kⁱ, Δⁱ, χⁱ, Jⁱ and both r(·,·) is then
 * compared with the library's value, and Eq. (7) is checked with the independent factors on its right-hand side
 * and the library's E‖Δᵏ‖² on its left (so it can fail, unlike {@link Alignment#eq7}).
 */
class AlignmentFactorsTest {

    private static final AlignmentOptions TIGHT = AlignmentOptions.DEFAULTS.withLanczos(1e-10, 400)
            .withJacobian(1e-11, 20000).withMicroBatch(4).withSpectra(false);
    private static final double FD = 1e-5;
    private static final double TOL = 1e-6;

    /** Dense per-example answers for a plain MLP (γ = β = 1, ELU, biases), layers i = 1..L as in 004. */
    private static final class Dense {
        final int depth;
        final double eK2;
        final double[] eDelta2;    // E‖Δⁱ‖², [i − 1]
        final double[] eKi2;       // E‖Kⁱ‖² from R ∂f/∂θ_i, [i − 1]
        final double[] chi2;       // E(χⁱ)²
        final double[] j2;         // E‖Jⁱ‖²
        final double[] deltaJ2;    // E‖Δ^{i+1}Jⁱ‖²
        final double[] deltaOverChi2; // E‖Δⁱ/χⁱ‖²

        Dense(MLP net, double[] theta, Dataset data, Loss loss) {
            depth = net.depth();
            int n = data.size();
            int k = data.outputDim();
            double[][] w = net.unpack(theta);
            eDelta2 = new double[depth];
            eKi2 = new double[depth];
            chi2 = new double[depth - 1];
            j2 = new double[depth - 1];
            deltaJ2 = new double[depth - 1];
            deltaOverChi2 = new double[depth - 1];
            double k2 = 0;
            for (int ex = 0; ex < n; ex++) {
                double[] x = data.input(ex);
                double[][] pre = forward(net, w, x);          // pre[i] = x̂ⁱ, i = 1..L; pre[L] = f
                double[][] r = sqrtOutputHessian(loss, pre[depth]);
                double[] c2 = new double[depth + 1];
                double[][][] delta = new double[depth + 1][][];
                for (int i = 1; i <= depth; i++) {
                    double[] prev = i == 1 ? x : elu(pre[i - 1]);
                    c2[i] = 1 + dot(prev, prev);
                    double[][] dfdz = fdOutputByPre(net, w, pre[i], i);       // k × n_i
                    delta[i] = scale(mul(r, dfdz), Math.sqrt(c2[i]));          // Δⁱ = c_i R ∂f/∂x̂ⁱ, Eq. (4)
                    eDelta2[i - 1] += top2(delta[i]) / n;
                }
                double[][] kFull = new double[k][0];
                for (int i = 1; i <= depth; i++) {
                    double[][] ki = mul(r, fdOutputByParams(net, theta, x, i));   // Kⁱ = R ∂f/∂θ_i
                    eKi2[i - 1] += top2(ki) / n;
                    kFull = hcat(kFull, ki);
                }
                k2 += top2(kFull) / n;
                for (int i = 1; i < depth; i++) {
                    double chi = Math.sqrt(c2[i] / c2[i + 1]);                // χⁱ = c_i / c_{i+1}, Eq. (5)
                    chi2[i - 1] += chi * chi / n;
                    double[][] jac = fdNextPre(net, w, pre[i], i);             // Jⁱ = ∂x̂^{i+1}/∂x̂ⁱ
                    j2[i - 1] += top2(jac) / n;
                    deltaJ2[i - 1] += top2(mul(delta[i + 1], jac)) / n;
                    deltaOverChi2[i - 1] += top2(scale(delta[i], 1 / chi)) / n;
                }
            }
            eK2 = k2;
        }

        double rDeltaJ(int i) {
            return deltaJ2[i - 1] / (eDelta2[i] * j2[i - 1]);
        }

        double rChi(int i) {
            return eDelta2[i - 1] / (chi2[i - 1] * deltaOverChi2[i - 1]);
        }
    }

    @Test
    void everyFactorOfEqs3To8MatchesDensePerExampleJacobians() {
        for (Loss loss : Loss.values()) {
            MLP net = MLP.of(4, 5, 4, 3);
            Dataset data = TestNets.classification(7, 4, 3, 17);
            double[] theta = net.init(3);
            for (int j = 0; j < theta.length; j++) theta[j] += 0.05 * Math.sin(1.7 * j);   // non-zero biases
            Alignment a = JacobianAlignment.at(net, theta, data, loss, TIGHT);
            Dense d = new Dense(net, theta, data, loss);
            int depth = net.depth();
            near(d.eK2, a.eK2(), loss + ": E|K|^2 (Eq. 3)");
            for (int i = 1; i <= depth; i++) {
                near(d.eKi2[i - 1], d.eDelta2[i - 1], loss + ": dense K^i K^iT = Delta^i Delta^iT (Eq. 4), layer " + i);
                near(d.eDelta2[i - 1], a.eDelta2(i), loss + ": E|Delta^i|^2, layer " + i);
            }
            for (int i = 1; i < depth; i++) {
                String at = loss + ", layer " + i;
                near(d.chi2[i - 1], a.chi2(i), "E(chi^i)^2 (Eq. 5), " + at);
                near(d.j2[i - 1], a.jNorm2(i), "E|J^i|^2 (Eq. 5), " + at);
                near(d.deltaJ2[i - 1], a.eDeltaJ2(i), "E|Delta^{i+1} J^i|^2 (Eq. 6), " + at);
                near(d.deltaOverChi2[i - 1], a.eDeltaJ2(i), "E|Delta^i/chi^i|^2 (Eq. 6), " + at);
                near(d.rDeltaJ(i), a.rDeltaJ(i), "r(Delta^{i+1}, J^i), " + at);
                near(d.rChi(i), a.rChi(i), "r(chi^i, Delta^i/chi^i), " + at);
            }
            for (int kk = 1; kk <= depth; kk++) {
                double piChi = 1, pChi = 1, piJ = 1, pDJ = 1;
                for (int i = kk; i < depth; i++) {
                    piChi *= d.chi2[i - 1];
                    pChi *= d.rChi(i);
                    piJ *= d.j2[i - 1];
                    pDJ *= d.rDeltaJ(i);
                }
                String at = loss + ", k = " + kk;
                near(piChi, a.piChi(kk), "Pi_chi^k, " + at);
                near(pChi, a.pChi(kk), "P_chi^k, " + at);
                near(piJ, a.piJ(kk), "Pi_J^k, " + at);
                near(pDJ, a.pDeltaJ(kk), "P_Delta,J^k, " + at);
                // Eq. (7) with independent factors on the right and the library's E|Delta^k|^2 on the left
                near(piChi * pChi * piJ * pDJ * d.eDelta2[depth - 1], a.eDelta2(kk), "Eq. 7, " + at);
            }
            double sum = 0;
            for (double v : d.eKi2) sum += v;
            near(sum, a.summary().doubleColumn("e_k2_sum").get(0), loss + ": sum_i E|K^i|^2 (Eq. 8)");
        }
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.abs(expected), what);
    }

    // ---- the network written out -----------------------------------------------------------------------------

    private static double[] elu(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) a[j] = z[j] > 0 ? z[j] : Math.exp(z[j]) - 1;
        return a;
    }

    /** x̂ⁱ = Wⁱ a + bⁱ with W row-major out×in first in the layer's block, then b. */
    private static double[] affine(double[] p, double[] a, int out) {
        int in = a.length;
        double[] z = new double[out];
        for (int r = 0; r < out; r++) {
            double s = p[in * out + r];
            for (int c = 0; c < in; c++) s += p[r * in + c] * a[c];
            z[r] = s;
        }
        return z;
    }

    private static int out(MLP net, int i) {
        return net.layers().get(i - 1).outputSize();
    }

    /** pre[i] = x̂ⁱ for i = 1..L. */
    private static double[][] forward(MLP net, double[][] w, double[] x) {
        int depth = net.depth();
        double[][] pre = new double[depth + 1][];
        double[] a = x;
        for (int i = 1; i <= depth; i++) {
            pre[i] = affine(w[i - 1], a, out(net, i));
            a = elu(pre[i]);
        }
        return pre;
    }

    /** f as a function of x̂ⁱ. */
    private static double[] fromPre(MLP net, double[][] w, double[] zi, int i) {
        double[] z = zi;
        for (int l = i + 1; l <= net.depth(); l++) z = affine(w[l - 1], elu(z), out(net, l));
        return z;
    }

    private static double[][] fdOutputByPre(MLP net, double[][] w, double[] zi, int i) {
        int k = net.outputDim();
        double[][] jac = new double[k][zi.length];
        for (int c = 0; c < zi.length; c++) {
            double[] p = zi.clone(), m = zi.clone();
            p[c] += FD;
            m[c] -= FD;
            double[] fp = fromPre(net, w, p, i), fm = fromPre(net, w, m, i);
            for (int q = 0; q < k; q++) jac[q][c] = (fp[q] - fm[q]) / (2 * FD);
        }
        return jac;
    }

    private static double[][] fdNextPre(MLP net, double[][] w, double[] zi, int i) {
        int o = out(net, i + 1);
        double[][] jac = new double[o][zi.length];
        for (int c = 0; c < zi.length; c++) {
            double[] p = zi.clone(), m = zi.clone();
            p[c] += FD;
            m[c] -= FD;
            double[] fp = affine(w[i], elu(p), o), fm = affine(w[i], elu(m), o);
            for (int q = 0; q < o; q++) jac[q][c] = (fp[q] - fm[q]) / (2 * FD);
        }
        return jac;
    }

    /** ∂f/∂θ_i (k × P_i) by central differences of the whole forward pass in the parameters of layer i. */
    private static double[][] fdOutputByParams(MLP net, double[] theta, double[] x, int i) {
        int off = 0;
        for (int l = 1; l < i; l++) off += net.layers().get(l - 1).numParams();
        int np = net.layers().get(i - 1).numParams();
        int k = net.outputDim();
        double[][] jac = new double[k][np];
        for (int c = 0; c < np; c++) {
            double[] p = theta.clone(), m = theta.clone();
            p[off + c] += FD;
            m[off + c] -= FD;
            double[][] wp = net.unpack(p), wm = net.unpack(m);
            double[] fp = forward(net, wp, x)[net.depth()], fm = forward(net, wm, x)[net.depth()];
            for (int q = 0; q < k; q++) jac[q][c] = (fp[q] - fm[q]) / (2 * FD);
        }
        return jac;
    }

    /**
     * R = (H_f ℓ)^{1/2}: I for ½‖f − y‖², √c·I for the other squared errors (c their Hessian factor, checked by
     * LossTest), (diag p − ppᵀ)^{1/2} for cross-entropy (004 §2.2).
     */
    private static double[][] sqrtOutputHessian(Loss loss, double[] f) {
        int k = f.length;
        double[][] h = new double[k][k];
        if (loss.squared()) {
            double r = loss == Loss.MSE ? 1 : Math.sqrt(loss.hessianFactor(k));
            for (int q = 0; q < k; q++) h[q][q] = r;
            return h;
        }
        double z = 0;
        double[] p = new double[k];
        for (int q = 0; q < k; q++) z += p[q] = Math.exp(f[q]);
        for (int q = 0; q < k; q++) p[q] /= z;
        for (int q = 0; q < k; q++) for (int r = 0; r < k; r++) h[q][r] = (q == r ? p[q] : 0) - p[q] * p[r];
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(h));
        double[][] out = new double[k][k];
        for (int j = 0; j < k; j++) {
            double l = Math.sqrt(Math.max(0, ed.getRealEigenvalue(j)));
            double[] v = ed.getEigenvector(j).toArray();
            for (int r = 0; r < k; r++) for (int c = 0; c < k; c++) out[r][c] += l * v[r] * v[c];
        }
        return out;
    }

    // ---- dense algebra ---------------------------------------------------------------------------------------

    /** ‖M‖² (largest singular value squared). */
    private static double top2(double[][] m) {
        double s = new SingularValueDecomposition(new Array2DRowRealMatrix(m)).getSingularValues()[0];
        return s * s;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < b.length; t++) {
                for (int j = 0; j < b[0].length; j++) c[i][j] += a[i][t] * b[t][j];
            }
        }
        return c;
    }

    private static double[][] scale(double[][] a, double s) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) c[i][j] *= s;
        }
        return c;
    }

    private static double[][] hcat(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length + b[i].length];
            System.arraycopy(a[i], 0, c[i], 0, a[i].length);
            System.arraycopy(b[i], 0, c[i], a[i].length, b[i].length);
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }
}
