package org.sharpnesslab.data;

import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Random;

/**
 * The synthetic dice images of 004 §7.3: six classes ("one" … "six") of abstract symbols inspired by the pips of a
 * die, drawn black on white at 32×32 pixels with Java2D (anti-aliased), on a plot field whose horizontal and
 * vertical axes run from −1 to 1. Parameters are drawn uniformly from the ranges of 004 Table 3
 * ({@link #parameterTable()}); E_type uniformly from {0, 1, 2} = round, butt, square line ends.
 * <ul>
 *   <li>one: a filled pip of size P_size at (x, y);</li>
 *   <li>two: pips of size P_size at (x, y) and (−x, −y);</li>
 *   <li>three: a line from (x, y) to (−x, −y), width L_weight, end type E_type;</li>
 *   <li>four: the outline of the box with corners (±x, ±y), width L_weight, end type E_type;</li>
 *   <li>five: a box as for "four" (x, y ∈ [0.2, 1]) plus a pip of size P_size at (0, 0);</li>
 *   <li>six: the lines (x − x_s, y − y_s)–(−x − x_s, −y − y_s) and (x + x_s, y + y_s)–(−x + x_s, −y + y_s).</li>
 * </ul>
 * The paper drew with R's {@code points}/{@code lines}/{@code polygon} and says only that sizes "were adjusted to
 * accommodate the image size"; our pixel scale, stated once here: a pip of size P_size is a disk of diameter
 * {@code 1 + 8·P_size} pixels; a line of weight L_weight is {@code 1 + L_weight} pixels wide; E_type sets the cap
 * (and, for the box, a round join for "round", mitre joins otherwise). No noise is added (the paper adds none).
 *
 * <p>Inputs are the grey levels / 255 (white background = 1, black ink = 0), 1024 features row-major; one-hot
 * targets over 6 classes. The paper's set: 20,000 images per class, split evenly into 60,000 training and 60,000
 * test images (004 §7.3), trained on subsets of 468 … 7,500 (004 Table 1). Each image is determined by (seed,
 * class, index) alone, so a larger set extends a smaller one with the same seed.
 */
public final class Dice {

    /** Image side in pixels (004 §7.3). */
    public static final int SIZE = 32;
    /** Number of classes. */
    public static final int CLASSES = 6;
    /** Image shape (channels, height, width) of the dice images: 1 × 32 × 32 (grey). */
    public static final ImageShape SHAPE = ImageShape.DICE;
    /** Images per class in the paper (004 §7.3). */
    public static final int PAPER_PER_CLASS = 20_000;
    /** Training subset sizes of 004 Table 1. */
    public static final int[] PAPER_SUBSETS = {468, 937, 1875, 3750, 7500};
    /** Class names in label order. */
    public static final java.util.List<String> CLASS_NAMES = java.util.List.of("one", "two", "three", "four", "five",
            "six");

    private Dice() {
    }

    /**
     * The drawing parameters of one image (004 Table 3); fields not used by the class are NaN / −1.
     *
     * @param label   class 0..5 (0 = "one")
     * @param x       x_coord
     * @param y       y_coord
     * @param pSize   P_size (pips)
     * @param lWeight L_weight (lines)
     * @param eType   E_type: 0 round, 1 butt, 2 square (lines), −1 if unused
     * @param xShift  x_shift ("six")
     * @param yShift  y_shift ("six")
     */
    public record Params(int label, double x, double y, double pSize, double lWeight, int eType, double xShift,
                         double yShift) {
    }

    /** The parameters of image {@code index} of class {@code label} for {@code seed}, from 004 Table 3. */
    public static Params parameters(int label, long seed, int index) {
        checkLabel(label);
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Random r = new Random(Synthetic.targetSeed(seed * 31 + label) ^ Synthetic.targetSeed(index + 1L));
        double nan = Double.NaN;
        switch (label) {
            case 0:
            case 1:
                return new Params(label, u(r, -1, 1), u(r, -1, 1), u(r, 0.1, 1), nan, -1, nan, nan);
            case 2:
                return new Params(label, u(r, -1, 1), u(r, -1, 1), nan, u(r, 0.1, 2.5), r.nextInt(3), nan, nan);
            case 3:
                return new Params(label, u(r, -1, 1), u(r, -1, 1), nan, u(r, 0.1, 1), r.nextInt(3), nan, nan);
            case 4:
                return new Params(label, u(r, 0.2, 1), u(r, 0.2, 1), u(r, 0.1, 0.7), u(r, 0.1, 1), r.nextInt(3),
                        nan, nan);
            default:
                return new Params(label, u(r, -0.9, 0.9), u(r, -0.9, 0.9), nan, u(r, 0.1, 2.5), r.nextInt(3),
                        u(r, 0.1, 0.8), u(r, 0.1, 0.8));
        }
    }

