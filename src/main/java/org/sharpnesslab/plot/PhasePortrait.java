package org.sharpnesslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sharpnesslab.dynamics.Contour;
import org.sharpnesslab.dynamics.DiscreteMap;
import org.sharpnesslab.dynamics.Nullclines;
import org.sharpnesslab.dynamics.Orbit;
import org.sharpnesslab.dynamics.VectorField;
import org.sharpnesslab.uv.Regions;
import org.sharpnesslab.uv.UVMap;
import tech.tablesaw.api.Table;

/**
 * Figure 2 of 000 in one call: the (Δf, λ) phase plane of the UV map with the sharpness-reduction (green),
 * progressive-sharpening (yellow), divergent (blue) and forbidden (gray) regions, the unit vector field Ĝ as
 * arrows, both nullclines (Δf: orange dashed; λ: purple dashed — the λ-nullcline is the SR/PS boundary
 * ηλΔf = 4(Δf + y)), the zero-loss line I (solid where stable, ηλ &lt; 2, dashed above), the fixed points
 * II–IV, the ηλ = 2 line (dash-dot), and trajectories ({@link #withTrajectory}) with a star at their start.
 *
 * <pre>{@code PhasePortrait.of(UVMap.of(0.3, 1, 2, 1)).withTrajectory(map.iterate(-1.9, 0.5, 200)) }</pre>
 *
 * <p>The picture is a real XChart chart ({@link Figure}); everything is drawn at construction. The generic parts
 * come from {@code dynamics} and {@code plot}: the unit field from {@link VectorField#unit} drawn by
 * {@link Quiver}, the nullclines from {@link Nullclines#contours} (marching squares), the regions by
 * {@link Overlays#shade}; the UV-specific parts (region rules, line I, Table 1's points, ηλ = 2) from {@code uv}.
 * For any other 2-D map use the generic {@link MapPortrait}.
 */
public class PhasePortrait extends Figure {

