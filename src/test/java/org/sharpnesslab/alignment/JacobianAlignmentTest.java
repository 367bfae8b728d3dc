package org.sharpnesslab.alignment;

import org.sharpnesslab.linalg.Vectors;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.nn.Activation;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Layer;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.MLP;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.nn.TestNets;

/** 004 §2.2: the decomposition against dense computations on tiny networks, and Eq. (7) to round-off. */
class JacobianAlignmentTest {

    private static final AlignmentOptions TIGHT = AlignmentOptions.DEFAULTS.withLanczos(1e-10, 400)
            .withJacobian(1e-9, 5000).withMicroBatch(7);

    @Test
    void eq7MultipliesBackToEveryLayer() {
        for (Loss loss : Loss.values()) {
            MLP net = MLP.of(12, 16, 5, 3);
            Dataset data = TestNets.classification(40, 12, 3, 3);
            Alignment a = JacobianAlignment.at(net, net.init(4), data, loss,
                    AlignmentOptions.DEFAULTS.withSpectra(false));
            for (int k = 1; k <= net.depth(); k++) {
                assertEquals(a.eDelta2(k), a.eq7(k), 1e-10 * a.eDelta2(k), loss + " layer " + k);
            }
            Table t = a.layers();
            assertTrue(t.doubleColumn("eq7_rel_error").max() < 1e-10);
            assertEquals(1.0, a.pDeltaJ(net.depth()), 0.0);
        }
    }

    @Test
    void overlapRatioAndLayerBlocksMatchDenseK() {
        denseCheck(MLP.of(4, 5, 3, 3));
    }

    /** Any dense network of the library: an NTP FCN with bias has multipliers γ ≠ 1, so c_i² = γ²‖x‖² + β². */
    @Test
    void worksForFcnWithMultipliers() {
        denseCheck(FCN.builder().input(4).width(5).depth(3).output(3).ntp().tanh().bias(true).alpha(0.7).build());
    }

    private static void denseCheck(Network net) {
        for (Loss loss : Loss.values()) {
            Dataset data = TestNets.classification(9, 4, 3, 11);
            double[] theta = net.init(5);
            Alignment a = JacobianAlignment.at(net, theta, data, loss, TIGHT);
            int p = net.numParams();
            int k = 3;
            List<Layer> layers = net.layers();
            double[][] g = new double[p][p];
            double eK2 = 0;
            double[] eKi2 = new double[layers.size()];
            for (int ex = 0; ex < data.size(); ex++) {
                Dataset one = new Dataset("one", 1, 4, k, data.input(ex), data.target(ex), null);
                Hessian h = Hessian.at(net, theta, one, loss);
                double[][] jac = new double[k][];
                for (int q = 0; q < k; q++) {
                    double[] e = new double[k];
                    e[q] = 1;
                    jac[q] = h.vjp(e);
                }
                double[][] r = denseSqrt(outputHessian(loss, h.outputs(), data.target(ex)));
                double[][] kk = new double[k][p];
                for (int q = 0; q < k; q++) {
                    for (int s = 0; s < k; s++) Vectors.axpy(r[q][s], jac[s], kk[q]);
                }
                for (int u = 0; u < p; u++) {
                    for (int v = 0; v < p; v++) {
                        double acc = 0;
                        for (int q = 0; q < k; q++) acc += kk[q][u] * kk[q][v];
                        g[u][v] += acc / data.size();
                    }
                }
                eK2 += topGram(kk, 0, p) / data.size();
                int off = 0;
                for (int l = 0; l < layers.size(); l++) {
                    int np = layers.get(l).numParams();
                    eKi2[l] += topGram(kk, off, off + np) / data.size();
                    off += np;
                }
            }
            double lambdaG = Dense.symmetricEigenvalues(g)[0];
            assertEquals(lambdaG, a.lambdaG(), 1e-9 * lambdaG, loss + ": lambda_1(G)");
            assertEquals(eK2, a.eK2(), 1e-10 * eK2, loss + ": E|K|^2");
            assertEquals(lambdaG / eK2, a.rho(), 1e-9, loss + ": rho(K)");
            assertEquals(lambdaG, a.rho() * a.eK2(), 1e-9 * lambdaG, loss + ": Eq. 3");
            assertTrue(a.rho() > 0 && a.rho() <= 1 + 1e-12, "Lemma 7.2");
            for (int l = 0; l < layers.size(); l++) {
                assertEquals(eKi2[l], a.eDelta2(l + 1), 1e-10 * eKi2[l], loss + ": E|K^i|^2 layer " + (l + 1));
            }
            double sum = 0;
            for (double v : eKi2) sum += v;
            assertTrue(a.eK2() <= sum * (1 + 1e-12), "Eq. 8 upper side");
        }
    }

