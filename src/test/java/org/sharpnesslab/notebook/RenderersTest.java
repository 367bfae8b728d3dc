package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sharpnesslab.plot.Figure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    static Table table(int rows) {
        int[] step = new int[rows];
        double[] loss = new double[rows];
        String[] note = new String[rows];
        for (int i = 0; i < rows; i++) {
            step[i] = i;
            loss[i] = 1.0 / (i + 3);
            note[i] = i == 0 ? "<b>&start" : "r" + i;
        }
        return Table.create("run", IntColumn.create("step", step), DoubleColumn.create("loss", loss),
                StringColumn.create("note", note));
    }

    static BufferedImage decodePng(Object base64) throws Exception {
        byte[] bytes = Base64.getDecoder().decode((String) base64);
        assertEquals(0x89, bytes[0] & 0xff, "PNG signature");
        assertEquals('P', bytes[1]);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void plainValuesGiveTextOnly() {
        assertEquals(Map.of("text/plain", "2"), Renderers.render(2));
        assertEquals(Map.of("text/plain", "null"), Renderers.render(null));
        assertEquals(List.of("text/plain"), List.copyOf(Renderers.render("x").keySet()));
    }

    @Test
    void smallTableIsHtmlWithEscapedCellsAndReadableNumbers() {
        Map<String, Object> b = Renderers.render(table(3));
        assertEquals(List.of("text/plain", "text/html"), List.copyOf(b.keySet()));
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<th>loss</th>"), html);
        assertTrue(html.contains(">0.3333</td>"), html);     // 1/3 to the 4 digits its column needs
        // text/plain keeps six digits: programs that read executed notebooks parse it (NotebookNumbers.SIX)
        assertTrue(html.contains(">0.2</td>"), html);        // 1/5 without trailing zeros
        assertTrue(html.contains("&lt;b&gt;&amp;start"), html);
        assertFalse(html.contains("<b>&start"), html);
        assertTrue(html.contains("run — 3 rows × 3 columns"), html);
        String text = (String) b.get("text/plain");
        assertTrue(text.contains("step") && text.contains("0.333333") && text.contains("3 rows × 3 columns"), text);
    }

    @Test
    void largeTableShowsHeadAndTailWithCaption() {
        Table t = table(1000);
        String html = (String) Renderers.render(t).get("text/html");
        assertTrue(html.contains("1000 rows × 3 columns"), html);
        assertTrue(html.contains("<th>9</th>") && html.contains("<th>995</th>") && html.contains("<th>999</th>"));
        assertFalse(html.contains("<th>10</th>") || html.contains("<th>500</th>") || html.contains("<th>994</th>"));
        assertTrue(html.contains("⋮"));
        assertEquals(TableFormat.HEAD_ROWS + TableFormat.TAIL_ROWS + 1 + 1, html.split("<tr").length - 1);
        String text = TableFormat.text(t);
        assertTrue(text.contains("…") && text.contains("999"), text);
        assertEquals(TableFormat.HEAD_ROWS + TableFormat.TAIL_ROWS + 1 + 2, text.split("\n").length);
    }

    @Test
    void numbersAreFormattedReadably() {
        assertEquals("3", TableFormat.number(3.0));
        assertEquals("-12.5", TableFormat.number(-12.5));
        assertEquals("0.333333", TableFormat.number(1.0 / 3));
        assertEquals("6.66667", TableFormat.number(2 / 0.3));
        assertEquals("1.23457e-07", TableFormat.number(1.234567e-7));
        assertEquals("2.5e+20", TableFormat.number(2.5e20));
        assertEquals("", TableFormat.number(Double.NaN));
        assertEquals("∞", TableFormat.number(Double.POSITIVE_INFINITY));
        Table t = Table.create("m", DoubleColumn.create("x", new double[] {1.5, Double.NaN}));
        assertTrue(((String) Renderers.render(t).get("text/html")).contains("<td style=\"text-align:right\"></td>"));
    }

    @Test
    void everyChartTypeRendersAsPngOfItsSize() throws Exception {
        Figure fig = new Figure(640, 420).addLine("lambda", new double[] {0, 1, 2}, new double[] {1, 4, 2})
                .yLine(3, "2/eta");
        BufferedImage img = decodePng(Renderers.render(fig).get("image/png"));
        assertEquals(640, img.getWidth());
        assertEquals(420, img.getHeight());

        CategoryChart bars = new CategoryChartBuilder().width(300).height(200).build();
        bars.addSeries("s", List.of("a", "b"), List.of(1, 2));
        assertEquals(300, decodePng(Renderers.render(bars).get("image/png")).getWidth());
        PieChart pie = new PieChartBuilder().width(250).height(250).build();
        pie.addSeries("a", 1);
        pie.addSeries("b", 2);
        assertEquals(250, decodePng(Renderers.render(pie).get("image/png")).getHeight());
        assertTrue(((String) Renderers.render(fig).get("text/plain")).contains("2 series: lambda, 2/eta"));
    }

    @Test
    void chartWithTooltipsCursorAndZoomStillEncodesAndKeepsItsSettings() throws Exception {
        XYChart c = new XYChartBuilder().width(400).height(300).build();
        c.addSeries("y", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        c.getStyler().setToolTipsEnabled(true);
        c.getStyler().setCursorEnabled(true);
        c.getStyler().setZoomEnabled(true);
        Map<String, Object> b = Renderers.render(c);
        assertEquals(400, decodePng(b.get("image/png")).getWidth(), () -> String.valueOf(b.get("text/plain")));
        assertTrue(c.getStyler().isToolTipsEnabled() && c.getStyler().isCursorEnabled()
                && c.getStyler().isZoomEnabled());
    }

    @Test
    void requestedTypesOnlyIncludingSvg() {
        Figure fig = new Figure(300, 200).addLine("y", new double[] {0, 1}, new double[] {0, 1});
        Map<String, Object> svg = Renderers.render(fig, "image/svg+xml");
        assertEquals(List.of("image/svg+xml"), List.copyOf(svg.keySet()));
        String doc = (String) svg.get("image/svg+xml");
        assertTrue(doc.contains("<svg") && doc.contains("width=\"300"), doc.substring(0, Math.min(400, doc.length())));
        assertEquals(List.of("image/png"), List.copyOf(Renderers.render(fig, "image/*").keySet()));
        assertEquals(List.of("text/html"), List.copyOf(Renderers.render(table(2), "text/html").keySet()));
        // nothing producible: falls back to text
        assertEquals(List.of("text/plain"), List.copyOf(Renderers.render(42, "image/png").keySet()));
    }

    @Test
    void awtImagesMarkdownAndLatex() throws Exception {
        BufferedImage img = new BufferedImage(17, 9, BufferedImage.TYPE_INT_RGB);
        assertEquals(17, decodePng(Renderers.render(img).get("image/png")).getWidth());
        assertEquals("**bold**", Renderers.render(Markdown.of("**bold**")).get("text/markdown"));
        assertEquals("$x^2$", Renderers.render(Latex.of("$x^2$")).get("text/latex"));
        assertEquals("$x^2$", Renderers.render(Latex.of("$x^2$")).get("text/plain"));
    }

    /** A type whose rendering always fails. */
    static final class Broken {
        @Override
        public String toString() {
            return "broken-value";
        }
    }

    @Test
    void failingRendererDegradesToTextWithTheError() {
        Renderers.register(Broken.class, List.of("text/html"), List.of("text/html"), (b, mime) -> {
            throw new IllegalStateException("boom");
        });
        Map<String, Object> b = Renderers.render(new Broken());
        assertEquals(List.of("text/plain"), List.copyOf(b.keySet()));
        String text = (String) b.get("text/plain");
        assertTrue(text.startsWith("broken-value") && text.contains("IllegalStateException: boom"), text);
        // a chart that cannot be drawn (empty XYChart) does not throw either
        XYChart empty = new XYChartBuilder().width(100).height(100).build();
        Map<String, Object> e = Renderers.render(empty);
        assertTrue(e.containsKey("text/plain"));
    }

    @Test
    void aBifurcationDiagramRendersAsItsChart() throws Exception {
        org.sharpnesslab.dynamics.BifurcationDiagram d = org.sharpnesslab.dynamics.Bifurcation.diagram(
                org.sharpnesslab.dynamics.Maps::logistic, org.sharpnesslab.dynamics.Bifurcation.range(2.8, 4, 50),
                new double[] {0.5}, 200, 20, 0);
        Map<String, Object> bundle = Renderers.render(d);
        assertTrue(bundle.containsKey("image/png"), bundle.keySet().toString());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode((String) bundle.get("image/png"))));
        assertEquals(org.sharpnesslab.plot.Plots.WIDTH, img.getWidth());
        assertEquals(d.toString(), bundle.get("text/plain"));
    }
}
