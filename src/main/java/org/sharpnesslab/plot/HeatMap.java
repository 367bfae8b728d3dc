package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.Contour;
import org.sharpnesslab.dynamics.Contours;
import tech.tablesaw.api.Table;

/**
 * A heatmap of a field sampled on a grid x₀ &lt; x₁ &lt; … × y₀ &lt; y₁ &lt; … (000 Fig. 4: η λ̄^H/2 over σ_w² × c),
 * as an XChart {@link Figure} with a colour bar on the right, so that lines and markers can be drawn over it.
 *
 * <p>Geometry: cell (i, j) — column i of the x grid, row j of the y grid — is the unit square centred on
 * (i, j) in <em>index coordinates</em>, so non-uniform grids (c = 0.5, 1, 2, 4, 8, …) get cells of equal size;
 * the tick labels at the integer positions show the grid values. Overlays given in value coordinates are mapped
 * to index coordinates by {@link #xCoordinate}/{@link #yCoordinate}: piecewise-linear interpolation between grid
 * values, in log space when the grid is geometric (all positive with a constant ratio), extended half a cell
 * beyond the end values; outside that a point is not drawn (NaN).
 *
 * <p>Cells whose value is not finite (a diverged run, a failed cell) are drawn light grey with a legend entry
 * "missing / diverged". Colours: {@link #BLUES} (dark blue → white, the paper's map for η λ̄/2) or
 * {@link #VIRIDIS}; the colour range is the finite data's [min, max] unless set by {@link #range}.
 *
 * <pre>{@code
 * HeatMap h = HeatMap.of(sweep, "sigma_w2", "c", "eta_lambda_half").title("ηλ̄/2");
 * h.contour(1.0, "ηλ̄/2 = 1");                  // the EoS boundary (marching squares between cell centres)
 * h.curve("Result 1", sigmas, cStar);          // a prediction in value coordinates
 * }</pre>
 */
public class HeatMap extends Figure {

    /** Dark blue to white (the paper's colour map of η λ̄/2: white = EoS). */
    public static final Color[] BLUES = {new Color(8, 29, 88), new Color(37, 52, 148), new Color(34, 94, 168),
        new Color(29, 145, 192), new Color(65, 182, 196), new Color(127, 205, 187), new Color(199, 233, 180),
        new Color(255, 255, 255)};
    /** Viridis (dark purple → yellow), perceptually uniform, e.g. for test accuracy. */
    public static final Color[] VIRIDIS = {new Color(68, 1, 84), new Color(70, 50, 126), new Color(54, 92, 141),
        new Color(39, 127, 142), new Color(31, 161, 135), new Color(74, 193, 109), new Color(160, 218, 57),
        new Color(253, 231, 37)};
    /** Colour of cells without a finite value. */
    public static final Color MISSING = new Color(215, 215, 215);
    /** Colour of the thin cell borders. */
    public static final Color CELL_BORDER = new Color(190, 190, 190);
    /** Width in pixels reserved for the colour bar. */
    public static final int BAR_WIDTH = 90;
    /** Number of colour levels the cells are drawn with. */
    public static final int LEVELS = 128;

    private final double[] xs;
    private final double[] ys;
    private final double[][] values;
    private final boolean xLog;
    private final boolean yLog;
    private Color[] colors;
    private double vmin;
    private double vmax;
    private String valueName;
    private boolean cellsDrawn;
    private int overlayCount;

