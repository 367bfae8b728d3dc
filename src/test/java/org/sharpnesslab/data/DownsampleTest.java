package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void blockMeansOfAFourByFourImage() {
        double[] img = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 15, 16};
        Dataset d = new Dataset("img", 1, 16, 1, img, new double[] {1}, null);
        Dataset s = Downsample.blocks(d, 2);
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, s.inputs(), 1e-15);
        assertArrayEquals(new double[] {1}, s.targets(), 0);
        assertThrows(IllegalArgumentException.class, () -> Downsample.blocks(d, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Downsample.blocks(new Dataset("x", 1, 3, 1, new double[3], new double[1], null), 1));
    }
}
