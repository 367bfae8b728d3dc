package org.sharpnesslab.nn;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.linalg.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three normalisations of squared error: each against its own formula written out here (L from the outputs,
 * its dense Hessian by finite differences of L), and against {@link Loss#MSE} times {@link Loss#hessianFactor}.
 */
class LossTest {

    /** L of the code base's formula, from the outputs: ½ mean-over-examples, sum-per-example, mean-over-entries. */
    private static double formula(Loss loss, double[] f, double[] y, int n, int k) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += (f[i] - y[i]) * (f[i] - y[i]);
        }
        return switch (loss) {
            case MSE -> s / (2.0 * n);
            case SQUARED_ERROR -> s / n;
            case MSE_MEAN -> s / ((double) n * k);
            default -> throw new AssertionError(loss);
        };
    }

    @Test
    void factorsAreOneTwoAndTwoOverK() {
        assertEquals(1.0, Loss.MSE.hessianFactor(10), 0.0);
        assertEquals(2.0, Loss.SQUARED_ERROR.hessianFactor(10), 0.0);
        assertEquals(0.2, Loss.MSE_MEAN.hessianFactor(10), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Loss.CROSS_ENTROPY.hessianFactor(10));
        assertThrows(IllegalArgumentException.class, () -> Loss.MSE_MEAN.hessianFactor(0));
    }

    @Test
    void hessianOfEachIsOursTimesItsFactorAndMatchesTheDenseFiniteDifferenceHessianOfItsFormula() {
        int n = 6;
        int k = 3;
        FCN net = FCN.builder().input(3).width(3).depth(3).output(k).tanh().bias(true).build();
        Dataset data = TestNets.regression(n, 3, k, 31);
        double[] theta = TestNets.params(net, 32);
        double[] v = TestNets.randomVector(net.numParams(), 33);
        Hessian ours = Hessian.at(net, theta, data, Loss.MSE);
        double[] hvOurs = ours.apply(v);
        double lambdaOurs = Dense.symmetricEigenvalues(DenseHessianTest.dense(ours))[0];
        for (Loss loss : new Loss[]{Loss.MSE, Loss.SQUARED_ERROR, Loss.MSE_MEAN}) {
            double c = loss.hessianFactor(k);
            Hessian h = Hessian.at(net, theta, data, loss);
            // the loss, gradient, product and top eigenvalue are c times ours
            assertEquals(formula(loss, net.forward(theta, data.inputs()), data.targets(), n, k), h.loss(),
                    1e-14 * h.loss(), loss + " L");
            assertEquals(c * ours.loss(), h.loss(), 1e-14 * h.loss(), loss + " L / L_MSE");
            double[] scaled = ours.gradient();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= c;
            }
            assertTrue(Vectors.relativeError(scaled, h.gradient()) < 1e-14, loss + " gradient");
            double[] hv = h.apply(v);
            double[] expect = hvOurs.clone();
            for (int i = 0; i < expect.length; i++) {
                expect[i] *= c;
            }
            assertTrue(Vectors.relativeError(expect, hv) < 1e-14, loss + " H v");
            double[][] dense = DenseHessianTest.dense(h);
            double lambda = Dense.symmetricEigenvalues(dense)[0];
            assertEquals(c * lambdaOurs, lambda, 1e-12 * lambda, loss + " lambda_max");
            // dense check: second differences of the formula's L (independent of Loss) against the operator
            int p = theta.length;
            double eps = 1e-4;
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j <= i; j++) {
                    double fd = (lossAt(net, data, loss, theta, i, eps, j, eps)
                            - lossAt(net, data, loss, theta, i, eps, j, -eps)
                            - lossAt(net, data, loss, theta, i, -eps, j, eps)
                            + lossAt(net, data, loss, theta, i, -eps, j, -eps)) / (4 * eps * eps);
                    worst = Math.max(worst, Math.abs(fd - dense[j][i]));
                    scale = Math.max(scale, Math.abs(dense[j][i]));
                }
            }
            System.out.printf("%s: factor %.4f, lambda_max %.12f = %.4f x %.12f, dense FD error %.1e of %.2e%n",
                    loss, c, lambda, c, lambdaOurs, worst, scale);
            assertTrue(worst < 1e-6 * scale, loss + " dense FD Hessian: " + worst + " of " + scale);
        }
    }

    private static double lossAt(FCN net, Dataset data, Loss loss, double[] theta, int i, double di, int j,
                                 double dj) {
        double[] t = theta.clone();
        t[i] += di;
        t[j] += dj;
        return formula(loss, net.forward(t, data.inputs()), data.targets(), data.size(), data.outputDim());
    }
}
