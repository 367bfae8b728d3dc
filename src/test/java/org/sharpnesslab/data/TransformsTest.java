package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TransformsTest {

    /** 4 examples × 3 features; feature 2 is constant. */
    private static Dataset small() {
        double[] x = {
            1, 10, 5,
            2, 20, 5,
            3, 30, 5,
            6, 60, 5};
        return Transforms.labelled("small", x, 3, new int[] {0, 1, 1, 2}, 3);
    }

    @Test
    void perFeatureStandardizationHasZeroMeanUnitStdPerColumn() {
        Dataset s = Transforms.standardize(Datasets.powerLaw(200, 7, 1, 3.0, 0.5, 1, 0, 1));
        for (int j = 0; j < 7; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < 200; i++) {
                m += s.inputs()[i * 7 + j];
            }
            m /= 200;
            for (int i = 0; i < 200; i++) {
                double c = s.inputs()[i * 7 + j] - m;
                v += c * c;
            }
            assertEquals(0.0, m, 1e-12, "mean of feature " + j);
            assertEquals(1.0, Math.sqrt(v / 200), 1e-12, "population std of feature " + j);
        }
    }

    @Test
    void handComputedValuesAndConstantFeatureIsOnlyCentred() {
        Standardization st = Standardization.perFeature(small());
        // feature 0: mean 3, population variance ((4+1+0+9)/4) = 3.5
        assertEquals(3.0, st.mean()[0], 1e-15);
        assertEquals(Math.sqrt(3.5), st.std()[0], 1e-15);
        assertEquals(30.0, st.mean()[1], 1e-15);
        assertEquals(10 * Math.sqrt(3.5), st.std()[1], 1e-12);
        assertEquals(5.0, st.mean()[2], 0.0);
        assertEquals(1.0, st.std()[2], 0.0, "zero std is replaced by 1");
        Dataset s = st.apply(small());
        assertEquals((1 - 3) / Math.sqrt(3.5), s.inputs()[0], 1e-15);
        assertEquals(0.0, s.inputs()[2], 0.0);
        for (double v : s.inputs()) {
            assertTrue(Double.isFinite(v));
        }
        // targets and labels untouched
        assertArrayEquals(small().targets(), s.targets(), 0.0);
        assertArrayEquals(small().labels(), s.labels());
    }

    @Test
    void testSetUsesTrainingStatistics() {
        Dataset train = small();
        Dataset test = Transforms.labelled("t", new double[] {3, 30, 7, 10, 0, 5}, 3, new int[] {0, 2}, 3);
        Split s = Transforms.standardize(train, test);
        double sd0 = Math.sqrt(3.5);
        // (x - mu_train) / sd_train, not the test set's own statistics
        assertArrayEquals(new double[] {0, 0, 2, 7 / sd0, -30 / (10 * sd0), 0}, s.test().inputs(), 1e-12);
        assertArrayEquals(Transforms.standardize(train).inputs(), s.train().inputs(), 0.0);
    }

    @Test
    void perChannelPoolsEachPlane() {
        // 2 examples, 2 channels of 2 pixels: channel 0 values {0,2,4,6}, channel 1 values {1,1,1,1}
        double[] x = {0, 2, 1, 1, 4, 6, 1, 1};
        Dataset data = new Dataset("c", 2, 4, 1, x, new double[2], null);
        Standardization st = Standardization.perChannel(data, 2);
        assertArrayEquals(new double[] {3, 3, 1, 1}, st.mean(), 0.0);
        assertEquals(Math.sqrt(5), st.std()[0], 1e-15); // (9+1+1+9)/4 = 5
        assertEquals(1.0, st.std()[2], 0.0);
        assertArrayEquals(new double[] {-3 / Math.sqrt(5), -1 / Math.sqrt(5), 0, 0, 1 / Math.sqrt(5),
            3 / Math.sqrt(5), 0, 0}, st.apply(data).inputs(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Standardization.perChannel(data, 3));
        Standardization g = Standardization.global(data);
        assertEquals(2.0, g.mean()[0], 1e-15); // (0+2+1+1+4+6+1+1)/8
    }

    @Test
    void applyingToAnotherDimensionIsRejected() {
        Standardization st = Standardization.perFeature(small());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> st.apply(Datasets.gaussian(3, 4, 1, 0)));
        assertTrue(e.getMessage().contains("inputDim 4"), e.getMessage());
    }

    @Test
    void perExampleStandardization() {
        Dataset s = Transforms.standardizePerExample(small());
        // example 0: (1, 10, 5), mean 16/3, population variance ((13/3)^2 + (14/3)^2 + (1/3)^2)/3 = 366/27
        double sd = Math.sqrt(366.0 / 27);
        assertArrayEquals(new double[] {(1 - 16.0 / 3) / sd, (10 - 16.0 / 3) / sd, (5 - 16.0 / 3) / sd},
                s.input(0), 1e-12);
        Dataset flat = new Dataset("flat", 1, 3, 1, new double[] {2, 2, 2}, new double[1], null);
        assertArrayEquals(new double[] {0, 0, 0}, Transforms.standardizePerExample(flat).inputs(), 0.0);
    }

    @Test
    void compareTable() {
        var t = Datasets.summary(small(), Datasets.gaussian(5, 3, 2, 0));
        assertEquals(2, t.rowCount());
        assertEquals(3, t.intColumn("classes").get(0));
        assertEquals(0, t.intColumn("classes").get(1));
        assertEquals(152.0 / 12, t.doubleColumn("input_mean").get(0), 1e-12);
        assertEquals(2, t.intColumn("k").get(1));
    }

    @Test
    void oneHotRows() {
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, Transforms.oneHot(new int[] {1, 0, 2}, 3), 0.0);
        assertArrayEquals(new double[] {-0.5, 1, -0.5}, Transforms.oneHot(new int[] {1}, 3, 1, -0.5), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.oneHot(new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("labels[1] = 3"), e.getMessage());
    }

    @Test
    void scaling() {
        Dataset s = Transforms.scaleTargets(small(), 0.5);
        assertEquals(0.5, s.targets()[0], 0.0);
        assertEquals(1.0, small().targets()[0], 0.0, "the argument is not modified");
        assertEquals(2.5, Transforms.scaleInputs(small(), 0.5).inputs()[2], 0.0);
    }

    @Test
    void summaryTable() {
        var t = Datasets.summary(small());
        assertEquals(9 + 3, t.rowCount());
        assertEquals("n", t.stringColumn("quantity").get(0));
        assertEquals(4.0, t.doubleColumn("value").get(0), 0.0);
        // inputs: 1,10,5,2,20,5,3,30,5,6,60,5 -> mean 152/12
        assertEquals(152.0 / 12, t.doubleColumn("value").get(3), 1e-12);
        assertEquals("count_class_1", t.stringColumn("quantity").get(10));
        assertEquals(2.0, t.doubleColumn("value").get(10), 0.0);
        var counts = DatasetSummary.classCounts(small());
        assertEquals(0.5, counts.doubleColumn("fraction").get(1), 0.0);
    }
}
