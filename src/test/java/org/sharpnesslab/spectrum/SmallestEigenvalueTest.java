package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.nn.DenseHessianTest;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.TestNets;

/** The most negative eigenvalue by Lanczos at the smallest algebraic end against dense eigendecompositions. */
class SmallestEigenvalueTest {

    @Test
    void smallestEndOfAnIndefiniteMatrixMatchesTheDenseSpectrum() {
        double[] spectrum = TestMatrices.linspace(-3, 5, 60);
        spectrum[7] = -4.25;
        double[][] a = TestMatrices.withSpectrum(spectrum, 3);
        LinearOperator op = LinearOperator.ofDense(a);
        EigenResult r = Lanczos.bottom(op);
        double[] dense = Dense.symmetricEigenvalues(a);
        assertEquals(dense[dense.length - 1], r.value(0), 1e-9);
        assertEquals(-4.25, r.value(0), 1e-9);
        assertTrue(r.converged()[0] && r.residuals()[0] <= 1e-8 * 5, "residual " + r.residuals()[0]);
        // its vector is the eigenvector of λ_min: A v = λ v
        double[] av = op.apply(r.vector(0));
        for (int i = 0; i < av.length; i++) assertEquals(r.value(0) * r.vector(0)[i], av[i], 1e-6);
        // the two smallest, in ascending order
        EigenResult two = Lanczos.run(op, LanczosOptions.top(2).withWhich(Lanczos.Which.SMALLEST_ALGEBRAIC));
        assertEquals(-4.25, two.value(0), 1e-9);
        assertEquals(-3, two.value(1), 1e-9);
    }

    @Test
    void mostNegativeHessianEigenvalueOfATinyNetworkMatchesTheDenseOne() {
        for (Loss loss : Loss.values()) {
            FCN net = FCN.builder().input(3).width(5).depth(3).output(2).tanh().bias(true).build();
            Dataset data = TestNets.dataFor(loss, 6, 3, 2, 4);
            Hessian h = Hessian.at(net, TestNets.params(net, 8), data, loss);
            double[] dense = Dense.symmetricEigenvalues(DenseHessianTest.dense(h));
            double min = dense[dense.length - 1];
            assertTrue(min < 0, loss + ": the tiny network's Hessian should be indefinite, lambda_min " + min);
            EigenResult r = Lanczos.run(h, LanczosOptions.DEFAULTS.withWhich(Lanczos.Which.SMALLEST_ALGEBRAIC)
                    .withTolerance(1e-10));
            assertEquals(min, r.value(0), 1e-8 * dense[0], loss + ": lambda_min");
            assertTrue(Math.abs(r.value(0) - min) <= r.residuals()[0] + 1e-12, loss + ": within its residual");
        }
    }
}