    /**
     * A heatmap of {@code values[j][i]} = field at (xs[i], ys[j]).
     *
     * @param xs     the x grid, strictly increasing, finite (not modified)
     * @param ys     the y grid, strictly increasing, finite (not modified)
     * @param values ys.length rows of xs.length values; NaN marks a missing cell (not modified)
     */
    public HeatMap(double[] xs, double[] ys, double[][] values) {
        super(Plots.WIDTH + BAR_WIDTH, Plots.HEIGHT + 60);
        HeatMapAxes.checkGrid("xs", xs);
        HeatMapAxes.checkGrid("ys", ys);
        if (values == null || values.length != ys.length) {
            throw new IllegalArgumentException("values must have ys.length = " + ys.length + " rows, had "
                    + (values == null ? "null" : values.length));
        }
        for (int j = 0; j < values.length; j++) {
            if (values[j] == null || values[j].length != xs.length) {
                throw new IllegalArgumentException("values[" + j + "] must have xs.length = " + xs.length
                        + " entries");
            }
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.values = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            this.values[j] = values[j].clone();
        }
        this.xLog = HeatMapAxes.geometric(xs);
        this.yLog = HeatMapAxes.geometric(ys);
        this.colors = BLUES;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        vmin = lo <= hi ? lo : 0;
        vmax = lo <= hi ? (hi > lo ? hi : lo + 1) : 1;
        valueName = "value";
        Styler st = getStyler();
        getStyler().setPlotGridLinesVisible(false);
        getStyler().setPlotContentSize(1.0);
        getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        getStyler().setXAxisMin(-0.5);
        getStyler().setXAxisMax(xs.length - 0.5);
        getStyler().setYAxisMin(-0.5);
        getStyler().setYAxisMax(ys.length - 0.5);
        st.setLegendVisible(true);
        setCustomXAxisTickLabelsFormatter(v -> HeatMapAxes.label(this.xs, v));
        setCustomYAxisTickLabelsFormatter(v -> HeatMapAxes.label(this.ys, v));
    }

    /** A heatmap of an x × y grid (see the constructor). */
    public static HeatMap of(double[] xs, double[] ys, double[][] values) {
        return new HeatMap(xs, ys, values);
    }

    /**
     * The heatmap of a table column over two grid columns: the grid is the sorted distinct values of {@code x} and
     * {@code y}; a cell's value is the mean of {@code value} over the rows with that (x, y) (e.g. over seeds),
     * ignoring missing values (NaN if none). Axis titles are the column names.
     */
    public static HeatMap of(Table table, String x, String y, String value) {
        Grid g = grid(table, x, y, value);
        HeatMap h = new HeatMap(g.xs(), g.ys(), g.values());
        h.axes(x, y);
        h.valueName = value;
        return h;
    }

    /**
     * The mean of {@code value} per distinct (x, y) of a table (see {@link #of(Table, String, String, String)}).
     *
     * @param xs     sorted distinct x values
     * @param ys     sorted distinct y values
     * @param values values[j][i] at (xs[i], ys[j]), NaN where no finite value was found
     */
    public record Grid(double[] xs, double[] ys, double[][] values) {
    }

