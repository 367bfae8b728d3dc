package org.sharpnesslab.training;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.spectrum.PowerOptions;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.nn.DenseHessianTest;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.TestNets;

class TrainingTest {

    static final FCN NET = FCN.builder().input(4).width(16).depth(3).output(2).tanh().build();
    static final Dataset DATA = Teachers.teacherStudent(FCN.builder().input(4).width(8).depth(2).output(2).build(),
            32, 3);

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    @Test
    void gdDecreasesLossAndTracksTheDenseTopEigenvalue() {
        TrainingRun run = Training.gd(NET, DATA).eta(0.05).steps(40).sharpnessEvery(10)
                .sharpness(Sharpness.power(PowerOptions.untilConverged(1e-10, 2000))).run(1);
        assertFalse(run.diverged());
        assertEquals(41, run.rows());
        assertTrue(run.lossValues()[40] < 0.9 * run.lossValues()[0], run.toString());
        for (int t = 0; t <= 40; t++) {
            assertEquals(t % 10 == 0, !Double.isNaN(run.sharpness()[t]), "step " + t);
        }
        double[][] h = DenseHessianTest.dense(Hessian.at(NET, run.finalParams(), DATA, Loss.MSE));
        double[] ev = Dense.symmetricEigenvalues(h);
        double top = Math.abs(ev[0]) >= Math.abs(ev[ev.length - 1]) ? ev[0] : ev[ev.length - 1];
        assertEquals(top, run.sharpness()[40], 1e-8 * Math.abs(top));
        Table table = run.table();
        assertEquals(41, table.rowCount());
        assertTrue(table.columnNames().containsAll(java.util.List.of("step", "loss", "accuracy", "sharpness",
                "grad_norm", "weight_norm", "weight_norm_1", "weight_norm_2", "weight_norm_3")));
        assertEquals(36, table.doubleColumn("sharpness").countMissing()); // 41 rows, 5 measured
    }

    @Test
    void ntkSharpnessEqualsTopGaussNewtonEigenvalueAndTraceIsNearTheDenseTrace() {
        TrainingRun run = Training.gd(NET, DATA).eta(0.05).steps(6).sharpnessEvery(3).trackNtk(true)
                .trackTrace(400).sharpness(Sharpness.power(PowerOptions.untilConverged(1e-10, 3000))).run(4);
        Hessian h = Hessian.at(NET, run.finalParams(), DATA, Loss.MSE);
        double[] evG = Dense.symmetricEigenvalues(DenseHessianTest.dense(h.gaussNewton()));
        // MSE: K = J Jᵀ/n and G = Jᵀ J/n share their non-zero eigenvalues
        assertEquals(evG[0], run.ntkSharpness()[6], 1e-8 * evG[0]);
        double[][] dense = DenseHessianTest.dense(h);
        double tr = 0;
        for (int i = 0; i < dense.length; i++) {
            tr += dense[i][i];
        }
        // 400 Rademacher probes: standard error ≈ sqrt(2 Σ_{i≠j} H_ij² / 400), a few % of tr here
        assertEquals(tr, run.trace()[6], 0.15 * Math.abs(tr));
        assertTrue(run.table().columnNames().contains("ntk_sharpness"));
        assertTrue(run.table().columnNames().contains("trace"));
        assertTrue(Double.isNaN(run.trace()[1]));
    }

    @Test
    void learningRateConstantUsesMeasuredInitialSharpness() {
        TrainingRun run = Training.gd(NET, DATA).c(1.5).steps(3)
                .sharpness(Sharpness.power(PowerOptions.untilConverged(1e-10, 3000))).run(2);
        double[] ev = Dense.symmetricEigenvalues(DenseHessianTest.dense(Hessian.at(NET, NET.init(2), DATA,
                Loss.MSE)));
        assertEquals(ev[0], run.lambda0(), 1e-8 * ev[0]);
        assertEquals(1.5 / ev[0], run.eta(), 1e-8 / ev[0]);
    }

    @Test
    void divergenceStopsTheRunAndIsFlagged() {
        TrainingRun run = Training.gd(NET, DATA).c(40).steps(200).sharpnessEvery(5).run(3);
        assertTrue(run.diverged(), run.toString());
        assertTrue(run.divergedAt() > 0 && run.divergedAt() < 200);
        assertEquals(run.divergedAt() + 1, run.table().rowCount());
        for (int t = 0; t < run.divergedAt(); t++) {
            assertTrue(run.lossValues()[t] <= Training.DEFAULT_DIVERGENCE);
        }
        double last = run.lossValues()[run.divergedAt()];
        assertTrue(Double.isNaN(last) || last > Training.DEFAULT_DIVERGENCE);
    }

    @Test
    void sgdIsDeterministicGivenTheSeed() {
        Training sgd = Training.sgd(NET, DATA, 8).eta(0.05).momentum(0.9).steps(12).sharpnessEvery(4);
        TrainingRun a = sgd.run(7);
        TrainingRun b = sgd.run(7);
        TrainingRun c = sgd.run(8);
        assertArrayEquals(a.finalParams(), b.finalParams(), 0.0);
        assertArrayEquals(a.lossValues(), b.lossValues(), 0.0);
        assertArrayEquals(a.sharpness(), b.sharpness(), 0.0);
        assertFalse(java.util.Arrays.equals(a.finalParams(), c.finalParams()));
    }

    @Test
    void momentumIsHeavyBall() {
        double eta = 0.03;
        double mu = 0.8;
        double[] theta = NET.init(5);
        TrainingRun run = Training.gd(NET, DATA).eta(eta).momentum(mu).steps(2).from(theta).run(5);
        double[] g0 = Hessian.at(NET, theta, DATA, Loss.MSE).gradient();
        double[] t1 = theta.clone();
        Vectors.axpy(-eta, g0, t1);
        double[] g1 = Hessian.at(NET, t1, DATA, Loss.MSE).gradient();
        double[] t2 = t1.clone();
        Vectors.axpy(-eta * mu, g0, t2);
        Vectors.axpy(-eta, g1, t2);
        assertArrayEquals(t2, run.finalParams(), 1e-13);
    }

    @Test
    void crossEntropyTrainingImprovesAccuracy() {
        Dataset data = TestNets.classification(40, 4, 3, 6);
        FCN net = FCN.builder().input(4).width(32).depth(3).output(3).build();
        TrainingRun run = Training.gd(net, data).loss(Loss.CROSS_ENTROPY).eta(0.5).steps(150).run(1);
        assertFalse(run.diverged());
        assertTrue(run.accuracy()[150] > run.accuracy()[0] + 0.2, run.accuracy()[0] + " -> " + run.accuracy()[150]);
    }
}
