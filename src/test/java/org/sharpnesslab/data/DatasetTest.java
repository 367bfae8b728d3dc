package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void nonFiniteInputsAreRejectedWithTheFirstIndex() {
        double[] x = {0, 1, 2, 3, Double.NaN, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", 3, 2, 1, x, new double[] {0, 1, 0}, null));
        assertEquals("inputs must be finite: inputs[4] (example 2, component 0) is NaN", e.getMessage());
    }

    @Test
    void nonFiniteTargetsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", 2, 1, 1, new double[] {0, 1}, new double[] {1, Double.POSITIVE_INFINITY},
                        null));
        assertEquals("targets must be finite: targets[1] (example 1, component 0) is Infinity", e.getMessage());
    }
}