    /** The grid of cell means behind {@link #of(Table, String, String, String)}. */
    public static Grid grid(Table table, String x, String y, String value) {
        double[] cx = Plots.column(table, x);
        double[] cy = Plots.column(table, y);
        double[] cv = Plots.column(table, value);
        TreeSet<Double> sx = new TreeSet<>();
        TreeSet<Double> sy = new TreeSet<>();
        for (int r = 0; r < cx.length; r++) {
            if (!Double.isFinite(cx[r]) || !Double.isFinite(cy[r])) {
                throw new IllegalArgumentException("columns " + x + " and " + y + " must be finite; row " + r
                        + " has " + cx[r] + ", " + cy[r]);
            }
            sx.add(cx[r]);
            sy.add(cy[r]);
        }
        double[] xs = sx.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = sy.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] sum = new double[ys.length][xs.length];
        int[][] count = new int[ys.length][xs.length];
        for (int r = 0; r < cx.length; r++) {
            int i = Arrays.binarySearch(xs, cx[r]);
            int j = Arrays.binarySearch(ys, cy[r]);
            if (Double.isFinite(cv[r])) {
                sum[j][i] += cv[r];
                count[j][i]++;
            }
        }
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                sum[j][i] = count[j][i] > 0 ? sum[j][i] / count[j][i] : Double.NaN;
            }
        }
        return new Grid(xs, ys, sum);
    }

    /** The colour map (at least two colours, interpolated linearly from the low to the high end). */
    public HeatMap colors(Color... cs) {
        if (cs == null || cs.length < 2) {
            throw new IllegalArgumentException("a colour map needs at least 2 colours");
        }
        colors = cs.clone();
        return this;
    }

    /** The value range of the colour map (values outside are clamped to the end colours). */
    public HeatMap range(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("range must be finite with hi > lo, got [" + lo + ", " + hi + "]");
        }
        vmin = lo;
        vmax = hi;
        return this;
    }

    /** The title of the colour bar (default: the value column's name). */
    public HeatMap valueName(String name) {
        valueName = name == null ? "" : name;
        return this;
    }

    /** The x grid (copy). */
    public double[] xs() {
        return xs.clone();
    }

    /** The y grid (copy). */
    public double[] ys() {
        return ys.clone();
    }

    /** The value of cell (i, j): column i (x = xs[i]), row j (y = ys[j]). */
    public double value(int i, int j) {
        return values[j][i];
    }

    /** The colour cell (i, j) is drawn with ({@link #MISSING} if its value is not finite). */
    public Color colorOf(int i, int j) {
        double v = values[j][i];
        return Double.isFinite(v) ? colorAt(level(v)) : MISSING;
    }

    /** The colour map's colour for value v (clamped to the range). */
    public Color colorFor(double v) {
        return colorAt(level(v));
    }

    /**
     * The index coordinate of an x value (i for xs[i], interpolated between; see the class comment), NaN when it
     * lies more than half a cell outside the grid.
     */
    public double xCoordinate(double x) {
        return HeatMapAxes.coordinate(xs, xLog, x);
    }

    /** The index coordinate of a y value (see {@link #xCoordinate}). */
    public double yCoordinate(double y) {
        return HeatMapAxes.coordinate(ys, yLog, y);
    }

    /** Whether the x grid is geometric (overlays interpolate in log x). */
    public boolean xLogScale() {
        return xLog;
    }

    /** Whether the y grid is geometric. */
    public boolean yLogScale() {
        return yLog;
    }

    /**
     * Draws the level set {field = level} as a black dash-dotted line (the EoS boundary η λ̄/2 = 1 of 000 Fig. 20):
     * marching squares ({@link Contours}) on the grid of cell centres, linear between neighbouring centres; cells
     * without a finite value break the line.
     *
     * @return the contour in index coordinates
     */
    public Contour contour(double level, String name) {
        drawCells();
        int nx = xs.length;
        int ny = ys.length;
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("a contour needs at least a 2 × 2 grid, got " + nx + " × " + ny);
        }
        Contour c = Contours.level(name, (x, y) -> values[(int) Math.round(y)][(int) Math.round(x)],
                new double[] {0, nx - 1}, new double[] {0, ny - 1}, nx, ny, level);
        contourFrom(c);
        return c;
    }

    /**
     * Draws a contour already in index coordinates (e.g. the EoS boundary of another heatmap over the same grid,
     * drawn on the test-accuracy heatmap) as a black dash-dotted line named after it.
     */
    public HeatMap contourFrom(Contour c) {
        drawCells();
        String name = c.name();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int k = 0; k < c.xs().size(); k++) {
            if (k > 0) {
                px.add(Double.NaN);
                py.add(Double.NaN);
            }
            for (int p = 0; p < c.xs().get(k).length; p++) {
                px.add(c.xs().get(k)[p]);
                py.add(c.ys().get(k)[p]);
            }
        }
        double[] ax = px.isEmpty() ? new double[] {Double.NaN} : px.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ay = py.isEmpty() ? new double[] {Double.NaN} : py.stream().mapToDouble(Double::doubleValue).toArray();
        XYSeries s = addSeries(name, ax, ay);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.BLACK);
        s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {9f, 4f, 2f, 4f}, 0f));
        overlayCount++;
        return this;
    }

    /**
     * Draws a curve given in value coordinates (e.g. Result 1's predicted boundary c*(σ_w²)) as a line with
     * markers; points outside the grid (see {@link #xCoordinate}) are left out.
     */
    public HeatMap curve(String name, double[] x, double[] y) {
        return overlay(name, x, y, true, ChartStyle.PALETTE[1]);
    }

    /** Draws markers at points given in value coordinates (no line). */
    public HeatMap markers(String name, double[] x, double[] y) {
        return overlay(name, x, y, false, ChartStyle.PALETTE[1]);
    }

    private HeatMap overlay(String name, double[] x, double[] y, boolean line, Color color) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length: " + x.length + " vs " + y.length);
        }
        drawCells();
        double[] ax = new double[x.length];
        double[] ay = new double[y.length];
        for (int k = 0; k < x.length; k++) {
            ax[k] = xCoordinate(x[k]);
            ay[k] = yCoordinate(y[k]);
        }
        double[][] f = line ? new double[][] {ax, ay} : finite(ax, ay);
        XYSeries s = addSeries(name, f[0], f[1]);
        s.setXYSeriesRenderStyle(line ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(color);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
        overlayCount++;
        return this;
    }

    /** Adds the cells as filled series (once); called before any overlay and before painting. */
    private void drawCells() {
        if (cellsDrawn) {
            return;
        }
        cellsDrawn = true;
        Map<Integer, List<int[]>> byLevel = new LinkedHashMap<>();
        List<int[]> missing = new ArrayList<>();
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(values[j][i])) {
                    byLevel.computeIfAbsent(level(values[j][i]), k -> new ArrayList<>()).add(new int[] {i, j});
                } else {
                    missing.add(new int[] {i, j});
                }
            }
        }
        int k = 0;
        for (Map.Entry<Integer, List<int[]>> e : byLevel.entrySet()) {
            XYSeries s = cells("\u2063cells" + k++, e.getValue(), colorAt(e.getKey()));
            s.setShowInLegend(false);
        }
        if (!missing.isEmpty()) {
            cells("missing / diverged", missing, MISSING);
        }
    }

    private XYSeries cells(String name, List<int[]> idx, Color color) {
        double e = 0.006; // overlap neighbouring cells slightly: no hairline gaps
        double[] ax = new double[6 * idx.size() - 1];
        double[] ay = new double[ax.length];
        int n = 0;
        for (int[] c : idx) {
            if (n > 0) {
                ax[n] = Double.NaN;
                ay[n++] = Double.NaN;
            }
            double x0 = c[0] - 0.5 - e;
            double x1 = c[0] + 0.5 + e;
            double y0 = c[1] - 0.5 - e;
            double y1 = c[1] + 0.5 + e;
            double[] px = {x0, x1, x1, x0, x0};
            double[] py = {y0, y0, y1, y1, y0};
            for (int p = 0; p < 5; p++) {
                ax[n] = px[p];
                ay[n++] = py[p];
            }
        }
        XYSeries s = addSeries(name, ax, ay);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(color);
        s.setMarkerColor(color);
        s.setLineColor(CELL_BORDER);        // thin borders: white cells stay visible on the white plot
        s.setLineStyle(new BasicStroke(0.6f));
        return s;
    }

    private int level(double v) {
        double t = (v - vmin) / (vmax - vmin);
        t = Math.max(0, Math.min(1, t));
        return (int) Math.round(t * (LEVELS - 1));
    }

    private Color colorAt(int level) {
        double t = (double) level / (LEVELS - 1) * (colors.length - 1);
        int k = Math.min(colors.length - 2, (int) Math.floor(t));
        double u = t - k;
        Color a = colors[k];
        Color b = colors[k + 1];
        return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        drawCells();
        if (overlayCount == 0 && getSeriesMap().keySet().stream().noneMatch(n -> !n.startsWith("\u2063"))) {
            getStyler().setLegendVisible(false); // nothing to explain
        }
        int plotWidth = Math.max(100, width - BAR_WIDTH);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        super.paint(g, plotWidth, height);   // XChart records the size it painted at: restore the full width
        setWidth(width);
        setHeight(height);
        HeatMapAxes.colourBar(g, plotWidth, height, vmin, vmax, valueName, this::colorAt, LEVELS);
    }

    @Override
    public String toString() {
        return String.format("HeatMap[%d × %d cells, %s in [%.4g, %.4g]]", xs.length, ys.length, valueName, vmin,
                vmax);
    }
}
