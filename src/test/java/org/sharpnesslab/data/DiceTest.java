package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.*;

class DiceTest {

    /** Ink-weighted centroid (column, row) in pixel coordinates (pixel i covers [i, i+1)), and total ink. */
    private static double[] centroid(BufferedImage img) {
        double[] px = Dice.pixels(img);
        double sx = 0, sy = 0, s = 0;
        for (int r = 0; r < Dice.SIZE; r++) {
            for (int c = 0; c < Dice.SIZE; c++) {
                double ink = 1 - px[r * Dice.SIZE + c];
                sx += ink * (c + 0.5);
                sy += ink * (r + 0.5);
                s += ink;
            }
        }
        return new double[] {sx / s, sy / s, s};
    }

    @Test
    void classCountsShapeAndRange() {
        Dataset d = Datasets.dice(25, 1);
        assertEquals(150, d.size());
        assertEquals(1024, d.inputDim());
        assertEquals(6, d.outputDim());
        assertArrayEquals(new int[] {25, 25, 25, 25, 25, 25}, Splits.classCounts(d));
        for (int i = 0; i < 12; i++) {
            assertEquals(i % 6, d.labels()[i]);
        }
        for (double v : d.inputs()) {
            assertTrue(v >= 0 && v <= 1, "grey level " + v);
        }
        // every image has ink, and most of it is white background
        for (int i = 0; i < d.size(); i++) {
            double ink = 0;
            for (int j = 0; j < 1024; j++) {
                ink += 1 - d.inputs()[i * 1024 + j];
            }
            assertTrue(ink > 0.5 && ink < 700, "image " + i + " has ink " + ink);
        }
    }

    @Test
    void deterministicAndSeedDependent() {
        assertArrayEquals(Datasets.dice(3, 7).inputs(), Datasets.dice(3, 7).inputs(), 0.0);
        assertFalse(java.util.Arrays.equals(Datasets.dice(3, 7).inputs(), Datasets.dice(3, 8).inputs()));
        // a larger set with the same seed extends a smaller one (image i/6 of class i%6 depends on seed only)
        Dataset small = Datasets.dice(2, 4);
        Dataset big = Datasets.dice(5, 4);
        assertArrayEquals(small.inputs(), java.util.Arrays.copyOf(big.inputs(), small.inputs().length), 0.0);
    }

    @Test
    void trainAndTestAreDisjointImages() {
        Split s = Dice.trainTest(4, 2);
        assertEquals(24, s.train().size());
        assertEquals(24, s.test().size());
        for (int i = 0; i < 24; i++) {
            assertFalse(java.util.Arrays.equals(s.train().input(i), s.test().input(i)), "example " + i);
        }
        // the test set continues the per-class index: test image 0 of class 0 is image 4 of class 0
        assertArrayEquals(Dice.pixels(Dice.image(0, 2, 4)), s.test().input(0), 0.0);
    }

    @Test
    void parametersStayInTheRangesOfTable3() {
        var table = Dice.parameterTable();
        assertEquals(25, table.rowCount());
        String[] names = Dice.CLASS_NAMES.toArray(new String[0]);
        boolean[][] eSeen = new boolean[6][3];
        for (int label = 0; label < 6; label++) {
            for (int i = 0; i < 300; i++) {
                Dice.Params p = Dice.parameters(label, 5, i);
                for (int row = 0; row < table.rowCount(); row++) {
                    if (!table.stringColumn("class").get(row).equals(names[label])) {
                        continue;
                    }
                    double lo = table.doubleColumn("min").get(row), hi = table.doubleColumn("max").get(row);
                    String par = table.stringColumn("parameter").get(row);
                    double v = switch (par) {
                        case "x_coord" -> p.x();
                        case "y_coord" -> p.y();
                        case "P_size" -> p.pSize();
                        case "L_weight" -> p.lWeight();
                        case "E_type" -> p.eType();
                        case "x_shift" -> p.xShift();
                        default -> p.yShift();
                    };
                    assertTrue(v >= lo && v <= hi, names[label] + " " + par + " = " + v);
                }
                if (p.eType() >= 0) {
                    eSeen[label][p.eType()] = true;
                }
            }
        }
        for (int label = 2; label < 6; label++) {
            assertArrayEquals(new boolean[] {true, true, true}, eSeen[label], "E_type values of " + names[label]);
        }
    }

