package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.Dense;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients and Hessian-vector products of small networks built from every {@link Stage} (convolutions with
 * stride, padding and bias, average/max/global pooling, flatten, LayerNorm, residual additions with identity and
 * projection shortcuts, smooth and ReLU activations) against central finite differences, for both losses; the
 * Gauss-Newton and functional parts; a tiny CNN's dense Hessian against the finite-difference Hessian. ReLU and max
 * pooling are piecewise linear: a kink is crossed only if some pre-activation or window maximum is within ~h of a tie,
 * which does not happen for these seeds (the test would fail loudly if it did).
 */
class ConvDerivativesTest {

    static final ImageShape S = ImageShape.of(2, 6, 6);

    static Stage dense(int in, int out, boolean bias) {
        return new LayerStage(new DenseLayer(in, out, bias, 1.0, 1.0, 1 / Math.sqrt(in), false));
    }

    static Conv2d conv(ImageShape in, int out, int k, int stride, int pad, boolean bias) {
        return new Conv2d(in, out, k, stride, pad, bias, 1.0, 1.0, Math.sqrt(1.0 / (k * k * in.channels())), false);
    }

    /** Named small networks covering every stage. */
    static List<Sequential> nets() {
        List<Sequential> nets = new ArrayList<>();
        // conv (pad 1, bias) → tanh → avg pool 2 → flatten → dense
        Conv2d c1 = conv(S, 3, 3, 1, 1, true);
        AvgPool2d p1 = AvgPool2d.of(c1.out(), 2);
        nets.add(Sequential.of(new LayerStage(c1), new Activate(Activation.TANH, c1.outputSize()), p1,
                new Flatten(p1.out()), dense(p1.outputSize(), 2, false)));
        // conv (stride 2, pad 1) → ELU → max pool 3 stride 2 pad 1 → global avg → dense with bias
        Conv2d c2 = conv(S, 3, 3, 2, 1, false);
        MaxPool2d m2 = new MaxPool2d(c2.out(), 3, 2, 1);
        nets.add(Sequential.of(new LayerStage(c2), new Activate(Activation.ELU, c2.outputSize()), m2,
                new GlobalAvgPool(m2.out()), dense(3, 2, true)));
        // conv → LayerNorm → tanh → residual (conv → LN) + identity → ReLU → global avg → dense
        Conv2d c3 = conv(S, 3, 3, 1, 1, false);
        ImageShape s3 = c3.out();
        Stage branch = Chain.of(new LayerStage(conv(s3, 3, 3, 1, 1, false)), LayerNorm.of(s3));
        nets.add(Sequential.of(new LayerStage(c3), LayerNorm.of(s3), new Activate(Activation.TANH, s3.size()),
                Residual.identity(branch), Activate.relu(s3.size()), new GlobalAvgPool(s3), dense(3, 2, false)));
        // residual with a projection shortcut (1×1 conv stride 2 → LN) around conv stride 2 → LN → ELU → conv
        Conv2d a = conv(S, 4, 3, 2, 1, false);
        Conv2d b = conv(a.out(), 4, 3, 1, 1, false);
        Conv2d proj = conv(S, 4, 1, 2, 0, false);
        Stage br = Chain.of(new LayerStage(a), LayerNorm.of(a.out()), new Activate(Activation.ELU, a.outputSize()),
                new LayerStage(b));
        Stage sc = Chain.of(new LayerStage(proj), LayerNorm.of(proj.out()));
        nets.add(Sequential.of(new Residual(br, sc), new Activate(Activation.TANH, b.outputSize()),
                new Flatten(b.out()), dense(b.outputSize(), 2, false)));
        return nets;
    }

    static Dataset data(Loss loss, int n, long seed) {
        return TestNets.dataFor(loss, n, S.size(), 2, seed);
    }

    /**
     * Richardson-extrapolated central differences, (4 D(h/2) − D(h)) / 3: error O(h⁴) instead of O(h²) (LayerNorm's
     * third derivatives make the plain central difference's h² term ≈ 10⁻⁶ at h = 10⁻⁵ on these nets).
     */
    static double[] richardson(double[] coarse, double[] fine) {
        double[] r = new double[coarse.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (4 * fine[i] - coarse[i]) / 3;
        }
        return r;
    }

    static double[] fdGradient(Network net, double[] theta, Dataset data, Loss loss, double h) {
        return richardson(centralGradient(net, theta, data, loss, h), centralGradient(net, theta, data, loss, h / 2));
    }

