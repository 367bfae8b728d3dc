package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.DisplayStream;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.plot.Figure;

/**
 * {@link Notebook#install()} against the real basekernel 2.3.0 classes (the ones IJava 1.3.0 is built on): a
 * stand-in {@code io.github.spencerpark.ijava.IJava}, compiled at test time into its own class loader, hands out a
 * BaseKernel whose display streams are recorded.
 */
public class IJavaBridgeTest {

    /** What the stand-in IJava.getKernelInstance() returns. */
    public static volatile Object kernel;

    /** A basekernel kernel that records what it is asked to display. */
    static final class RecordingKernel extends BaseKernel {
        final List<DisplayData> displayed = new ArrayList<>();
        final List<DisplayData> updated = new ArrayList<>();
        private final JupyterIO io = new JupyterIO();

        RecordingKernel() throws Exception {
            Field f = JupyterIO.class.getField("display");
            f.setAccessible(true);
            f.set(io, new DisplayStream() {
                @Override
                public void display(DisplayData data) {
                    displayed.add(data);
                }

                @Override
                public void updateDisplay(DisplayData data) {
                    updated.add(data);
                }
            });
        }

        @Override
        public JupyterIO getIO() {
            return io;
        }

        @Override
        public void display(DisplayData data) {
            io.display.display(data);
        }

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo("java", "17", "text/x-java", ".java", null, null, null);
        }
    }

    @AfterEach
    void reset() {
        Notebook.clearSink();
        kernel = null;
    }

    private static ClassLoader fakeIJava(Path dir) throws Exception {
        Path src = dir.resolve("io/github/spencerpark/ijava/IJava.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package io.github.spencerpark.ijava;\n"
                + "public class IJava { public static Object getKernelInstance() {"
                + " return org.sharpnesslab.notebook.IJavaBridgeTest.kernel; } }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = Path.of(IJavaBridgeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        assertEquals(0, javac.run(null, null, null, "-cp", cp, "-d", dir.toString(), src.toString()));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, IJavaBridgeTest.class.getClassLoader());
    }

    private static void withContextLoader(ClassLoader l, Runnable r) {
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(l);
        try {
            r.run();
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    @Test
    void installRegistersRenderersAndDisplaysThroughTheKernel(@TempDir Path dir) throws Exception {
        RecordingKernel k = new RecordingKernel();
        kernel = k;
        withContextLoader(fakeIJava(dir), Notebook::install);
        assertTrue(Notebook.isActive());

        // the kernel's own renderer now renders our types (what IJava does with a cell's value)
        DisplayData table = k.getRenderer().render(RenderersTest.table(30));
        String html = (String) table.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "text/html from IJava's renderer");
        assertTrue(html.contains("30 rows × 3 columns"), html);
        assertTrue(((String) table.getData(MIMEType.TEXT_PLAIN)).contains("30 rows × 3 columns"));

        Figure fig = new Figure(500, 300).addLine("y", new double[] {0, 1}, new double[] {1, 0});
        DisplayData png = k.getRenderer().render(fig);
        assertEquals(500, RenderersTest.decodePng(png.getData(MIMEType.IMAGE_PNG)).getWidth());
        DisplayData svg = k.getRenderer().renderAs(fig, "image/svg+xml");
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
        assertEquals(null, svg.getData(MIMEType.IMAGE_PNG));

        // display / updateDisplay go to the kernel's display stream
        String id = Notebook.display(RenderersTest.table(2));
        assertEquals(1, k.displayed.size());
        assertEquals(id, k.displayed.get(0).getDisplayId());
        Notebook.updateDisplay(id, fig);
        assertEquals(1, k.updated.size());
        assertEquals(id, k.updated.get(0).getDisplayId());
        byte[] bytes = Base64.getDecoder().decode((String) k.updated.get(0).getData(MIMEType.IMAGE_PNG));
        assertEquals(0x89, bytes[0] & 0xff);

        // progress bars become one display updated in place
        try (ProgressBar bar = Progress.start("steps", 3)) {
            bar.step();
        }
        assertEquals(2, k.displayed.size());
        String barId = k.displayed.get(1).getDisplayId();
        DisplayData last = k.updated.get(k.updated.size() - 1);
        assertEquals(barId, last.getDisplayId());
        assertTrue(((String) last.getData(MIMEType.TEXT_HTML)).contains("steps"));

        // installing again registers nothing twice
        DisplaySink first = Notebook.sink();
        withContextLoader(fakeIJava(dir.resolve("again")), Notebook::install);
        assertSame(first, Notebook.sink());
    }

    @Test
    void ijavaPresentButNoKernelRunning(@TempDir Path dir) throws Exception {
        kernel = null;
        ClassLoader l = fakeIJava(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> withContextLoader(l, Notebook::install));
        assertTrue(e.getMessage().contains("getKernelInstance() returned null"), e.getMessage());
    }

    @Test
    void notebookClassesLoadWithoutBasekernel() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = Path.of(Renderers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("jupyter-jvm-basekernel") && !entry.contains("junit")
                    && !entry.contains("opentest4j")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertTrue(urls.size() > 5, "dependency jars found on " + cp);
        try (URLClassLoader l = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("io.github.spencerpark.jupyter.kernel.BaseKernel", false, l));
            Path pkg = classes.resolve("org/sharpnesslab/notebook");
            List<String> names;
            try (var files = Files.list(pkg)) {
                names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                        .map(n -> "org.sharpnesslab.notebook." + n.substring(0, n.length() - 6)).toList();
            }
            assertTrue(names.size() >= 10, names.toString());
            for (String n : names) {
                Class<?> c = Class.forName(n, true, l);
                c.getDeclaredMethods(); // resolves every signature
                assertSame(l, c.getClassLoader());
            }
            Class<?> table = Class.forName("tech.tablesaw.api.Table", true, l);
            Object t = table.getMethod("create", String.class).invoke(null, "empty");
            Object bundle = Class.forName("org.sharpnesslab.notebook.Renderers", true, l)
                    .getMethod("render", Object.class).invoke(null, t);
            assertTrue(bundle.toString().contains("0 rows × 0 columns"), bundle.toString());
            var install = Class.forName("org.sharpnesslab.notebook.Notebook", true, l).getMethod("install");
            var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> install.invoke(null));
            assertTrue(e.getCause() instanceof IllegalStateException
                    && e.getCause().getMessage().contains("No IJava kernel found"), String.valueOf(e.getCause()));
        }
    }
}