    static final Color GREEN = new Color(190, 232, 212);
    static final Color YELLOW = new Color(252, 236, 170);
    static final Color BLUE = new Color(196, 214, 246);
    static final Color GRAY = new Color(200, 200, 200);
    static final Color ARROW = new Color(90, 90, 90);
    static final BasicStroke DASH_DOT = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 3f, 2f, 3f}, 0f);

    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private int trajectories;

    PhasePortrait(double x0, double x1, double y0, double y1) {
        super(900, 540);
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        xRange(x0, x1);
        yRange(y0, y1);
        getStyler().setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        getStyler().setMarkerSize(6);
    }

    /**
     * The portrait in a default window: Δf ∈ ±min(1.25·2/(ηx̃), 4|y|) (fixed points III and IV at ±2/(ηx̃)),
     * λ ∈ [0, min(1.2·λ_IV, 3·max(2/η, λ_min))].
     */
    public static PhasePortrait of(UVMap map) {
        double span = Math.min(1.25 * 2 / (map.eta() * map.xTilde()), 4 * Math.abs(map.y()));
        double lIV = 4 / map.eta() + 2 * map.xTilde() * Math.abs(map.y());
        double top = Math.min(1.2 * lIV, 3 * Math.max(2 / map.eta(), map.lambdaMin()));
        return of(map, -span, span, 0, top);
    }

    /** The portrait of {@code map} over Δf ∈ [dfMin, dfMax], λ ∈ [lambdaMin, lambdaMax]. */
    public static PhasePortrait of(UVMap map, double dfMin, double dfMax, double lambdaMin, double lambdaMax) {
        if (!(dfMax > dfMin) || !(lambdaMax > lambdaMin)) {
            throw new IllegalArgumentException("empty window: df [" + dfMin + ", " + dfMax + "], lambda ["
                    + lambdaMin + ", " + lambdaMax + "]");
        }
        PhasePortrait p = new PhasePortrait(dfMin, dfMax, lambdaMin, lambdaMax);
        p.title(String.format("UV phase portrait: η=%.3g, η/η_c=%.3g, ‖x‖/√n_eff=%.3g, y=%.3g",
                map.eta(), map.eta() / map.etaC(), map.xTilde(), map.y()));
        p.axes("Δf", "λ");
        p.drawRegions(map, 64, 48, 400);
        p.drawArrows(map, 19, 15);
        p.drawNullclines(map);
        p.drawFixedPoints(map);
        return p;
    }

    /**
     * The two-step portrait of 000 Fig. 9 in the (Δf, β) plane, β = λ/(2x̃) − (Δf + y): arrows of the unit
     * two-step update Ĝ^(2) (dyn's k-step map {@link UVMap#twoStep()}), the forbidden half-plane β &lt; 0 shaded,
     * the EoS manifold β = 0, the tilted ηλ = 2 line β = 1/(ηx̃) − (Δf + y), and the zero-loss line Δf = 0.
     * Add trajectories with {@link #withTwoStepTrajectory}.
     */
    public static PhasePortrait twoStep(UVMap map, double dfMin, double dfMax, double betaMax) {
        PhasePortrait p = new PhasePortrait(dfMin, dfMax, -0.08 * betaMax, betaMax);
        p.twoStepMap = map;
        p.title(String.format("two-step portrait (Δf, β): η=%.3g, η/η_c=%.3g", map.eta(), map.eta() / map.etaC()));
        p.axes("Δf", "β");
        List<double[]> fb = new ArrayList<>();
        int nx = 64;
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < nx; i++) {
                fb.add(new double[] {dfMin + (dfMax - dfMin) * (i + 0.5) / nx, -0.08 * betaMax * (j + 0.5) / 6});
            }
        }
        p.cells("forbidden (β < 0)", fb, GRAY, (int) Math.ceil(640.0 / nx) + 2);
        var two = map.twoStep();
        p.drawArrows(two, 19, 15);
        p.guide("EoS manifold β = 0", new double[] {dfMin, dfMax}, new double[] {0, 0}, new Color(0, 114, 178),
                new BasicStroke(2f));
        double c = 1 / (map.eta() * map.xTilde()) - map.y();
        p.guide("ηλ = 2", new double[] {dfMin, dfMax}, new double[] {c - dfMin, c - dfMax}, Color.BLACK, DASH_DOT);
        p.guide("zero loss Δf = 0", new double[] {0, 0}, new double[] {0, betaMax}, Color.BLACK, DASHED);
        return p;
    }

    private UVMap twoStepMap;

    /** Adds a trajectory (columns df, lambda) to a two-step portrait, every other step, in (Δf, β). */
    public PhasePortrait withTwoStepTrajectory(Table trajectory) {
        if (twoStepMap == null) {
            throw new IllegalStateException("not a two-step portrait (use PhasePortrait.twoStep)");
        }
        double[] df = Plots.column(trajectory, "df");
        double[] l = Plots.column(trajectory, "lambda");
        int m = (df.length + 1) / 2;
        double[] x = new double[m];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = df[2 * i];
            b[i] = twoStepMap.beta(df[2 * i], l[2 * i]);
        }
        return withTrajectory(x, b);
    }

    /** Adds a trajectory (columns df and lambda) as a black line with a star at its start. */
    public PhasePortrait withTrajectory(Table trajectory) {
        return withTrajectory(trajectory, "df", "lambda");
    }

    /** Adds a trajectory from the named columns. */
    public PhasePortrait withTrajectory(Table trajectory, String xColumn, String yColumn) {
        return withTrajectory(Plots.column(trajectory, xColumn), Plots.column(trajectory, yColumn));
    }

    /**
     * Adds a trajectory from arrays: a black line with arrowheads along it (dyn's {@link Overlays#orbitArrows},
     * about 30 heads per trajectory) and a star at its start.
     */
    public PhasePortrait withTrajectory(double[] df, double[] lambda) {
        trajectories++;
        String name = "trajectory" + (trajectories > 1 ? " " + trajectories : "");
        double[][] xy = finite(df, lambda);
        int m = xy[0].length;
        double[][] states = new double[m][];
        for (int t = 0; t < m; t++) {
            states[t] = new double[] {xy[0][t], xy[1][t]};
        }
        Overlays.orbitArrows(this, name, new Orbit(states, m - 1, false, -1, Orbit.DEFAULT_BOUND), 0, 1, Color.BLACK,
                Math.max(1, (m - 1) / 30));
        XYSeries st = getSeriesMap().get(name + " start");
        st.setMarker(new Star());
        st.setMarkerColor(Color.BLACK);
        return this;
    }

    void drawRegions(UVMap map, int nx, int ny, int steps) {
        double[] xr = {x0, x1};
        double[] yr = {y0, y1};
        // divergence is decided once per cell, then reused by the three shades that depend on it
        double dx = (x1 - x0) / nx;
        double dy = (y1 - y0) / ny;
        boolean[][] div = new boolean[nx][ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                double d = x0 + (i + 0.5) * dx;
                double l = y0 + (j + 0.5) * dy;
                div[i][j] = !map.forbidden(d, l) && Regions.diverges(map, d, l, steps);
            }
        }
        java.util.function.BiPredicate<Double, Double> diverges = (d, l) -> {
            int i = Math.min(nx - 1, Math.max(0, (int) Math.floor((d - x0) / dx)));
            int j = Math.min(ny - 1, Math.max(0, (int) Math.floor((l - y0) / dy)));
            return div[i][j];
        };
        Overlays.shade(this, "sharpness reduction", (d, l) -> !diverges.test(d, l)
                && (Regions.classify(map, d, l) == Regions.Region.R2 || Regions.classify(map, d, l) == Regions.Region.R3),
                xr, yr, nx, ny, GREEN);
        Overlays.shade(this, "progressive sharpening", (d, l) -> !diverges.test(d, l)
                && Regions.classify(map, d, l) == Regions.Region.R1, xr, yr, nx, ny, YELLOW);
        Overlays.shade(this, "divergent", diverges, xr, yr, nx, ny, BLUE);
        Overlays.shade(this, "forbidden", (d, l) -> map.forbidden(d, l), xr, yr, nx, ny, GRAY);
    }

    void cells(String name, List<double[]> pts, Color c, int size) {
        double[] x = new double[Math.max(pts.size(), 1)];
        double[] y = new double[x.length];
        if (pts.isEmpty()) {
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        for (int i = 0; i < pts.size(); i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        XYSeries s = addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(new Cell(size));
        s.setMarkerColor(c);
    }

    /** Arrows of Ĝ = G/‖G‖ of {@code m} on an nx × ny grid (dyn's {@link VectorField#unit}, drawn by {@link Quiver}). */
    void drawArrows(DiscreteMap m, int nx, int ny) {
        double hx = (x1 - x0) / (2 * nx);
        double hy = (y1 - y0) / (2 * ny);
        Quiver.add(this, "Ĝ", VectorField.unit(m, new double[] {x0 + hx, x1 - hx}, new double[] {y0 + hy, y1 - hy}, nx, ny));
        XYSeries s = getSeriesMap().get("Ĝ");
        if (s != null) {
            s.setShowInLegend(false);
        }
    }

    private void drawNullclines(UVMap map) {
        // dyn's marching squares on G_1 = 0 (Δf does not move) and G_2 = 0 (λ does not move; off Δf = 0 this is
        // the SR/PS boundary ηλΔf = 4(Δf + y))
        List<Contour> nc = Nullclines.contours(map, new double[] {x0, x1}, new double[] {y0, y1}, 240, 240);
        Color[] colours = {new Color(213, 94, 0), new Color(120, 40, 160)};
        String[] names = {"Δf nullcline", "λ nullcline (= SR/PS boundary)"};
        for (int i = 0; i < nc.size() && i < 2; i++) {
            Overlays.polylines(this, names[i], nc.get(i).xs(), nc.get(i).ys(), colours[i], 1.6f);
            getSeriesMap().get(names[i]).setLineStyle(DASHED);
        }
        // ηλ = 2
        guide("ηλ = 2", new double[] {x0, x1}, new double[] {2 / map.eta(), 2 / map.eta()}, Color.BLACK, DASH_DOT);
    }

    private double clip(double v) {
        return v >= y0 - 0.05 * (y1 - y0) && v <= y1 + 0.05 * (y1 - y0) ? v : Double.NaN;
    }

    XYSeries guide(String name, double[] x, double[] y, Color c, BasicStroke stroke) {
        XYSeries s = addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(stroke);
        return s;
    }

    private void drawFixedPoints(UVMap map) {
        double lmin = Math.max(map.lambdaMin(), y0);
        double l2 = 2 / map.eta();
        if (lmin < Math.min(l2, y1)) {
            XYSeries s = guide("line I, stable (ηλ<2)", new double[] {0, 0}, new double[] {lmin, Math.min(l2, y1)},
                    Color.BLACK, new BasicStroke(2.2f));
            s.setShowInLegend(true);
        }
        if (Math.max(l2, lmin) < y1) {
            guide("line I, unstable", new double[] {0, 0}, new double[] {Math.max(l2, lmin), y1}, Color.BLACK,
                    new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        }
        Table t = map.fixedPoints();
        double[] x = new double[3];
        double[] y = new double[3];
        for (int r = 1; r < 4; r++) {
            x[r - 1] = t.doubleColumn("df").getDouble(r);
            y[r - 1] = t.doubleColumn("lambda").getDouble(r);
        }
        XYSeries s = addSeries("fixed points II, III, IV", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(new Color(200, 0, 0));
    }

    /** A filled square marker of a fixed pixel size (region cells). */
    static final class Cell extends org.knowm.xchart.style.markers.Marker {
        private final int size;

        Cell(int size) {
            this.size = size;
        }

        @Override
        public void paint(java.awt.Graphics2D g, double xOffset, double yOffset, int markerSize) {
            g.setStroke(new BasicStroke(0f));
            g.fill(new java.awt.geom.Rectangle2D.Double(xOffset - size / 2.0, yOffset - size / 2.0, size, size));
        }
    }

    /** A five-pointed star marker (trajectory starts, as in 000 Fig. 2). */
    static final class Star extends org.knowm.xchart.style.markers.Marker {
        @Override
        public void paint(java.awt.Graphics2D g, double xOffset, double yOffset, int markerSize) {
            double r = 9;
            java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
            for (int k = 0; k < 10; k++) {
                double rr = k % 2 == 0 ? r : r * 0.42;
                double a = -Math.PI / 2 + k * Math.PI / 5;
                double px = xOffset + rr * Math.cos(a);
                double py = yOffset + rr * Math.sin(a);
                if (k == 0) {
                    p.moveTo(px, py);
                } else {
                    p.lineTo(px, py);
                }
            }
            p.closePath();
            g.setStroke(new BasicStroke(1f));
            g.fill(p);
        }
    }
}
