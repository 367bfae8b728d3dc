package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient and Hessian-vector products against central finite differences, for every activation, both losses,
 * with and without bias, every parameterisation. ReLU and ELU are checked at random points: a kink is crossed
 * only if some |z| < h·|Δz| ≈ 1e-5, which does not happen for these seeds (the test would fail loudly if it did).
 */
class DerivativesTest {

    static List<FCN> nets() {
        List<FCN> nets = new ArrayList<>();
        Parameterization[] ps = {Parameterization.sp(), Parameterization.ntp(), Parameterization.muP(),
                Parameterization.interpolating(0.5)};
        int i = 0;
        for (Activation a : Activation.values()) {
            for (boolean bias : new boolean[]{false, true}) {
                Parameterization p = ps[i++ % ps.length];
                nets.add(FCN.builder().input(3).width(5).depth(3).output(2).activation(a).bias(bias)
                        .parameterization(p).sigmaW2(1.5).alpha(bias ? 0.7 : 1.0).build());
            }
        }
        return nets;
    }

    static double lossAt(FCN net, double[] theta, Dataset data, Loss loss) {
        return Metrics.loss(net, theta, data, loss);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double worst = 0;
        for (Loss loss : Loss.values()) {
            for (FCN net : nets()) {
                Dataset data = TestNets.dataFor(loss, 6, 3, 2, 11);
                double[] theta = TestNets.params(net, 3);
                double[] g = Hessian.at(net, theta, data, loss).gradient();
                double[] fd = new double[theta.length];
                double h = 1e-6;
                for (int j = 0; j < theta.length; j++) {
                    double[] tp = theta.clone();
                    double[] tm = theta.clone();
                    tp[j] += h;
                    tm[j] -= h;
                    fd[j] = (lossAt(net, tp, data, loss) - lossAt(net, tm, data, loss)) / (2 * h);
                }
                double err = Vectors.relativeError(g, fd);
                worst = Math.max(worst, err);
                assertTrue(err < 1e-6, net + " " + loss + ": gradient rel. error " + err);
            }
        }
        System.out.println("gradient vs FD: worst relative error " + worst);
    }

    @Test
    void hessianVectorProductMatchesFiniteDifferenceOfGradient() {
        double worst = 0;
        for (Loss loss : Loss.values()) {
            for (FCN net : nets()) {
                Dataset data = TestNets.dataFor(loss, 6, 3, 2, 12);
                double[] theta = TestNets.params(net, 4);
                double[] v = TestNets.randomVector(theta.length, 5);
                double[] hv = Hessian.at(net, theta, data, loss).apply(v);
                double h = 1e-5;
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
                double err = Vectors.relativeError(hv, fd);
                worst = Math.max(worst, err);
                assertTrue(err < 1e-6, net + " " + loss + ": HVP rel. error " + err);
            }
        }
        System.out.println("HVP vs FD of gradient: worst relative error " + worst);
    }

    @Test
    void gaussNewtonPlusFunctionalIsHessianAndGaussNewtonIsPsd() {
        for (Loss loss : Loss.values()) {
            for (FCN net : nets()) {
                Dataset data = TestNets.dataFor(loss, 6, 3, 2, 13);
                double[] theta = TestNets.params(net, 6);
                Hessian hess = Hessian.at(net, theta, data, loss);
                double[] v = TestNets.randomVector(theta.length, 7);
                double[] hv = hess.apply(v);
                double[] gv = hess.gaussNewton().apply(v);
                double[] fv = hess.functional().apply(v);
                double[] sum = gv.clone();
                Vectors.axpy(1, fv, sum);
                assertTrue(Vectors.relativeError(hv, sum) < 1e-12, net + " " + loss);
                // vᵀ G v = (1/n) Σ (J v)ᵀ H_z (J v) ≥ 0, and PSD on a dense build
                assertTrue(Vectors.dot(v, gv) >= 0);
                double[][] g = DenseHessianTest.dense(hess.gaussNewton());
                double[] ev = Dense.symmetricEigenvalues(g);
                assertTrue(ev[ev.length - 1] > -1e-10 * ev[0], net + " " + loss + " min eig " + ev[ev.length - 1]);
            }
        }
    }

    @Test
    void microBatchingDoesNotChangeProducts() {
        FCN net = FCN.builder().input(4).width(6).depth(4).output(3).tanh().bias(true).ntp().build();
        for (Loss loss : Loss.values()) {
            Dataset data = TestNets.dataFor(loss, 11, 4, 3, 14);
            double[] theta = TestNets.params(net, 8);
            double[] v = TestNets.randomVector(theta.length, 9);
            Hessian a = Hessian.at(net, theta, data, loss);
            Hessian b = Hessian.at(net, theta, data, loss, 3);
            assertTrue(Vectors.relativeError(a.apply(v), b.apply(v)) < 1e-13);
            assertTrue(Vectors.relativeError(a.gradient(), b.gradient()) < 1e-13);
            assertEquals(a.loss(), b.loss(), 1e-13 * a.loss());
            double[] u = TestNets.randomVector(11 * 3, 10);
            assertTrue(Vectors.relativeError(a.ntk().apply(u), b.ntk().apply(u)) < 1e-13);
        }
    }

    @Test
    void ntkProductMatchesExplicitJacobian() {
        FCN net = FCN.builder().input(3).width(5).depth(3).output(2).elu().bias(true).muP().build();
        Dataset data = TestNets.regression(4, 3, 2, 15);
        double[] theta = TestNets.params(net, 10);
        Hessian hess = Hessian.at(net, theta, data, Loss.MSE);
        int p = theta.length;
        int nk = 8;
        // explicit Jacobian by central differences of the outputs, column by column
        double[][] jac = new double[nk][p];
        double h = 1e-6;
        for (int j = 0; j < p; j++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            double[] fp = net.forward(tp, data.inputs());
            double[] fm = net.forward(tm, data.inputs());
            for (int i = 0; i < nk; i++) {
                jac[i][j] = (fp[i] - fm[i]) / (2 * h);
            }
        }
        double[] u = TestNets.randomVector(nk, 16);
        double[] ku = hess.ntk().apply(u);
        double[] expected = new double[nk];
        for (int a = 0; a < nk; a++) {
            for (int b = 0; b < nk; b++) {
                double kab = 0;
                for (int j = 0; j < p; j++) {
                    kab += jac[a][j] * jac[b][j];
                }
                expected[a] += kab * u[b] / data.size();
            }
        }
        double err = Vectors.relativeError(ku, expected);
        System.out.println("NTK product vs explicit (FD) Jacobian: relative error " + err);
        assertTrue(err < 1e-7, "NTK rel. error " + err);
        // J v against the same Jacobian
        double[] v = TestNets.randomVector(p, 17);
        double[] jv = hess.jvp(v);
        double[] jvExp = new double[nk];
        for (int i = 0; i < nk; i++) {
            for (int j = 0; j < p; j++) {
                jvExp[i] += jac[i][j] * v[j];
            }
        }
        assertTrue(Vectors.relativeError(jv, jvExp) < 1e-7);
    }
}
