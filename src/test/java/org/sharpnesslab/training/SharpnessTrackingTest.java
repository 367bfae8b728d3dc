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
 * Sharpness tracked along training against a dense eigendecomposition of ∇²L at every measured θ_t of a tiny network
 * (θ_t replayed independently): converged tracking to its tolerance, the papers' 20 power steps within their
 * residual, and λ_min and the layer blocks' λ₁(H_ll) tracked beside λ_max.
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

    /** The dense ∇²L at every state of a GD run of {@code net} replayed independently (θ ← θ − η ∇L). */
    static double[][][] denseHessians(FCN net, Dataset data, TrainingRun run, long seed) {
        double[] theta = net.init(seed);
        double[][][] out = new double[run.rows()][][];
        for (int t = 0; t < run.rows(); t++) {
            Hessian h = Hessian.at(net, theta, data, Loss.MSE);
            out[t] = DenseHessianTest.dense(h);
            Vectors.axpy(-run.eta(), h.gradient(), theta);
        }
        return out;
    }

    /**
     * The papers' 20 warm power steps against the dense top eigenvalue at every measured step: a Rayleigh quotient
     * lies below λ_max and, for a symmetric matrix, within its residual of an eigenvalue; power iteration finds the
     * largest in magnitude, here λ_max. SGD: the last state (the run's final θ) likewise.
     */
    @Test
    void papers20AgreesWithTheDenseTopEigenvalueWithinItsResidual() {
        FCN net = FCN.builder().input(4).width(16).depth(3).output(2).tanh().build();
        Dataset data = Datasets.gaussian(32, 4, 2, 3);
        TrainingRun gd = Training.gd(net, data).c(1.5).steps(12).sharpnessEvery(3).sharpness(Sharpness.papers20())
                .progress(false).run(5);
        double[][][] dense = denseHessians(net, data, gd, 5);
        for (int t = 0; t < gd.rows(); t += 3) {
            double top = Dense.symmetricEigenvalues(dense[t])[0];
            double lam = gd.sharpness()[t];
            double res = gd.residual()[t];
            assertTrue(lam <= top * (1 + 1e-12), "step " + t + ": Rayleigh quotient " + lam + " above " + top);
            assertTrue(top - lam <= res, "step " + t + ": " + lam + " not within " + res + " of " + top);
            assertEquals(20, gd.sharpnessIterations()[t]);
        }
        assertEquals(1.5 / gd.lambda0(), gd.eta(), 0);
        TrainingRun sgd = Training.sgd(net, data, 8).eta(0.05).steps(8).sharpnessEvery(4)
                .sharpness(Sharpness.power(PowerOptions.defaults())).progress(false).run(7);
        double top = Dense.symmetricEigenvalues(DenseHessianTest.dense(
                Hessian.at(net, sgd.finalParams(), data, Loss.MSE)))[0];
        assertTrue(sgd.sharpness()[8] <= top * (1 + 1e-12) && top - sgd.sharpness()[8] <= sgd.residual()[8],
                "SGD's last state: " + sgd.sharpness()[8] + " vs dense " + top);
    }

    /** λ_min and λ₁(H_ll) tracked beside λ_max, against the dense spectrum and dense blocks at every step. */
    @Test
    void lambdaMinAndLayerBlocksAgreeWithTheDenseAnswersAtEveryStep() {
        TrainingRun run = Training.gd(TINY, TINY_DATA).c(1.6).steps(12).sharpnessEvery(2)
                .sharpness(Sharpness.converged(1e-9)).trackLambdaMin(true).trackLayerBlocks(true).progress(false)
                .run(3);
        double[][][] dense = denseHessians(TINY, TINY_DATA, run, 3);
        Table t = run.table();
        int depth = TINY.layers().size();
        int negative = 0;
        for (int s = 0; s < run.rows(); s++) {
            if (s % 2 != 0) {
                assertTrue(t.doubleColumn("lambda_min").isMissing(s), "step " + s + " is not measured");
                continue;
            }
            double[] ev = Dense.symmetricEigenvalues(dense[s]);
            double min = ev[ev.length - 1];
            negative += min < 0 ? 1 : 0;
            assertEquals(min, t.doubleColumn("lambda_min").get(s), 1e-7 * ev[0], "lambda_min at step " + s);
            assertTrue(t.doubleColumn("lambda_min_residual").get(s) <= 1e-8 * ev[0], "residual at step " + s);
            int off = 0;
            for (int l = 1; l <= depth; l++) {
                int np = TINY.layers().get(l - 1).numParams();
                double[][] b = new double[np][np];
                for (int i = 0; i < np; i++) {
                    for (int j = 0; j < np; j++) b[i][j] = dense[s][off + i][off + j];
                }
                double top = Dense.symmetricEigenvalues(b)[0];
                assertEquals(top, t.doubleColumn("block_sharpness_" + l).get(s), 1e-7 * Math.abs(top),
                        "lambda_1(H_ll), layer " + l + ", step " + s);
                off += np;
            }
        }
        assertTrue(negative > 0, "no negative eigenvalue along the run: lambda_min untested at its sign");
        assertEquals(depth, t.columnNames().stream().filter(c -> c.startsWith("block_sharpness_")).count());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Sharpness.converged(0));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.power(null));
        assertThrows(IllegalArgumentException.class, () -> Training.gd(TINY, TINY_DATA).sharpness(null));
        assertEquals("Sharpness[power, 20 fixed steps]", Sharpness.papers20().toString());
    }
}