    static double[] fdHvp(Network net, double[] theta, double[] v, Dataset data, Loss loss, double h) {
        return richardson(centralHvp(net, theta, v, data, loss, h), centralHvp(net, theta, v, data, loss, h / 2));
    }

    static double[] centralGradient(Network net, double[] theta, Dataset data, Loss loss, double h) {
        double[] fd = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            fd[j] = (Metrics.loss(net, tp, data, loss) - Metrics.loss(net, tm, data, loss)) / (2 * h);
        }
        return fd;
    }

    static double[] centralHvp(Network net, double[] theta, double[] v, Dataset data, Loss loss, double h) {
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        Vectors.axpy(h, v, tp);
        Vectors.axpy(-h, v, tm);
        double[] gp = Hessian.at(net, tp, data, loss).gradient();
        double[] gm = Hessian.at(net, tm, data, loss).gradient();
        double[] fd = new double[theta.length];
        for (int j = 0; j < fd.length; j++) {
            fd[j] = (gp[j] - gm[j]) / (2 * h);
        }
        return fd;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double worst = 0;
        for (Loss loss : Loss.values()) {
            for (Sequential net : nets()) {
                Dataset data = data(loss, 3, 21);
                double[] theta = TestNets.params(net, 3);
                double[] g = Hessian.at(net, theta, data, loss).gradient();
                double err = Vectors.relativeError(g, fdGradient(net, theta, data, loss, 1e-4));
                worst = Math.max(worst, err);
                assertTrue(err < 1e-8, net + " " + loss + ": gradient rel. error " + err);
            }
        }
        System.out.println("stage gradients vs FD: worst relative error " + worst);
    }

    @Test
    void hessianVectorProductMatchesFiniteDifferenceOfGradient() {
        double worst = 0;
        for (Loss loss : Loss.values()) {
            for (Sequential net : nets()) {
                Dataset data = data(loss, 3, 22);
                double[] theta = TestNets.params(net, 4);
                double[] v = TestNets.randomVector(theta.length, 5);
                double[] hv = Hessian.at(net, theta, data, loss).apply(v);
                double err = Vectors.relativeError(hv, fdHvp(net, theta, v, data, loss, 1e-4));
                worst = Math.max(worst, err);
                assertTrue(err < 1e-8, net + " " + loss + ": HVP rel. error " + err);
            }
        }
        System.out.println("stage HVPs vs FD of gradient: worst relative error " + worst);
    }

    @Test
    void gaussNewtonPlusFunctionalIsHessianAndGaussNewtonIsPsd() {
        for (Loss loss : Loss.values()) {
            for (Sequential net : nets()) {
                Dataset data = data(loss, 3, 23);
                double[] theta = TestNets.params(net, 6);
                Hessian hess = Hessian.at(net, theta, data, loss);
                double[] v = TestNets.randomVector(theta.length, 7);
                double[] sum = hess.gaussNewton().apply(v);
                Vectors.axpy(1, hess.functional().apply(v), sum);
                assertTrue(Vectors.relativeError(hess.apply(v), sum) < 1e-12, net + " " + loss);
                double[] ev = Dense.symmetricEigenvalues(DenseHessianTest.dense(hess.gaussNewton()));
                assertTrue(ev[ev.length - 1] > -1e-10 * ev[0], net + " " + loss + " min eig " + ev[ev.length - 1]);
            }
        }
    }

    @Test
    void jvpAndVjpAreAdjointAndNtkMatchesGaussNewtonForMse() {
        for (Sequential net : nets()) {
            Dataset data = data(Loss.MSE, 4, 24);
            double[] theta = TestNets.params(net, 8);
            Hessian hess = Hessian.at(net, theta, data, Loss.MSE);
            double[] v = TestNets.randomVector(theta.length, 9);
            double[] u = TestNets.randomVector(data.size() * 2, 10);
            assertEquals(Vectors.dot(u, hess.jvp(v)), Vectors.dot(hess.vjp(u), v), 1e-10 * (1 + Math.abs(Vectors.dot(u,
                    hess.jvp(v)))), net.toString());
            // J v against the finite difference of the outputs
            double h = 1e-6;
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            Vectors.axpy(h, v, tp);
            Vectors.axpy(-h, v, tm);
            double[] fp = net.forward(tp, data.inputs());
            double[] fm = net.forward(tm, data.inputs());
            double[] fd = new double[fp.length];
            for (int i = 0; i < fd.length; i++) {
                fd[i] = (fp[i] - fm[i]) / (2 * h);
            }
            assertTrue(Vectors.relativeError(hess.jvp(v), fd) < 1e-7, net.toString());
            double[] kev = Dense.symmetricEigenvalues(DenseHessianTest.dense(hess.ntk()));
            double[] gev = Dense.symmetricEigenvalues(DenseHessianTest.dense(hess.gaussNewton()));
            assertEquals(gev[0], kev[0], 1e-9 * gev[0], net.toString());
        }
    }

    @Test
    void tinyCnnDenseHessianIsSymmetricAndEqualsFiniteDifferenceHessian() {
        ImageShape s = ImageShape.of(1, 4, 4);
        Conv2d c = conv(s, 2, 3, 1, 1, false);
        AvgPool2d p = AvgPool2d.of(c.out(), 2);
        Sequential net = Sequential.of(new LayerStage(c), new Activate(Activation.TANH, c.outputSize()), p,
                new Flatten(p.out()), dense(p.outputSize(), 2, false));
        for (Loss loss : Loss.values()) {
            Dataset data = TestNets.dataFor(loss, 3, s.size(), 2, 25);
            double[] theta = TestNets.params(net, 11);
            double[][] hd = DenseHessianTest.dense(Hessian.at(net, theta, data, loss));
            int pdim = theta.length;
            double asym = 0, scale = 0, err = 0;
            for (int i = 0; i < pdim; i++) {
                double[] e = new double[pdim];
                e[i] = 1;
                double[] col = fdHvp(net, theta, e, data, loss, 1e-4);
                for (int j = 0; j < pdim; j++) {
                    asym = Math.max(asym, Math.abs(hd[i][j] - hd[j][i]));
                    scale = Math.max(scale, Math.abs(hd[i][j]));
                    err = Math.max(err, Math.abs(hd[j][i] - col[j]));
                }
            }
            assertTrue(asym <= 1e-13 * scale, loss + ": asymmetry " + asym + " of " + scale);
            assertTrue(err <= 1e-8 * scale, loss + ": dense Hessian vs FD Hessian " + err + " of " + scale);
        }
    }

    /**
     * A stage network whose weight layers are all dense (a residual MLP) must still run through its stages: an
     * engine for plain dense stacks would ignore the residual and the activations' placement.
     */
    @Test
    void allDenseStageNetworkKeepsItsStructure() {
        int d = 5;
        Sequential net = Sequential.of(dense(d, 4, true), new Activate(Activation.TANH, 4),
                Residual.identity(Chain.of(dense(4, 4, false), new Activate(Activation.ELU, 4))), dense(4, 2, false));
        for (Loss loss : Loss.values()) {
            Dataset data = TestNets.dataFor(loss, 4, d, 2, 27);
            double[] theta = TestNets.params(net, 14);
            double[] v = TestNets.randomVector(theta.length, 15);
            Hessian h = Hessian.at(net, theta, data, loss);
            assertTrue(Vectors.relativeError(h.gradient(), fdGradient(net, theta, data, loss, 1e-4)) < 1e-8, "" + loss);
            assertTrue(Vectors.relativeError(h.apply(v), fdHvp(net, theta, v, data, loss, 1e-4)) < 1e-8, "" + loss);
        }
    }

    @Test
    void microBatchingAndCentringBehave() {
        Sequential net = nets().get(2);
        Dataset data = data(Loss.MSE, 7, 26);
        double[] theta = TestNets.params(net, 12);
        double[] v = TestNets.randomVector(theta.length, 13);
        double[] a = Hessian.at(net, theta, data, Loss.MSE).apply(v);
        double[] b = Hessian.at(net, theta, data, Loss.MSE, 3).apply(v);
        assertTrue(Vectors.relativeError(a, b) < 1e-13);
        Sequential centred = net.centredAt(theta);
        double[] f0 = centred.forward(theta, data.inputs());
        assertEquals(0.0, Vectors.norm(f0), 0.0);
        double[] hc = Hessian.at(centred, theta, data, Loss.MSE).gaussNewton().apply(v);
        double[] hu = Hessian.at(net, theta, data, Loss.MSE).gaussNewton().apply(v);
        assertTrue(Vectors.relativeError(hc, hu) < 1e-13, "G does not depend on the centring");
    }
}
