package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.data.Images;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.task.Progress;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;

/** CNNs and ResNets train with {@link Training} (GD and SGD), the sharpness measured exactly at every step. */
class ConvTrainingTest {

    /** Dice images pooled 4×4 down to 1×8×8 (cheap), standardised per channel. */
    static Dataset smallDice(int perClass) {
        Dataset d = Images.dice(perClass, 1);
        ImageShape s = ImageShape.of(1, 8, 8);
        double[] x = TestNets.forward(AvgPool2d.of(org.sharpnesslab.data.Dice.SHAPE, 4), null, 0, d.inputs(),
                d.size());
        return new Dataset("dice 8×8", d.size(), s.size(), d.outputDim(), x, d.targets(), d.labels());
    }

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    @Test
    void myrtleTrainsByGdWithTheSharpnessOfTheDenseHessianEveryStep() {
        Dataset data = smallDice(4);
        Myrtle net = Myrtle.of(ImageShape.of(1, 8, 8), 5, 3, 6);
        TrainingRun run = Training.gd(net, data).c(1.0).steps(8).sharpnessEvery(1)
                .sharpness(Sharpness.power(PowerOptions.untilConverged(1e-12, 5000))).run(2);
        assertFalse(run.diverged());
        double[] sharp = run.sharpness();
        for (double s : sharp) {
            assertTrue(Double.isFinite(s) && s > 0, "sharpness measured at every step");
        }
        assertTrue(run.lossValues()[8] < run.lossValues()[0], "GD at c = 1 decreases the loss");
        // the last measurement is λ_max of the dense Hessian at the final θ
        Hessian h = Hessian.at(net, run.finalParams(), data, Loss.MSE);
        double[] ev = Dense.symmetricEigenvalues(DenseHessianTest.dense(h));
        double top = Math.abs(ev[0]) >= Math.abs(ev[ev.length - 1]) ? ev[0] : ev[ev.length - 1];
        assertEquals(top, sharp[8], 1e-7 * Math.abs(top));
        assertEquals(9, run.table().rowCount());
        assertEquals(5, run.layerNorms().length, "one weight norm per weight layer");
    }

    @Test
    void resNetTrainsBySgdAndCentredWithTheSharpnessTracked() {
        Dataset data = smallDice(6);
        ResNet net = ResNet.of(ImageShape.of(1, 8, 8), List.of(1, 1), 2, 6).withZeroResidual(false);
        TrainingRun run = Training.sgd(net, data, 12).c(0.5).steps(6).sharpnessEvery(1).centred(true).run(3);
        assertFalse(run.diverged());
        for (double s : run.sharpness()) {
            assertTrue(Double.isFinite(s), "sharpness measured at every step");
        }
        assertEquals(0.5, run.eta() * run.lambda0(), 1e-12);
        double[] y = data.targets();
        assertEquals(0.5 * Vectors.dot(y, y) / data.size(), run.lossValues()[0], 1e-12, "centred: f(θ₀) = 0");
    }
}
