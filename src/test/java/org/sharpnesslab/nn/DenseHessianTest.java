package org.sharpnesslab.nn;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.spectrum.LinearOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** For a tiny net: the dense Hessian from HVP columns and from finite differences of the gradient agree. */
public class DenseHessianTest {

    public static double[][] dense(LinearOperator op) {
        int p = op.dimension();
        double[][] m = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            m[j] = op.apply(e); // column j (stored as row j; symmetric)
        }
        return m;
    }

    @Test
    void denseHessianIsSymmetricAndTopEigenvalueAgreesWithFiniteDifferences() {
        for (Loss loss : Loss.values()) {
            FCN net = FCN.builder().input(3).width(4).depth(3).output(2).tanh().bias(true).build();
            Dataset data = TestNets.dataFor(loss, 5, 3, 2, 21);
            double[] theta = TestNets.params(net, 22);
            Hessian hess = Hessian.at(net, theta, data, loss);
            double[][] h = dense(hess);
            int p = h.length;
            double[][] fd = new double[p][p];
            double eps = 1e-5;
            for (int j = 0; j < p; j++) {
                double[] tp = theta.clone();
                double[] tm = theta.clone();
                tp[j] += eps;
                tm[j] -= eps;
                double[] gp = Hessian.at(net, tp, data, loss).gradient();
                double[] gm = Hessian.at(net, tm, data, loss).gradient();
                for (int i = 0; i < p; i++) {
                    fd[j][i] = (gp[i] - gm[i]) / (2 * eps);
                }
            }
            double asym = Dense.asymmetry(h);
            assertTrue(asym < 1e-12, "R-operator Hessian asymmetry " + asym);
            double[] evH = Dense.symmetricEigenvalues(h);
            double[][] fdSym = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    fdSym[i][j] = 0.5 * (fd[i][j] + fd[j][i]);
                }
            }
            double[] evFd = Dense.symmetricEigenvalues(fdSym);
            System.out.printf("%s: P=%d lambda_max(R-op)=%.12f lambda_max(FD)=%.12f asym=%.1e%n", loss, p, evH[0],
                    evFd[0], asym);
            assertEquals(evFd[0], evH[0], 1e-7 * Math.abs(evH[0]));
            assertEquals(evFd[p - 1], evH[p - 1], 1e-7 * Math.abs(evH[0]));
        }
    }
}
