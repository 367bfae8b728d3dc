package org.sharpnesslab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Synthetic;
import org.sharpnesslab.nn.FCN;

class TeachersGenerativeTest {

    @Test
    void targetsAreTheTrainedNetworksOutputsOnGaussianInputs() {
        Dataset data = Datasets.gaussian(20, 5, 2, 3);
        FCN net = FCN.of(5, 8, 2, 2);
        TrainingRun run = Training.gd(net, data).eta(0.05).steps(5).progress(false).run(1);
        Dataset g = Teachers.generative(run, 30, 9);
        assertEquals(30, g.size());
        assertEquals(5, g.inputDim());
        assertEquals(2, g.outputDim());
        assertArrayEquals(net.forward(run.finalParams(), g.inputs()), g.targets(), 0);
        assertArrayEquals(Synthetic.gaussianInputs(30, 5, 9), g.inputs(), 0);
        assertThrows(IllegalArgumentException.class, () -> Teachers.generative(null, 3, 0));
    }
}
