package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel in-process: cells evaluated through {@link SharpnessKernel#evaluate}, no sockets. */
class SharpnessKernelTest {

    private static SharpnessKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new SharpnessKernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static DisplayData eval(String code) throws Exception {
        return kernel.evaluate(code, new RecordingOutput());
    }

    private static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void lastExpressionIsRenderedAsText() throws Exception {
        assertEquals("2", text(eval("1 + 1")));
        assertEquals("42", text(eval("int x = 40;\nint y = 2;\nx + y")));
        assertEquals("40", text(eval("x")));
        assertNull(eval("int unused = 3;"), "a declaration has no value to show");
        assertEquals("4950", text(eval("record P(int a) { }\nIntStream.range(0, 100).parallel().mapToObj(P::new).mapToInt(P::a).sum()")),
                "parallel streams over cell-defined classes work under the exit guard");
    }

    @Test
    void tableIsRenderedAsHtmlWithItsValues() throws Exception {
        assertEquals("true", text(eval("DoubleColumn.create(\"first\", new double[] {1}).type() == ColumnType.DOUBLE")),
                "one ColumnType.DOUBLE instance whatever a cell touches first");
        DisplayData d = eval("""
                Table t = Table.create("demo",
                    DoubleColumn.create("lambda", new double[] {1.25, 6.5}),
                    StringColumn.create("regime", new String[] {"sharpening", "edge"}));
                t""");
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        for (String v : List.of("lambda", "regime", "1.25", "6.5", "sharpening", "edge")) {
            assertTrue(html.contains(v), v + " in " + html);
        }
        assertNotNull(text(d));
    }

    @Test
    void chartIsRenderedAsPngOfItsSize() throws Exception {
        DisplayData d = eval("""
                XYChart c = new XYChartBuilder().width(420).height(280).title("t").build();
                c.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});
                c""");
        Object png = d.getData(MIMEType.parse("image/png"));
        assertInstanceOf(String.class, png, "image/png must be a Base64 string");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
        assertEquals(420, img.getWidth());
        assertEquals(280, img.getHeight());
    }

    @Test
    void displayAndUpdateDisplayReachTheCell() throws Exception {
        RecordingOutput out = new RecordingOutput();
        DisplayData result = kernel.evaluate("String id = display(1234);\nupdateDisplay(id, \"changed\");\nid", out);
        assertEquals(1, out.displays().size());
        assertEquals(1, out.updates().size());
        DisplayData shown = out.displays().get(0);
        assertEquals("1234", text(shown));
        assertNotNull(shown.getDisplayId());
        assertEquals(shown.getDisplayId(), out.updates().get(0).getDisplayId());
        assertEquals("changed", text(out.updates().get(0)));
        assertEquals(shown.getDisplayId(), text(result));

        RecordingOutput bare = new RecordingOutput();
        assertNull(kernel.evaluate("display(\"only the display\")", bare), "the id of a bare display() is not shown");
        assertEquals("only the display", text(bare.displays().get(0)));
    }

    @Test
    void progressBarUpdatesOneDisplay() throws Exception {
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("""
                try (var bar = Progress.start("work", 3)) {
                    for (int i = 0; i < 3; i++) bar.step();
                }""", out);
        assertEquals(1, out.displays().size());
        assertTrue(out.updates().size() >= 1);
        String id = out.displays().get(0).getDisplayId();
        assertTrue(out.updates().stream().allMatch(u -> id.equals(u.getDisplayId())));
    }

    @Test
    void stdoutAndStderrAreCaptured() throws Exception {
        RecordingOutput out = new RecordingOutput();
        assertNull(kernel.evaluate("""
                System.out.println("hello");
                System.err.println("warning");
                System.out.print("no newline");""", out));
        assertEquals("hello\nno newline", out.out());
        assertEquals("warning\n", out.err());
    }

    @Test
    void stdoutIsStreamedWhileTheCellRuns() throws Exception {
        RecordingOutput out = new RecordingOutput();
        CompletableFuture<DisplayData> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return kernel.evaluate("System.out.println(\"early\");\nThread.sleep(1500);\n\"done\"", out);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!out.out().contains("early") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(out.out().contains("early"));
        assertTrue(!cell.isDone(), "the text arrived before the cell finished");
        assertEquals("done", text(cell.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void compileErrorNamesTheLineAndTheKernelGoesOn() throws Exception {
        eval("int base = 1;");
        CellError.CompilationError e = assertThrows(CellError.CompilationError.class,
                () -> eval("int ok = 2;\n\nString s = undefinedMethod();"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("cannot find symbol"), e.getMessage());
        String tb = String.join("\n", kernel.formatError(e));
        assertTrue(tb.contains("line 3"), tb);
        assertTrue(tb.contains("String s = undefinedMethod();"), tb);
        assertEquals("3", text(eval("ok + base")), "snippets before the error ran");
    }

    @Test
    void exceptionIsReportedWithTheUsersLineAndTheKernelGoesOn() throws Exception {
        Exception e = assertThrows(ArithmeticException.class, () -> eval("int zero = 0;\n\nint q = 10 / zero;"));
        assertEquals("/ by zero", e.getMessage());
        String tb = String.join("\n", kernel.formatError(e));
        assertTrue(tb.contains("java.lang.ArithmeticException: / by zero"), tb);
        assertTrue(tb.matches("(?s).*cell \\[\\d+\\], line 3.*"), tb);

        eval("\nvoid boom() {\n    int a = 1;\n    throw new IllegalStateException(\"bad state\");\n}");
        Exception e2 = assertThrows(IllegalStateException.class, () -> eval("int before = 1;\nboom();"));
        String tb2 = String.join("\n", kernel.formatError(e2));
        assertTrue(tb2.matches("(?s).*boom \\(cell \\[\\d+\\], line 4\\).*"), tb2);
        assertTrue(tb2.matches("(?s).*at cell \\[\\d+\\], line 2.*"), tb2);
        assertEquals("7", text(eval("before + 6")));
    }

    @Test
    void endlessLoopStopsOnInterruptWithinTwoSeconds() throws Exception {
        CompletableFuture<Throwable> cell = CompletableFuture.supplyAsync(() -> {
            try {
                kernel.evaluate("int spins = 0;\nwhile (true) { spins++; }", new RecordingOutput());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(700);
        assertTrue(!cell.isDone(), "the loop runs");
        long t0 = System.nanoTime();
        kernel.interrupt();
        Throwable t = cell.get(2, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertInstanceOf(CellError.Interrupted.class, t);
        assertTrue(ms < 2000, "stopped after " + ms + " ms");
        assertEquals("2", text(eval("1 + 1")));
    }

    @Test
    void systemExitDoesNotEndTheKernel() throws Exception {
        assumeTrue(ExitGuard.mode() == ExitGuard.Mode.BLOCK, "no security manager on this JDK");
        SecurityException e = assertThrows(SecurityException.class, () -> eval("System.out.println(1);\nSystem.exit(3);"));
        assertTrue(e.getMessage().contains("System.exit(3) is blocked"), e.getMessage());
        assertEquals("2", text(eval("1 + 1")));
        assertEquals("true", text(eval("""
                var blocked = new java.util.concurrent.atomic.AtomicBoolean();
                Thread th = new Thread(() -> {
                    try { System.exit(4); } catch (SecurityException x) { blocked.set(true); }
                });
                th.start();
                th.join();
                blocked.get()""")), "a thread started by a cell cannot exit either");
    }

    @Test
    void completionOffersJavaNames() throws Exception {
        var options = kernel.complete("int n = 1;\nStr", 14);
        assertNotNull(options);
        assertTrue(options.getReplacements().contains("String"), options.getReplacements().toString());
        assertEquals(11, options.getSourceStart());
        assertEquals(14, options.getSourceEnd());
    }

    @Test
    void inspectionGivesTheSignature() throws Exception {
        DisplayData d = kernel.inspect("Math.abs(", 6, false);
        assertNotNull(d);
        assertTrue(text(d).contains("abs("), text(d));
    }

    @Test
    void isCompleteKnowsUnfinishedStatements() {
        String incomplete = kernel.isComplete("int x = ");
        assertTrue(!List.of("complete", "invalid", "unknown").contains(incomplete), incomplete);
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("complete", kernel.isComplete("int x = 1;"));
        assertEquals("complete", kernel.isComplete("%jars /tmp/*.jar\nint x = 1;"));
    }

    @Test
    void isCompleteCallsOnlySyntaxErrorsInvalid() {
        for (String bad : List.of("int = 7q;", "1 +* 2;", "if (true) 1 + 1;", "int x = 1; int = 2;",
                "int f(int x) { return x +; }")) {
            assertEquals("invalid", kernel.isComplete(bad), bad);
        }
        for (String good : List.of("undefinedName + 1", "x -> x", "int broken = \"text\";", "1 + 1",
                "void f() {\n}", "import java.util.*;", "record R(int a) {}", "var v = 3;", "return 5;",
                "static int twice(int x) { return 2 * x; }", "System.out.println(1)", "Math.max?", "?UVMap.of")) {
            assertEquals("complete", kernel.isComplete(good), good);
        }
    }

    @Test
    void incompleteCellIsAnError() {
        CellError.IncompleteInput e = assertThrows(CellError.IncompleteInput.class, () -> eval("int a1 = 1;\nint b1 = ("));
        assertEquals(2, e.line());
    }

    @Test
    void jarsMagicAddsAJar(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package demo; public class Greeter { public static String hello() { return \"hi from jar\"; } }");
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        Path jar = dir.resolve("lib/greeter.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream fos = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(fos)) {
            jos.putNextEntry(new JarEntry("demo/Greeter.class"));
            jos.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            jos.closeEntry();
        }
        assertThrows(CellError.CompilationError.class, () -> eval("demo.Greeter.hello()"));
        DisplayData d = eval("%jars " + dir.resolve("lib") + "/*.jar\n\ndemo.Greeter.hello()");
        assertEquals("hi from jar", text(d));

        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> eval("%classpath " + dir + "/nothing-*.jar"));
        assertTrue(e.getMessage().contains("nothing matches"), e.getMessage());
    }
}
