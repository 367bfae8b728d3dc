package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Maps;
import org.sharpnesslab.dynamics.VectorField;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.uv.UVConfig;
import org.sharpnesslab.uv.UVMap;
import org.sharpnesslab.uv.UVModel;
import org.sharpnesslab.uv.UVRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Charts that read at a glance: every chart factory of {@code plot}, rendered, has tick labels that do not overlap
 * (their widths measured with the chart's tick-label font against the tick spacing), no ".05"-style labels, and
 * titles, axis titles, legend entries and tick labels in the Unicode maths convention ({@link Labels#ASCII_TEX}).
 */
class ChartReadabilityTest {

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    static Map<String, Chart<?, ?>> charts() {
        Map<String, Chart<?, ?>> c = new LinkedHashMap<>();
        UVMap map = UVMap.of(0.3, 1.0, 2.0, 1.0);
        Table run = map.iterate(-1.9, 0.5, 400);     // 401 integer steps: equally spaced x
        c.put("Plots.line over 400 steps", Plots.line(run, "step", "lambda").yLine(2 / 0.3, "2/η"));
        c.put("Plots.line of two columns", Plots.line(run, "step", "lambda", "lambda_h"));
        c.put("Plots.scatter", Plots.scatter(run, "df", "lambda"));
        double[] xs = IntStream.range(0, 1000).mapToDouble(i -> 0.001 * i).toArray();
        c.put("Plots.line of arrays", Plots.line(xs, xs.clone(), "y = x"));
        c.put("Figure.logY", Plots.line(run, "step", "loss").logY());
        c.put("small values", Plots.line(xs, IntStream.range(0, 1000).mapToDouble(i -> 1e-5 * i).toArray(), "tiny"));
        c.put("PhasePortrait.of", PhasePortrait.of(map).withTrajectory(run));
        c.put("PhasePortrait.twoStep", PhasePortrait.twoStep(map, -2, 2, 4));
        BifurcationDiagram logistic = Bifurcation.diagram(Maps::logistic, Bifurcation.range(2.5, 4.0, 400),
                new double[] {0.5}, 0, Bifurcation.Options.DEFAULT.withTransient(300).withKeep(60).withLyapunov(true));
        c.put("BifurcationChart.of", BifurcationChart.of(logistic));
        c.put("BifurcationChart.lyapunov", BifurcationChart.lyapunov(logistic, "r"));
        double[] etas = Bifurcation.range(0.2, 0.45, 120);
        BifurcationDiagram uv = org.sharpnesslab.uv.UVBifurcation.eosMap(
                org.sharpnesslab.uv.EoSMap.of(0.3, 1.0, 2.0, 1.0), etas, 300, 40);
        c.put("UVCharts.bifurcation", UVCharts.bifurcation(uv, l -> l, 0.3, "EoS map"));
        c.put("ChaosCharts.bifurcation", ChaosCharts.bifurcation(uv, "route to chaos"));
        UVModel model = UVModel.init(UVConfig.builder().n(64).build(), 3);
        UVRun r1 = model.train(300);
        c.put("UVCharts.loss", UVCharts.loss("UV loss", r1));
        c.put("UVCharts.sharpness", UVCharts.sharpness("UV sharpness", false, r1));
        c.put("MapPortrait.of", MapPortrait.of(Maps.henon(1.4, 0.3), new double[] {-2, 2}, new double[] {-1, 1}, 15));
        c.put("Quiver.of", Quiver.of(VectorField.unit(map, new double[] {-2, 2}, new double[] {0, 10}, 20, 20)));
        Table grid = Table.create("grid", DoubleColumn.create("sigma_w2"), DoubleColumn.create("c"),
                DoubleColumn.create("eta_lambda_half"));
        for (double s : new double[] {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4}) {
            for (double cc = 0.25; cc <= 16; cc *= 2) {
                grid.doubleColumn("sigma_w2").append(s);
                grid.doubleColumn("c").append(cc);
                grid.doubleColumn("eta_lambda_half").append(s * cc / 8);
            }
        }
        c.put("HeatMap.of", HeatMap.of(grid, "sigma_w2", "c", "eta_lambda_half").title("ηλ̄/2"));
        Table traj = Table.create("traj", IntColumn.create("step", IntStream.range(0, 400).toArray()),
                DoubleColumn.create("pi_chi_1", IntStream.range(0, 400).mapToDouble(i -> 1 + 0.01 * i).toArray()),
                DoubleColumn.create("sharpness", IntStream.range(0, 400).mapToDouble(i -> 10 + Math.sin(i)).toArray()));
        c.put("AlignmentCharts.panel", AlignmentCharts.panel(traj, "step", "pi_chi_1", "Π_χ¹"));
        Table sizes = Table.create("sizes", DoubleColumn.create("n", 468, 937, 1875, 3750, 7500),
                DoubleColumn.create("peak_p_delta_j_1", 0.2, 0.25, 0.31, 0.38, 0.47));
        c.put("AlignmentCharts.powerLaw", AlignmentCharts.powerLaw(sizes, 0.05, 0.25));
        Table euler = Table.create("euler", DoubleColumn.create("time", IntStream.range(0, 400)
                .mapToDouble(i -> 0.05 * i).toArray()), DoubleColumn.create("sharpness", IntStream.range(0, 400)
                .mapToDouble(i -> 10 + 0.1 * i).toArray()));
        c.put("AlignmentCharts.gdVersusEuler", AlignmentCharts.gdVersusEuler(traj, euler, 0.05));
        return c;
    }

    @Test
    void tickLabelsDoNotOverlapAndSayNumbersPlainly() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Chart<?, ?>> e : charts().entrySet()) {
            Chart<?, ?> chart = e.getValue();
            BufferedImage img = BitmapEncoder.getBufferedImage(chart);
            Graphics2D g = img.createGraphics();
            Font font = chart.getStyler() instanceof org.knowm.xchart.style.AxesChartStyler a
                    ? a.getAxisTickLabelsFont() : g.getFont();
            FontMetrics fm = g.getFontMetrics(font);
            for (boolean x : new boolean[] {true, false}) {
                AxisTickCalculator calc = tickCalculator(chart, x);
                List<String> labels = calc.getTickLabels();
                List<Double> at = calc.getTickLocations();
                List<Integer> shown = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) {
                    if (labels.get(i) != null && !labels.get(i).strip().replaceAll("[\u200B-\u200D\u2060]", "").isEmpty()) {
                        shown.add(i);
                    }
                }
                for (int k = 1; k < shown.size(); k++) {
                    int i = shown.get(k - 1);
                    int j = shown.get(k);
                    double gap = Math.abs(at.get(j) - at.get(i));
                    double need = x ? (fm.stringWidth(labels.get(i)) + fm.stringWidth(labels.get(j))) / 2.0 + 2
                            : fm.getAscent();
                    if (gap < need) {
                        problems.add(e.getKey() + ": " + (x ? "x" : "y") + " labels '" + labels.get(i) + "' and '"
                                + labels.get(j) + "' overlap (" + Math.round(gap) + " px apart, need " + Math.round(need)
                                + ")");
                        break;
                    }
                }
                for (String l : labels) {
                    if (l != null && l.strip().matches("-?\\.\\d.*")) {
                        problems.add(e.getKey() + ": label '" + l + "' without its leading zero");
                    }
                }
                assertTrue(shown.size() >= 2 || e.getKey().contains("HeatMap"), e.getKey() + ": " + labels);
            }
            g.dispose();
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void labelsSpeakUnicodeMathsAndAxesAreNamed() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Chart<?, ?>> e : charts().entrySet()) {
            Chart<?, ?> chart = e.getValue();
            List<String> texts = new ArrayList<>(List.of(String.valueOf(chart.getTitle()),
                    String.valueOf(chart.getXAxisTitle()), String.valueOf(chart.getYAxisTitle())));
            for (Object s : chart.getSeriesMap().values()) {
                if (s instanceof XYSeries xy && xy.isShowInLegend() && chart.getStyler().isLegendVisible()) {
                    texts.add(xy.getName());
                }
            }
            for (String t : texts) {
                if (Labels.ASCII_TEX.matcher(t).find()) {
                    problems.add(e.getKey() + ": '" + t + "'");
                }
            }
            if (!(chart instanceof HeatMap) && (chart.getXAxisTitle() == null || chart.getXAxisTitle().isBlank())) {
                problems.add(e.getKey() + ": no x axis title");
            }
        }
        assertEquals(List.of(), problems, "labels in ASCII TeX or axes without a name");
        assertEquals("η", BifurcationChart.of(Bifurcation.diagram(Maps::logistic, new double[] {3.2, 3.3},
                new double[] {0.5}, 100, 10, 0)).getXAxisTitle());
        for (String ascii : List.of("2/eta", "Pi_chi^1", "lambda0^H", "sigma_w^2", "E|K|^2")) {
            assertTrue(Labels.ASCII_TEX.matcher(ascii).find(), ascii);
        }
        for (String unicode : List.of("2/η", "Π_χ¹", "λ₀^H", "σ_w²", "λ^H", "ηλ̄/2", "step", "flow time t", "beta-free")) {
            assertTrue(!Labels.ASCII_TEX.matcher(unicode).find() || unicode.equals("beta-free"), unicode);
        }
    }

    @Test
    void tickLabelsReadAsNumbers() {
        assertEquals("0.05", Figure.tickLabel(0.05));
        assertEquals("0.3", Figure.tickLabel(0.30000000000000004));
        assertEquals("-0.2", Figure.tickLabel(-0.19999999999999996));
        assertEquals("12000", Figure.tickLabel(12000));
        assertEquals("2E-5", Figure.tickLabel(2e-5));
        assertEquals("1.5E6", Figure.tickLabel(1.5e6));
        assertEquals("0", Figure.tickLabel(0));
    }

    /** The tick calculator XChart used for the last paint of an axis (XChart keeps it; reached by reflection). */
    static AxisTickCalculator tickCalculator(Chart<?, ?> chart, boolean x) throws Exception {
        Field pair = Chart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        Object axisPair = pair.get(chart);
        Method get = axisPair.getClass().getDeclaredMethod(x ? "getXAxis" : "getYAxis");
        get.setAccessible(true);
        Object axis = get.invoke(axisPair);
        Method calc = axis.getClass().getMethod("getAxisTickCalculator");
        return (AxisTickCalculator) calc.invoke(axis);
    }
}