    /** Image {@code index} of class {@code label} (0 = "one") for {@code seed}, 32×32 grey. */
    public static BufferedImage image(int label, long seed, int index) {
        return draw(parameters(label, seed, index));
    }

    /** Draws the image described by {@code p} (32×32, TYPE_BYTE_GRAY, black on white). */
    public static BufferedImage draw(Params p) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(Color.BLACK);
            switch (p.label()) {
                case 0 -> pip(g, p.x(), p.y(), p.pSize());
                case 1 -> {
                    pip(g, p.x(), p.y(), p.pSize());
                    pip(g, -p.x(), -p.y(), p.pSize());
                }
                case 2 -> {
                    g.setStroke(stroke(p));
                    line(g, p.x(), p.y(), -p.x(), -p.y());
                }
                case 3 -> box(g, p);
                case 4 -> {
                    box(g, p);
                    pip(g, 0, 0, p.pSize());
                }
                default -> {
                    g.setStroke(stroke(p));
                    line(g, p.x() - p.xShift(), p.y() - p.yShift(), -p.x() - p.xShift(), -p.y() - p.yShift());
                    line(g, p.x() + p.xShift(), p.y() + p.yShift(), -p.x() + p.xShift(), -p.y() + p.yShift());
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The dice dataset: {@code nPerClass} images of each class, classes interleaved (example i has label i mod 6
     * and is image i / 6 of its class). Inputs grey / 255 (1024 features), one-hot targets (k = 6).
     *
     * @param nPerClass images per class ≥ 1 (the paper: 20,000)
     * @param seed      random seed
     */
    static Dataset create(int nPerClass, long seed) {
        return build(nPerClass, seed, 0, "dice(" + nPerClass + "/class, seed=" + seed + ")");
    }


    /**
     * Train and test sets as in 004 §7.3: per class, images 0..nPerClass−1 train and nPerClass..2·nPerClass−1
     * test (the paper: nPerClass = 10,000, i.e. 60,000 + 60,000). Disjoint and fixed by the seed.
     */
    public static Split trainTest(int nPerClass, long seed) {
        return new Split(build(nPerClass, seed, 0, "dice train(" + nPerClass + "/class, seed=" + seed + ")"),
                build(nPerClass, seed, nPerClass, "dice test(" + nPerClass + "/class, seed=" + seed + ")"));
    }

    /**
     * A grid of samples for a notebook, as 004 Fig. 5: one column per class ("one" … "six"), {@code rows} images
     * each, every image scaled ×{@code scale} (nearest neighbour) with a 2-pixel grey gutter.
     */
    public static BufferedImage grid(int rows, int scale, long seed) {
        if (rows < 1 || rows > 100) {
            throw new IllegalArgumentException("rows must be in [1, 100], got " + rows);
        }
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("scale must be in [1, 16], got " + scale);
        }
        int gap = 2, cell = SIZE * scale;
        BufferedImage out = new BufferedImage(CLASSES * (cell + gap) + gap, rows * (cell + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(160, 160, 160));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int c = 0; c < CLASSES; c++) {
                for (int r = 0; r < rows; r++) {
                    g.drawImage(image(c, seed, r), gap + c * (cell + gap), gap + r * (cell + gap), cell, cell, null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@link #grid(int, int, long)} with 4 rows at ×4. */
    public static BufferedImage grid(long seed) {
        return grid(4, 4, seed);
    }

    /** The grey levels of {@code img} / 255, row-major (1024 values for a 32×32 image). */
    public static double[] pixels(BufferedImage img) {
        Raster r = img.getRaster();
        int w = img.getWidth(), h = img.getHeight();
        double[] out = new double[w * h];
        int[] px = new int[w * h];
        r.getSamples(0, 0, w, h, 0, px);
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i] / 255.0;
        }
        return out;
    }

    /**
     * 004 Table 3 as a table. Columns: {@code class} (string), {@code parameter} (string), {@code min},
     * {@code max} (double).
     */
    public static Table parameterTable() {
        StringColumn cls = StringColumn.create("class");
        StringColumn par = StringColumn.create("parameter");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        Object[][] rows = {
            {"one", "x_coord", -1, 1}, {"one", "y_coord", -1, 1}, {"one", "P_size", 0.1, 1},
            {"two", "x_coord", -1, 1}, {"two", "y_coord", -1, 1}, {"two", "P_size", 0.1, 1},
            {"three", "x_coord", -1, 1}, {"three", "y_coord", -1, 1}, {"three", "L_weight", 0.1, 2.5},
            {"three", "E_type", 0, 2},
            {"four", "x_coord", -1, 1}, {"four", "y_coord", -1, 1}, {"four", "L_weight", 0.1, 1},
            {"four", "E_type", 0, 2},
            {"five", "x_coord", 0.2, 1}, {"five", "y_coord", 0.2, 1}, {"five", "P_size", 0.1, 0.7},
            {"five", "L_weight", 0.1, 1}, {"five", "E_type", 0, 2},
            {"six", "x_coord", -0.9, 0.9}, {"six", "y_coord", -0.9, 0.9}, {"six", "x_shift", 0.1, 0.8},
            {"six", "y_shift", 0.1, 0.8}, {"six", "L_weight", 0.1, 2.5}, {"six", "E_type", 0, 2},
        };
        for (Object[] row : rows) {
            cls.append((String) row[0]);
            par.append((String) row[1]);
            min.append(((Number) row[2]).doubleValue());
            max.append(((Number) row[3]).doubleValue());
        }
        return Table.create("004 Table 3: dice image parameters", cls, par, min, max);
    }

    /** Plot coordinate x ∈ [−1, 1] to pixel coordinate in [0, 32]. */
    static double px(double x) {
        return (x + 1) * SIZE / 2.0;
    }

    /** Plot coordinate y ∈ [−1, 1] (up) to pixel coordinate in [0, 32] (down). */
    static double py(double y) {
        return (1 - y) * SIZE / 2.0;
    }

    /** Diameter in pixels of a pip of size P_size. */
    static double pipDiameter(double pSize) {
        return 1 + 8 * pSize;
    }

    /** Width in pixels of a line of weight L_weight. */
    static double lineWidth(double lWeight) {
        return 1 + lWeight;
    }

    private static Dataset build(int nPerClass, long seed, int firstIndex, String name) {
        if (nPerClass < 1) {
            throw new IllegalArgumentException("nPerClass must be >= 1, got " + nPerClass);
        }
        Check.memory(Check.product(nPerClass, CLASSES, SIZE * SIZE), true, "dice images (nPerClass=" + nPerClass
                + ")");
        int n = Math.multiplyExact(nPerClass, CLASSES);
        int d = SIZE * SIZE;
        double[] x = new double[Math.multiplyExact(n, d)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            org.sharpnesslab.task.Cancellation.checkpoint();
            int c = i % CLASSES;
            labels[i] = c;
            System.arraycopy(pixels(image(c, seed, firstIndex + i / CLASSES)), 0, x, i * d, d);
        }
        return Transforms.labelled(name, x, d, labels, CLASSES);
    }

    private static void pip(Graphics2D g, double x, double y, double pSize) {
        double dia = pipDiameter(pSize);
        g.fill(new Ellipse2D.Double(px(x) - dia / 2, py(y) - dia / 2, dia, dia));
    }

    private static void line(Graphics2D g, double x0, double y0, double x1, double y1) {
        g.draw(new Line2D.Double(px(x0), py(y0), px(x1), py(y1)));
    }

    private static void box(Graphics2D g, Params p) {
        g.setStroke(stroke(p));
        Path2D.Double path = new Path2D.Double();
        path.moveTo(px(p.x()), py(p.y()));
        path.lineTo(px(-p.x()), py(p.y()));
        path.lineTo(px(-p.x()), py(-p.y()));
        path.lineTo(px(p.x()), py(-p.y()));
        path.closePath();
        g.draw(path);
    }

    private static BasicStroke stroke(Params p) {
        int cap = switch (p.eType()) {
            case 0 -> BasicStroke.CAP_ROUND;
            case 1 -> BasicStroke.CAP_BUTT;
            default -> BasicStroke.CAP_SQUARE;
        };
        int join = p.eType() == 0 ? BasicStroke.JOIN_ROUND : BasicStroke.JOIN_MITER;
        return new BasicStroke((float) lineWidth(p.lWeight()), cap, join);
    }

    private static double u(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static void checkLabel(int label) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("label must be in [0, " + (CLASSES - 1) + "], got " + label);
        }
    }
}
