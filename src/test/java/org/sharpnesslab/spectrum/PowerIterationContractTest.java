package org.sharpnesslab.spectrum;

/** Power iteration (k = 1, largest magnitude) run through the common eigen-solver contract. */
class PowerIterationContractTest extends EigenSolverContract {

    @Override
    EigenResult solve(LinearOperator a, int k, boolean magnitude, long seed) {
        if (k != 1) throw new IllegalArgumentException("k must be 1 for power iteration, got " + k);
        PowerResult p = PowerIteration.run(a, PowerOptions.untilConverged(1e-9).withSeed(seed));
        return new EigenResult("power", new double[] {p.eigenvalue()}, new double[][] {p.eigenvector()},
                new double[] {p.residual()}, new boolean[] {p.converged()}, p.iterations(), p.stopReason(), seed);
    }

    @Override
    boolean supportsAlgebraic() {
        return false;
    }

    @Override
    int maxK() {
        return 1;
    }
}