    @Test
    void onePipSitsAtItsCoordinates() {
        int checked = 0;
        for (int i = 0; i < 200 && checked < 20; i++) {
            Dice.Params p = Dice.parameters(0, 11, i);
            double r = Dice.pipDiameter(p.pSize()) / 2;
            double cx = Dice.px(p.x()), cy = Dice.py(p.y());
            if (cx - r < 1 || cx + r > 31 || cy - r < 1 || cy + r > 31) {
                continue; // clipped at the border: centroid is biased
            }
            double[] c = centroid(Dice.draw(p));
            assertEquals(cx, c[0], 0.15, "x of pip " + i);
            assertEquals(cy, c[1], 0.15, "y of pip " + i);
            // ink of an anti-aliased disk ≈ its area, within 15%
            assertEquals(Math.PI * r * r, c[2], 0.15 * Math.PI * r * r + 0.3, "area of pip " + i);
            checked++;
        }
        assertEquals(20, checked);
    }

    @Test
    void symmetricClassesAreCentred() {
        // two, three, four, five and six are symmetric under (x, y) -> (-x, -y): centroid at the image centre (16, 16)
        // when nothing is clipped by the border
        for (int label = 1; label < 6; label++) {
            int checked = 0;
            for (int i = 0; i < 400 && checked < 10; i++) {
                Dice.Params p = Dice.parameters(label, 13, i);
                double reach = Math.max(Math.abs(p.x()) + (Double.isNaN(p.xShift()) ? 0 : p.xShift()),
                        Math.abs(p.y()) + (Double.isNaN(p.yShift()) ? 0 : p.yShift()));
                if (reach > 0.75) {
                    continue;
                }
                double[] c = centroid(Dice.draw(p));
                assertEquals(16.0, c[0], 0.2, Dice.CLASS_NAMES.get(label) + " " + i + " x");
                assertEquals(16.0, c[1], 0.2, Dice.CLASS_NAMES.get(label) + " " + i + " y");
                checked++;
            }
            assertEquals(10, checked, Dice.CLASS_NAMES.get(label));
        }
    }

    @Test
    void shapesOfTheClasses() {
        // five: the centre pixel area is ink (the centre pip), a four's box interior centre is white
        Dice.Params five = new Dice.Params(4, 0.6, 0.6, 0.5, 0.5, 1, Double.NaN, Double.NaN);
        double[] px = Dice.pixels(Dice.draw(five));
        assertTrue(px[15 * 32 + 15] < 0.2 && px[16 * 32 + 16] < 0.2, "centre pip");
        Dice.Params four = new Dice.Params(3, 0.6, 0.6, Double.NaN, 0.5, 1, Double.NaN, Double.NaN);
        px = Dice.pixels(Dice.draw(four));
        assertEquals(1.0, px[15 * 32 + 15], 0.0, "inside of the box");
        // box edge at x = 0.6 -> pixel column 25.6, width 1.5 px: column 25 on row 16 is ink
        assertTrue(px[16 * 32 + 25] < 0.5);
        // three: the line passes through the centre
        Dice.Params three = new Dice.Params(2, 0.7, 0.3, Double.NaN, 1.0, 0, Double.NaN, Double.NaN);
        px = Dice.pixels(Dice.draw(three));
        assertTrue(px[15 * 32 + 15] + px[16 * 32 + 16] < 1.0);
        // six: two parallel lines offset by ±(0.4, 0.4): the centre is white, the shifted centres are ink
        Dice.Params six = new Dice.Params(5, 0.5, -0.5, Double.NaN, 1.0, 0, 0.4, 0.4);
        px = Dice.pixels(Dice.draw(six));
        assertEquals(1.0, px[16 * 32 + 16], 1e-9, "between the lines");
        int col = (int) Dice.px(0.4), row = (int) Dice.py(0.4);
        assertTrue(px[row * 32 + col] < 0.5, "line through (0.4, 0.4)");
    }

    @Test
    void gridHasOneColumnPerClass() {
        BufferedImage g = Datasets.diceGrid(3, 0);
        assertEquals(6 * (128 + 2) + 2, g.getWidth());
        assertEquals(3 * (128 + 2) + 2, g.getHeight());
        // top-left cell's pixel equals image 0 of class 0 scaled x4
        double v = Dice.pixels(Dice.image(0, 0, 0))[0];
        assertEquals(Math.round(v * 255), g.getRGB(2, 2) & 0xff);
        assertThrows(IllegalArgumentException.class, () -> Dice.grid(0, 4, 0));
    }
}