    @Test
    void layerwiseJacobiansMatchFiniteDifferencesAndTheirNorms() {
        MLP net = MLP.of(4, 6, 4, 2);
        Dataset data = TestNets.classification(8, 4, 2, 21);
        double[] theta = net.init(9);
        Alignment a = JacobianAlignment.at(net, theta, data, Loss.CROSS_ENTROPY, TIGHT);
        for (int i = 1; i < net.depth(); i++) {
            double mean = 0;
            for (int ex = 0; ex < data.size(); ex++) {
                double[] x = data.input(ex);
                double[][] jac = JacobianAlignment.layerwiseJacobian(net, theta, x, i);
                double[] zi = preActivation(net, theta, x, i);
                double eps = 1e-6;
                for (int c = 0; c < zi.length; c++) {
                    double[] plus = zi.clone();
                    double[] minus = zi.clone();
                    plus[c] += eps;
                    minus[c] -= eps;
                    double[] fp = nextPreActivation(net, theta, plus, i);
                    double[] fm = nextPreActivation(net, theta, minus, i);
                    for (int r = 0; r < fp.length; r++) {
                        assertEquals((fp[r] - fm[r]) / (2 * eps), jac[r][c], 1e-7);
                    }
                }
                double s = new SingularValueDecomposition(new Array2DRowRealMatrix(jac)).getSingularValues()[0];
                mean += s * s / data.size();
            }
            assertEquals(mean, a.jNorm2()[i - 1], 1e-8 * mean, "E|J^i|^2 layer " + i);
            assertEquals(0, a.jUnconverged()[i - 1]);
        }
    }

    @Test
    void mlpInitialisationIsXavierTimesGain() {
        MLP net = MLP.of(300, 200, 3, 10);
        double[] theta = net.init(1);
        double ss = 0;
        for (int j = 0; j < 300 * 200; j++) ss += theta[j] * theta[j];
        double expected = 2.0 * 2.0 / (300 + 200);     // gain² · 2 / (fan_in + fan_out), gain = √2
        assertEquals(expected, ss / (300 * 200), 0.02 * expected);
        for (int j = 300 * 200; j < 300 * 200 + 200; j++) assertEquals(0.0, theta[j]);
        assertEquals(300 * 200 + 200 + 200 * 200 + 200 + 200 * 10 + 10, net.numParams());
        assertThrows(IllegalArgumentException.class, () -> new MLP(3, 4, 3, 2, Activation.ELU, -1));
    }

    private static double[] preActivation(MLP net, double[] theta, double[] x, int i) {
        double[][] w = net.unpack(theta);
        double[] a = x;
        double[] z = null;
        for (int l = 1; l <= i; l++) {
            Layer layer = net.layers().get(l - 1);
            z = new double[layer.outputSize()];
            layer.forward(w[l - 1], a, 1, true, 0.0, z);
            a = new double[z.length];
            for (int j = 0; j < z.length; j++) a[j] = net.activation().value(z[j]);
        }
        return z;
    }

    private static double[] nextPreActivation(MLP net, double[] theta, double[] zi, int i) {
        double[][] w = net.unpack(theta);
        double[] a = new double[zi.length];
        for (int j = 0; j < zi.length; j++) a[j] = net.activation().value(zi[j]);
        Layer layer = net.layers().get(i);
        double[] z = new double[layer.outputSize()];
        layer.forward(w[i], a, 1, true, 0.0, z);
        return z;
    }

    private static double[][] outputHessian(Loss loss, double[] f, double[] y) {
        int k = f.length;
        double[][] h = new double[k][k];
        if (loss == Loss.MSE) {
            for (int q = 0; q < k; q++) h[q][q] = 1;
            return h;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) max = Math.max(max, v);
        double z = 0;
        double[] p = new double[k];
        for (int q = 0; q < k; q++) z += p[q] = Math.exp(f[q] - max);
        for (int q = 0; q < k; q++) p[q] /= z;
        for (int q = 0; q < k; q++) {
            for (int r = 0; r < k; r++) h[q][r] = (q == r ? p[q] : 0) - p[q] * p[r];
        }
        return h;
    }

    private static double[][] denseSqrt(double[][] h) {
        int k = h.length;
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(h));
        double[][] out = new double[k][k];
        for (int j = 0; j < k; j++) {
            double l = Math.sqrt(Math.max(0, ed.getRealEigenvalue(j)));
            double[] q = ed.getEigenvector(j).toArray();
            for (int r = 0; r < k; r++) for (int c = 0; c < k; c++) out[r][c] += l * q[r] * q[c];
        }
        return out;
    }

    /** λ₁ of the k×k Gram of columns [from, to) of the rows of m. */
    private static double topGram(double[][] m, int from, int to) {
        int k = m.length;
        double[][] g = new double[k][k];
        for (int q = 0; q < k; q++) {
            for (int r = 0; r < k; r++) {
                double acc = 0;
                for (int j = from; j < to; j++) acc += m[q][j] * m[r][j];
                g[q][r] = acc;
            }
        }
        return Dense.symmetricEigenvalues(g)[0];
    }

    /** MLP and FCN share their shape checks; an MLP refuses centring (not part of 004's setup) and says what to use. */
    @Test
    void mlpShapeChecksAndCentringRefusal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MLP.of(4, 5, 1, 3));
        assertEquals("depth (number of weight layers) must be >= 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FCN.of(4, 0, 3, 3));
        assertEquals("width must be >= 1, got 0", e.getMessage());
        MLP net = MLP.of(4, 5, 3, 3);
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> net.centredAt(net.init(1)));
        assertTrue(u.getMessage().contains("use FCN"), u.getMessage());
    }
}
