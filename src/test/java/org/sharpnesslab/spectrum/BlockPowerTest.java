package org.sharpnesslab.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockPowerTest extends EigenSolverContract {

    @Override
    EigenResult solve(LinearOperator a, int k, boolean magnitude, long seed) {
        return BlockPower.run(a, BlockPowerOptions.top(k).withSeed(seed).withTolerance(1e-7).withMaxSweeps(2000));
    }

    @Override
    boolean supportsAlgebraic() {
        return false;
    }

    @Test
    void warmStartFromPreviousVectorsNeedsFewSweeps() {
        double[][] m = TestMatrices.withSpectrum(spectrum(), SEED);
        LinearOperator a = LinearOperator.ofDense(m);
        EigenResult cold = BlockPower.run(a, BlockPowerOptions.top(3).withTolerance(1e-8).withMaxSweeps(2000));
        EigenResult warm = BlockPower.run(a, BlockPowerOptions.top(3).withTolerance(1e-8), cold.vectors());
        assertTrue(cold.allConverged() && warm.allConverged());
        assertEquals(3, warm.iterations(), "one sweep of 3 products");
        for (int i = 0; i < 3; i++) assertEquals(cold.value(i), warm.value(i), 1e-10);
    }

    @Test
    void shiftReachesTopAlgebraic() {
        double[][] m = TestMatrices.withSpectrum(spectrum(), SEED);
        // A + 9.5 I: top magnitudes 19.5 (10), 17.5 (8), 16 (6.5)
        EigenResult r = BlockPower.run(LinearOperator.ofDense(m),
                BlockPowerOptions.top(3).withShift(9.5).withTolerance(1e-8).withMaxSweeps(5000));
        assertTrue(r.allConverged(), r.toString());
        assertEquals(10, r.value(0), 1e-8);
        assertEquals(8, r.value(1), 1e-8);
        assertEquals(6.5, r.value(2), 1e-8);
    }
}
