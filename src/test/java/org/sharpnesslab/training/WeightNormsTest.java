package org.sharpnesslab.training;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.TestNets;

/** 000 Eq. (45) against Commons Math's Pearson correlation on every prefix; the weight-norm table of a run. */
class WeightNormsTest {

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    @Test
    void runningPearsonEqualsCommonsMathOnEveryPrefix() {
        Random r = new Random(3);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = 1e3 + Math.sin(t / 20.0) + 0.3 * r.nextGaussian();   // large offset: tests the stable update
            y[t] = 0.5 * x[t] + r.nextGaussian();
        }
        double[] run = WeightNorms.runningPearson(x, y);
        assertTrue(Double.isNaN(run[0]));
        PearsonsCorrelation pc = new PearsonsCorrelation();
        for (int t = 1; t < n; t++) {
            double expected = pc.correlation(Arrays.copyOf(x, t + 1), Arrays.copyOf(y, t + 1));
            assertEquals(expected, run[t], 1e-10, "prefix 0.." + t);
        }
    }

    @Test
    void runningPearsonSkipsMissingPairs() {
        double[] x = {1, Double.NaN, 2, 3, 5, 4};
        double[] y = {2, 7, Double.NaN, 1, 4, 3};
        double[] run = WeightNorms.runningPearson(x, y);
        double expected = new PearsonsCorrelation().correlation(new double[] {1, 3, 5, 4}, new double[] {2, 1, 4, 3});
        assertEquals(expected, run[5], 1e-14);
        assertEquals(-1, run[3], 1e-14);   // two pairs (1,2), (3,1)
        assertTrue(Double.isNaN(run[2]));
    }

    @Test
    void tableOfARunHasEq45ForTheTotalAndEveryLayer() {
        FCN net = FCN.builder().input(4).width(16).depth(3).output(2).build();
        Dataset data = TestNets.regression(32, 4, 2, 5);
        TrainingRun run = Training.gd(net, data).c(1.0).steps(30).sharpnessEvery(2).progress(false).run(1);
        Table t = WeightNorms.table(run);
        assertEquals(16, t.rowCount());
        double[] norm = t.doubleColumn("weight_norm").asDoubleArray();
        double[] ratio = t.doubleColumn("sharpness_ratio").asDoubleArray();
        assertEquals(1.0, ratio[0], 0);
        assertEquals(run.weightNorm()[30], norm[15], 0);
        PearsonsCorrelation pc = new PearsonsCorrelation();
        assertEquals(pc.correlation(norm, ratio), t.doubleColumn("pearson").get(15), 1e-10);
        double[] l2 = t.doubleColumn("weight_norm_2").asDoubleArray();
        assertEquals(pc.correlation(l2, ratio), t.doubleColumn("pearson_2").get(15), 1e-10);
        Table s = WeightNorms.summary(run);
        assertEquals(t.doubleColumn("pearson").get(15), s.doubleColumn("final_pearson").get(0), 0);
        assertThrows(IllegalArgumentException.class,
                () -> WeightNorms.table(Training.gd(net, data).steps(3).progress(false).run(1)));
    }
}
