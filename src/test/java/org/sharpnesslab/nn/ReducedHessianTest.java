package org.sharpnesslab.nn;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.spectrum.PowerIteration;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.spectrum.PowerResult;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;

/**
 * The row-space reduction H̃ = Pᵀ ∇²L P is exact: P is an isometry, P H̃ m = ∇²L P m and P Pᵀ ∇²L v = ∇²L v to
 * 1e-12 relative, and H̃'s non-zero eigenvalues are ∇²L's (dense eigendecompositions, 1e-10 relative to λ_max),
 * for tiny nets with n &lt; d over activations, losses and bias on/off; rank-deficient inputs, ill-conditioned
 * inputs (refinement) and n ≥ d (identity basis: H̃ = ∇²L) are handled.
 */
class ReducedHessianTest {

    private static final double EXACT = 1e-12;

    static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double relDiff(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s) / Math.max(norm(b), 1e-300);
    }

    /** Non-zero eigenvalues (|λ| > 1e-9 λ_scale), descending. */
    static double[] nonZero(double[] ev, double scale) {
        return Arrays.stream(ev).filter(x -> Math.abs(x) > 1e-9 * scale).toArray();
    }

    /** Checks every identity for one (net, data, loss); returns max relative error of the identities. */
    static double checkExact(Network net, Dataset data, Loss loss, long seed) {
        double[] theta = TestNets.params(net, seed);
        Hessian h = Hessian.at(net, theta, data, loss);
        ReducedHessian rh = Hessian.reducedAt(net, theta, data, loss);
        int r = rh.basis().rank();
        assertEquals(net.numParams(), rh.fullDimension());
        assertEquals(net.numParams() - net.layers().get(0).outputSize() * (data.inputDim() - r), rh.dimension());
        assertEquals(h.loss(), rh.loss(), 1e-14 * Math.max(1, Math.abs(h.loss())));
        double worst = 0;
        for (int trial = 0; trial < 3; trial++) {
            double[] m = TestNets.randomVector(rh.dimension(), seed + 10 + trial);
            double[] lm = rh.lift(m);
            worst = Math.max(worst, Math.abs(norm(lm) - norm(m)) / norm(m));                // isometry
            worst = Math.max(worst, relDiff(rh.lift(rh.apply(m)), h.apply(lm)));            // P H̃ m = H P m
            worst = Math.max(worst, relDiff(rh.restrict(lm), m));                            // Pᵀ P = I
            double[] v = TestNets.randomVector(h.dimension(), seed + 20 + trial);
            double[] hv = h.apply(v);
            worst = Math.max(worst, relDiff(rh.lift(rh.restrict(hv)), hv));                 // range(H) ⊆ range(P)
            worst = Math.max(worst, relDiff(rh.lift(rh.apply(rh.restrict(v))), hv));        // H = P H̃ Pᵀ
            worst = Math.max(worst, relDiff(rh.lift(rh.gaussNewton().apply(m)), h.gaussNewton().apply(lm)));
            worst = Math.max(worst, relDiff(rh.lift(rh.functional().apply(m)), h.functional().apply(lm)));
        }
        return worst;
    }

    @Test
    void reducedOperatorIsExactAcrossActivationsLossesAndBias() {
        int n = 4;
        int d = 10;
        long seed = 100;
        for (Activation act : Activation.values()) {
            for (Loss loss : Loss.values()) {
                for (boolean bias : new boolean[] {false, true}) {
                    FCN net = FCN.builder().input(d).width(5).depth(3).output(3).activation(act).bias(bias).build();
                    Dataset data = TestNets.dataFor(loss, n, d, 3, seed);
                    double err = checkExact(net, data, loss, seed++);
                    System.out.printf("%s %s bias=%s: max relative error of the identities %.2e%n", act, loss, bias,
                            err);
                    assertTrue(err < EXACT, act + " " + loss + " bias=" + bias + ": " + err);
                }
            }
        }
    }

    @Test
    void nonZeroSpectrumAndPowerIterationAgreeWithTheFullHessian() {
        for (Loss loss : Loss.values()) {
            FCN net = FCN.builder().input(12).width(4).depth(3).output(2).tanh().bias(true).build();
            Dataset data = TestNets.dataFor(loss, 5, 12, 2, 31);
            double[] theta = TestNets.params(net, 32);
            Hessian h = Hessian.at(net, theta, data, loss);
            ReducedHessian rh = Hessian.reducedAt(net, theta, data, loss);
            double[] ev = Dense.symmetricEigenvalues(DenseHessianTest.dense(h));
            double[] evr = Dense.symmetricEigenvalues(DenseHessianTest.dense(rh));
            double scale = Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
            double[] nz = nonZero(ev, scale);
            double[] nzr = nonZero(evr, scale);
            System.out.printf("%s: P=%d reduced=%d lambda_max full=%.15g reduced=%.15g, non-zero %d vs %d%n", loss,
                    h.dimension(), rh.dimension(), ev[0], evr[0], nz.length, nzr.length);
            assertEquals(nz.length, nzr.length, "number of non-zero eigenvalues");
            for (int i = 0; i < nz.length; i++) {
                assertEquals(nz[i], nzr[i], 1e-10 * scale, "eigenvalue " + i);
            }
            assertEquals(ev[0], evr[0], 1e-10 * Math.abs(ev[0]));
            // the same power iteration: iterates satisfy v_k = P u_k, so the estimates agree to rounding
            double[] v0 = TestNets.randomVector(h.dimension(), 33);
            PowerOptions opts = PowerOptions.fixedSteps(200);
            PowerResult full = PowerIteration.run(h, opts, v0);
            PowerResult red = PowerIteration.run(rh, opts, rh.restrict(v0));
            System.out.printf("%s: power full=%.15g reduced=%.15g dense=%.15g%n", loss, full.eigenvalue(),
                    red.eigenvalue(), ev[0]);
            assertEquals(full.eigenvalue(), red.eigenvalue(), 1e-10 * Math.abs(full.eigenvalue()));
            double[] lifted = rh.lift(red.eigenvector());
            assertEquals(1.0, Math.abs(dot(lifted, full.eigenvector()) / norm(lifted) / norm(full.eigenvector())),
                    1e-10);
        }
    }

    @Test
    void rankDeficientInputsAreReducedToTheirRank() {
        int n = 6;
        int d = 10;
        Dataset base = TestNets.regression(n, d, 2, 41);
        double[] x = base.inputs().clone();
        for (int j = 0; j < d; j++) {
            x[5 * d + j] = x[d + j];                                // duplicate of row 1
            x[4 * d + j] = 2 * x[j] - 0.5 * x[2 * d + j];           // combination of rows 0 and 2
        }
        Dataset data = new Dataset("rank4", n, d, 2, x, base.targets(), null);
        InputBasis basis = InputBasis.of(data);
        System.out.println(basis);
        assertEquals(4, basis.rank());
        assertTrue(basis.droppedResidual() < 1e-13, "dropped residual " + basis.droppedResidual());
        assertReconstructs(basis, x, n, d);
        FCN net = FCN.builder().input(d).width(3).depth(3).output(2).elu().bias(true).build();
        double err = checkExact(net, data, Loss.MSE, 42);
        assertTrue(err < EXACT, "rank-deficient: " + err);
    }

    @Test
    void illConditionedInputsAreRefinedToOrthonormal() {
        int n = 6;
        int d = 9;
        Dataset base = TestNets.regression(n, d, 1, 51);
        double[] x = base.inputs().clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = x[i * d + j] * Math.pow(10, -i) + x[j]; // rows nearly parallel, kappa ~ 1e6
            }
        }
        Dataset data = new Dataset("ill", n, d, 1, x, base.targets(), null);
        InputBasis basis = InputBasis.of(data);
        System.out.println(basis);
        assertEquals(n, basis.rank());
        assertTrue(basis.refined(), "first-pass defect " + basis.orthonormalityDefect() + " should trigger refinement");
        double[] m = TestNets.randomVector(3 * n, 52);
        assertTrue(relDiff(basis.toReduced(basis.fromReduced(m, 3), 3), m) < 1e-13, "Q^T Q = I after refinement");
        assertReconstructs(basis, x, n, d);
        FCN net = FCN.builder().input(d).width(3).depth(3).output(1).tanh().build();
        double err = checkExact(net, data, Loss.MSE, 53);
        assertTrue(err < EXACT, "ill-conditioned: " + err);
    }

    @Test
    void moreExamplesThanInputDimensionsGivesTheIdentityBasis() {
        FCN net = FCN.builder().input(3).width(4).depth(3).output(2).relu().bias(true).build();
        Dataset data = TestNets.classification(8, 3, 2, 61);
        double[] theta = TestNets.params(net, 62);
        InputBasis basis = InputBasis.of(data);
        assertFalse(basis.isReduced());
        assertEquals(3, basis.rank());
        Hessian h = Hessian.at(net, theta, data, Loss.CROSS_ENTROPY);
        ReducedHessian rh = Hessian.reducedAt(net, theta, data, Loss.CROSS_ENTROPY, basis);
        assertEquals(h.dimension(), rh.dimension());
        double[] v = TestNets.randomVector(h.dimension(), 63);
        assertEquals(0.0, relDiff(rh.apply(v), h.apply(v)), 1e-15);
        assertEquals(0.0, relDiff(rh.lift(v), v), 0.0);
    }

    @Test
    void centredNetworkAndValidation() {
        FCN base = FCN.builder().input(8).width(4).depth(3).output(2).tanh().build();
        Network net = base.centredAt(TestNets.params(base, 71));
        Dataset data = TestNets.regression(3, 8, 2, 72);
        assertTrue(checkExact(net, data, Loss.MSE, 73) < EXACT);
        InputBasis other = InputBasis.of(TestNets.regression(3, 8, 2, 74));
        assertThrows(IllegalArgumentException.class,
                () -> Hessian.reducedAt(net, TestNets.params(base, 75), data, Loss.MSE, other));
        assertThrows(IllegalArgumentException.class, () -> InputBasis.of(data, -1));
        Dataset zeros = new Dataset("zeros", 2, 8, 2, new double[16], new double[4], null);
        assertThrows(IllegalArgumentException.class, () -> InputBasis.of(zeros));
    }

    @Test
    void trainingMeasuresTheSameSharpnessOnTheReducedOperator() {
        FCN net = FCN.builder().input(16).width(6).depth(3).output(2).tanh().build();
        Dataset data = TestNets.classification(6, 16, 2, 81);
        Training base = Training.gd(net, data).loss(Loss.CROSS_ENTROPY).eta(0.5).steps(6).sharpnessEvery(2)
                .sharpness(Sharpness.power(PowerOptions.untilConverged(1e-12, 20000))).progress(false);
        TrainingRun full = base.run(82);
        TrainingRun reduced = base.reducedBasis(true).run(82);
        for (int t = 0; t < full.sharpness().length; t++) {
            double a = full.sharpness()[t];
            double b = reduced.sharpness()[t];
            assertEquals(Double.isNaN(a), Double.isNaN(b), "step " + t);
            if (!Double.isNaN(a)) {
                System.out.printf("step %d: sharpness full %.15g reduced %.15g%n", t, a, b);
                assertEquals(a, b, 1e-9 * Math.abs(a), "step " + t);
            }
            assertEquals(full.lossValues()[t], reduced.lossValues()[t], 0.0, "training itself is unchanged");
        }
    }

    static void assertReconstructs(InputBasis basis, double[] x, int n, int d) {
        double[] rec = basis.fromReduced(basis.coordinates(), n);
        double rel = relDiff(rec, x);
        assertTrue(rel < 1e-13, "X = C Q^T: relative error " + rel);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
