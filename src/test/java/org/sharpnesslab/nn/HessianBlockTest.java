package org.sharpnesslab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;
import org.sharpnesslab.spectrum.LinearOperator;

/** The diagonal blocks H_ll of {@link Hessian#block}: against the blocks of the dense Hessian, entry by entry. */
class HessianBlockTest {

    @Test
    void everyLayerBlockIsTheDenseDiagonalBlockAndItsTopEigenvalueMatches() {
        for (Loss loss : Loss.values()) {
            FCN net = FCN.builder().input(3).width(5).depth(3).output(2).tanh().bias(true).build();
            Dataset data = TestNets.dataFor(loss, 6, 3, 2, 5);
            Hessian h = Hessian.at(net, TestNets.params(net, 6), data, loss);
            double[][] full = DenseHessianTest.dense(h);
            int off = 0;
            for (int l = 1; l <= net.layers().size(); l++) {
                int np = net.layers().get(l - 1).numParams();
                double[][] expected = new double[np][np];
                for (int i = 0; i < np; i++) {
                    for (int j = 0; j < np; j++) expected[i][j] = full[off + i][off + j];
                }
                LinearOperator b = h.block(l);
                assertEquals(np, b.dimension());
                double[][] got = DenseHessianTest.dense(b);
                for (int i = 0; i < np; i++) {
                    for (int j = 0; j < np; j++) {
                        assertEquals(expected[i][j], got[i][j], 1e-12 * (1 + Math.abs(expected[i][j])),
                                loss + " layer " + l + " (" + i + ", " + j + ")");
                    }
                }
                double top = Dense.symmetricEigenvalues(expected)[0];
                double lanczos = Lanczos.run(b, LanczosOptions.DEFAULTS.withTolerance(1e-10)).value(0);
                assertEquals(top, lanczos, 1e-9 * Math.abs(top), loss + " layer " + l + ": lambda_1(H_ll)");
                off += np;
            }
            assertEquals(full.length, off);
            assertThrows(IllegalArgumentException.class, () -> h.block(0));
            assertThrows(IllegalArgumentException.class, () -> h.block(net.layers().size() + 1));
        }
    }
}
