package org.sharpnesslab.training;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.nn.DenseHessianTest;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.TestNets;

/**
 * Sharpness tracked every step: against a dense eigendecomposition of ∇²L at every θ_t of a tiny network, and the
 * papers' 20-step option against the numbers the library produced before converged tracking.
 */
class SharpnessTrackingTest {

    static final FCN TINY = FCN.builder().input(3).width(6).depth(3).output(2).tanh().sigmaW2(1.5).build();
    static final Dataset TINY_DATA = TestNets.regression(12, 3, 2, 11);

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    /** λ_max of the dense ∇²L at every state of a GD run replayed independently (θ ← θ − η ∇L). */
    static double[] denseTop(TrainingRun run, long seed) {
        double[] theta = TINY.init(seed);
        double[] top = new double[run.rows()];
        for (int t = 0; t < run.rows(); t++) {
            Hessian h = Hessian.at(TINY, theta, TINY_DATA, Loss.MSE);
            double[] ev = Dense.symmetricEigenvalues(DenseHessianTest.dense(h));
            top[t] = ev[0];
            Vectors.axpy(-run.eta(), h.gradient(), theta);
        }
        return top;
    }

    @Test
    void convergedTrackingAgreesWithTheDenseAnswerAtEveryStepToItsTolerance() {
        for (double tol : new double[] {1e-3, 1e-6}) {
            TrainingRun run = Training.gd(TINY, TINY_DATA).c(1.8).steps(25).sharpnessEvery(1)
                    .sharpness(Sharpness.converged(tol)).progress(false).run(4);
            double[] dense = denseTop(run, 4);
            Table table = run.table();
            for (int t = 0; t < run.rows(); t++) {
                double lam = run.sharpness()[t];
                assertEquals(dense[t], lam, tol * dense[t], "tol " + tol + ", step " + t);
                assertTrue(table.doubleColumn("sharpness_relative_residual").get(t) <= tol, "step " + t);
                int its = table.intColumn("sharpness_iterations").get(t);
                assertTrue(its >= 1 && its <= Sharpness.DEFAULT_BUDGET, "step " + t + ": " + its);
            }
            assertEquals(dense[0], run.lambda0(), tol * dense[0]);
            assertEquals(1.8 / run.lambda0(), run.eta(), 0);
        }
    }

    @Test
    void defaultIsConvergedAndWarmStartsCostFewProducts() {
        TrainingRun run = Training.gd(TINY, TINY_DATA).c(1.0).steps(25).sharpnessEvery(1).progress(false).run(4);
        assertEquals(Sharpness.DEFAULT, run.sharpnessOptions());
        double[] dense = denseTop(run, 4);
        int later = 0;
        for (int t = 0; t < run.rows(); t++) {
            assertEquals(dense[t], run.sharpness()[t], Sharpness.DEFAULT_TOLERANCE * dense[t], "step " + t);
            if (t > 0) {
                later += run.sharpnessIterations()[t];
            }
        }
        // a cold start needs more products than the average warm-started step
        assertTrue(later / 25.0 < run.sharpnessIterations()[0], later / 25.0 + " vs " + run.sharpnessIterations()[0]);
    }

    @Test
    void powerIterationToAToleranceAlsoAgreesWithTheDenseAnswer() {
        TrainingRun run = Training.gd(TINY, TINY_DATA).c(1.2).steps(10).sharpnessEvery(1)
                .sharpness(Sharpness.powerUntil(1e-8, 20000)).progress(false).run(2);
        double[] dense = denseTop(run, 2);
        for (int t = 0; t < run.rows(); t++) {
            assertEquals(dense[t], run.sharpness()[t], 1e-7 * dense[t], "step " + t);
        }
    }

    @Test
    void papers20ReproducesTheNumbersOfTheFormerDefault() {
        // values printed by Training before converged tracking (20 warm power steps, start seed = seed + 2)
        FCN net = FCN.builder().input(4).width(16).depth(3).output(2).tanh().build();
        Dataset data = Datasets.gaussian(32, 4, 2, 3);
        TrainingRun gd = Training.gd(net, data).c(1.5).steps(12).sharpnessEvery(3).sharpness(Sharpness.papers20())
                .progress(false).run(5);
        assertEquals(4.06770626633257, gd.lambda0(), 0);
        assertEquals(0.36875818994481996, gd.eta(), 0);
        double[] lam = {4.0677062663325700, 4.0853421761686946, 4.2726024581660760, 4.5165268427842555,
            4.8238314854694810};
        double[] res = {0.12944905865639608, 0.0088519652894984960, 0.0065923698212904565, 0.0049543143355464570,
            0.0017829770078132370};
        for (int i = 0; i < lam.length; i++) {
            assertEquals(lam[i], gd.sharpness()[3 * i], 1e-15 * lam[i], "step " + 3 * i);
            assertEquals(res[i], gd.residual()[3 * i], 1e-12 * res[i], "step " + 3 * i);
            assertEquals(20, gd.sharpnessIterations()[3 * i]);
        }
        assertEquals(0.69268516964413110, gd.lossValues()[12], 1e-15);
        TrainingRun sgd = Training.sgd(net, data, 8).eta(0.05).steps(8).sharpnessEvery(4)
                .sharpness(Sharpness.power(PowerOptions.defaults())).progress(false).run(7);
        assertEquals(4.6436606625252800, sgd.sharpness()[0], 1e-15 * 4.64);
        assertEquals(4.6655766713848750, sgd.sharpness()[4], 1e-15 * 4.67);
        assertEquals(4.5998692352026750, sgd.sharpness()[8], 1e-15 * 4.6);
        assertEquals(1.0347918293237540, sgd.lossValues()[8], 1e-15);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Sharpness.converged(0));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.power(null));
        assertThrows(IllegalArgumentException.class, () -> Training.gd(TINY, TINY_DATA).sharpness(null));
        assertEquals("Sharpness[power, 20 fixed steps]", Sharpness.papers20().toString());
    }
}
