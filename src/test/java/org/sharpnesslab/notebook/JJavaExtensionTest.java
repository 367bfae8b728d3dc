package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The library in JJava: JJava's own {@code BaseKernel} (org.dflib.jjava:jjava-jupyter 1.0-a6) finds
 * {@link JJavaExtension} through its service loader, as it does for a jar added with {@code %maven}, and then
 * renders a Table as HTML and a chart as PNG with the library's renderers; {@code display} reaches the kernel.
 */
class JJavaExtensionTest {

    /** The smallest JJava kernel: JJava's real BaseKernel, with display recorded. */
    static final class TestKernel extends BaseKernel {
        final List<DisplayData> shown = new ArrayList<>();

        TestKernel() {
            super("test", "1", new LanguageInfo("java", "17", "text/x-java-source", ".jshell", "java", "java", null),
                    List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(), true,
                    new StringStyler.Builder().build());
        }

        void loadExtensionsFrom(ClassLoader loader) {
            installExtensions(loader);
        }

        @Override
        public void display(DisplayData data) {
            shown.add(data);
        }

        @Override
        public Object evalRaw(String code) {
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @AfterEach
    void clearSink() {
        Notebook.clearSink();
    }

    @Test
    void jjavaLoadsTheExtensionAndRendersWithIt() {
        TestKernel kernel = new TestKernel();
        kernel.loadExtensionsFrom(JJavaExtensionTest.class.getClassLoader());

        Table t = Table.create("t", DoubleColumn.create("lambda", new double[] {0.5, 1.25}));
        DisplayData table = kernel.getRenderer().render(t);
        Object html = table.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "no text/html for a Table");
        assertTrue(html.toString().contains("1.25") && html.toString().contains("2 rows"), html.toString());

        XYChart chart = new XYChartBuilder().width(120).height(90).build();
        chart.addSeries("y", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        Object png = kernel.getRenderer().render(chart).getData(MIMEType.IMAGE_PNG);
        assertTrue(png instanceof String s && s.startsWith("iVBOR"), "image/png must be a Base64 PNG string");

        String id = Notebook.display(t);
        assertEquals(1, kernel.shown.size());
        assertEquals(id, kernel.shown.get(0).getDisplayId());
        assertNotNull(kernel.shown.get(0).getData(MIMEType.TEXT_HTML));
    }
}
