package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SplitsTest {

    /** 100 examples, input = its index; label i % 3 for i < 90 and 3 for the last 10. */
    private static Dataset indexed() {
        int n = 100;
        double[] x = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            labels[i] = i < 90 ? i % 3 : 3;
        }
        return Transforms.labelled("idx", x, 1, labels, 4);
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> s = new HashSet<>();
        for (double v : d.inputs()) {
            s.add((int) v);
        }
        return s;
    }

    @Test
    void firstN() {
        Dataset f = Splits.firstN(indexed(), 7);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, f.inputs(), 0.0);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, f.labels());
        assertEquals(1.0, f.targets()[1 * 4 + 1], 0.0);
        assertThrows(IllegalArgumentException.class, () -> Splits.firstN(indexed(), 101));
    }

    @Test
    void randomNIsSeededWithoutReplacementAndKeepsRowsTogether() {
        Dataset a = Splits.randomN(indexed(), 30, 5);
        Dataset b = Splits.randomN(indexed(), 30, 5);
        Dataset c = Splits.randomN(indexed(), 30, 6);
        assertArrayEquals(a.inputs(), b.inputs(), 0.0);
        assertFalse(java.util.Arrays.equals(a.inputs(), c.inputs()));
        assertEquals(30, ids(a).size(), "no example twice");
        for (int i = 0; i < a.size(); i++) {
            int id = (int) a.inputs()[i];
            assertEquals(indexed().labels()[id], a.labels()[i]);
            assertEquals(1.0, a.targets()[i * 4 + a.labels()[i]], 0.0);
        }
    }

    @Test
    void balancedTakesTheSameNumberOfEveryClass() {
        Dataset b = Splits.balanced(indexed(), 10, 1);
        assertEquals(40, b.size());
        assertArrayEquals(new int[] {10, 10, 10, 10}, Splits.classCounts(b));
        assertEquals(40, ids(b).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.balanced(indexed(), 11, 1));
        assertTrue(e.getMessage().contains("class 3 has only 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.balanced(Datasets.gaussian(5, 1, 1, 0), 1, 0));
    }

    @Test
    void trainTestIsADisjointCover() {
        Split s = Splits.trainTest(indexed(), 0.25, 3);
        assertEquals(25, s.test().size());
        assertEquals(75, s.train().size());
        Set<Integer> all = ids(s.train());
        Set<Integer> test = ids(s.test());
        assertEquals(75, all.size());
        for (int t : test) {
            assertTrue(all.add(t), "example " + t + " in both");
        }
        assertEquals(100, all.size());
        Split at = Splits.trainTestAt(indexed(), 90);
        assertEquals(90.0, at.test().inputs()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(indexed(), 1.0, 0));
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        // ids 0..89 have label i % 3 (30 of each of 0, 1, 2), ids 90..99 label 3
        int[] counts = Splits.classCounts(indexed());
        assertArrayEquals(new int[] {30, 30, 30, 10}, counts);
        Split s = Splits.trainTestStratified(indexed(), 0.2, 4);
        assertArrayEquals(new int[] {6, 6, 6, 2}, Splits.classCounts(s.test()));
        assertArrayEquals(new int[] {24, 24, 24, 8}, Splits.classCounts(s.train()));
        Set<Integer> all = ids(s.train());
        for (int t : ids(s.test())) {
            assertTrue(all.add(t));
        }
        assertEquals(100, all.size());
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTestStratified(indexed(), 0.01, 0));
    }

    @Test
    void splitStandardizeUsesTrainStatistics() {
        Split s = Splits.trainTestAt(indexed(), 50).standardize();
        // train ids 0..49: mean 24.5, population std sqrt((50^2-1)/12)
        double sd = Math.sqrt((50.0 * 50 - 1) / 12);
        assertEquals((50 - 24.5) / sd, s.test().inputs()[0], 1e-12);
    }

    @Test
    void concatAndPermutation() {
        Dataset c = Splits.concat(Splits.firstN(indexed(), 3), Splits.firstN(indexed(), 2));
        assertArrayEquals(new double[] {0, 1, 2, 0, 1}, c.inputs(), 0.0);
        int[] p = Splits.permutation(1000, 42);
        boolean[] seen = new boolean[1000];
        for (int i : p) {
            assertFalse(seen[i]);
            seen[i] = true;
        }
        assertArrayEquals(p, Splits.permutation(1000, 42));
    }
}
