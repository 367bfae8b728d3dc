package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Magics, inspection with Javadoc, clear_output and line-buffered streams, in-process. */
class KernelMagicsTest {

    private static SharpnessKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new SharpnessKernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void unknownMagicListsTheKnownOnes() {
        CellError.MagicError e = assertThrows(CellError.MagicError.class,
                () -> kernel.evaluate("int a = 1;\n%nosuch x", new RecordingOutput()));
        assertEquals(2, e.line());
        for (String known : new String[] {"%jars", "%classpath", "%maven", "%load", "%time", "%lsmagic", "%%time"}) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
        CellError.MagicError cell = assertThrows(CellError.MagicError.class,
                () -> kernel.evaluate("%%bash\nls", new RecordingOutput()));
        assertTrue(cell.getMessage().contains("unknown magic %%bash"), cell.getMessage());
    }

    @Test
    void lsmagicListsEveryMagic() throws Exception {
        RecordingOutput out = new RecordingOutput();
        assertNull(kernel.evaluate("%lsmagic", out));
        for (String m : new String[] {"%jars", "%classpath", "%maven", "%load", "%time", "%release", "%%time"}) {
            assertTrue(out.out().contains(m), out.out());
        }
    }

    @Test
    void timeMagicsTimeAndKeepTheValue() throws Exception {
        RecordingOutput out = new RecordingOutput();
        DisplayData d = kernel.evaluate("%%time\nint s = 0;\nfor (int i = 1; i <= 10; i++) s += i;\ns", out);
        assertEquals("55", text(d));
        assertTrue(out.out().matches("(?s).*Wall time: [0-9.]+ (µs|ms|s)\\n"), out.out());
        RecordingOutput line = new RecordingOutput();
        assertEquals("6", text(kernel.evaluate("%time 2 * 3", line)));
        assertTrue(line.out().startsWith("Wall time: "), line.out());
        assertEquals("complete", kernel.isComplete("%%time\nint q = 1;"));
        assertEquals("12.3 ms", KernelMagics.formatDuration(12_300_000));
        assertEquals("2 min 5 s", KernelMagics.formatDuration(125_000_000_000L));
    }

    @Test
    void loadRunsAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("setup.jsh");
        Files.writeString(f, "int loadedA = 20;\nint loadedB = loadedA + 1;\nloadedB * 2");
        assertEquals("42", text(kernel.evaluate("%load " + f, new RecordingOutput())));
        assertEquals("21", text(kernel.evaluate("loadedB", new RecordingOutput())));
        CellError.MagicError e = assertThrows(CellError.MagicError.class,
                () -> kernel.evaluate("%load " + dir.resolve("missing.jsh"), new RecordingOutput()));
        assertTrue(e.getMessage().contains("missing.jsh"), e.getMessage());
    }

    @Test
    void mavenResolvesAnArtifactWithItsDependencies() throws Exception {
        // in the local repository of every build of this project: the resolver's util and its api dependency
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("%maven org.apache.maven.resolver:maven-resolver-util:1.9.22", out);
        assertTrue(out.out().contains("added 2 jar(s)"), out.out());
        CellError.MagicError e = assertThrows(CellError.MagicError.class,
                () -> kernel.evaluate("%maven not-coordinates", new RecordingOutput()));
        assertTrue(e.getMessage().contains("group:artifact:version"), e.getMessage());
    }

    @Test
    void inspectFindsTheNameAtOrBeforeTheCursorWithItsJavadoc() throws Exception {
        String code = "var m = UVMap.of(0.3, 1, 2, 1);";
        int on = code.indexOf("of(") + 1;          // on the name
        int after = code.indexOf("of(") + 2;       // right after it
        int inside = code.indexOf("0.3");          // inside the call's parentheses
        for (int at : new int[] {on, after, inside}) {
            DisplayData d = kernel.inspect(code, at, false);
            String t = text(d);
            assertTrue(t.contains("UVMap.of(double eta"), t);
            assertTrue(t.contains("input norm ‖x‖") && t.contains("The map of a configuration"),
                    "the Javadoc of both overloads: " + t);
            String html = (String) d.getData(MIMEType.TEXT_HTML);
            assertTrue(html.contains("<code>") || html.contains("<dl>"), html);
        }
        DisplayData max = kernel.inspect("Math.max", 8, false);
        assertTrue(text(max).contains("double Math.max(double a, double b)"), text(max));
        DisplayData type = kernel.inspect("UVMap", 5, false);
        assertTrue(text(type).contains("org.sharpnesslab.uv.UVMap"), text(type));
        assertNull(kernel.inspect("   ", 1, false));
    }

    @Test
    void subjectIsTheDottedNameAtTheCursor() {
        assertEquals("Math.max", CodeAnalysis.subjectAt("x = Math.max(1, 2);", 10));
        assertEquals("Math.max", CodeAnalysis.subjectAt("x = Math.max(1, 2);", 12));
        assertEquals("Math.max", CodeAnalysis.subjectAt("x = Math.max(1, 2);", 16));
        assertEquals("Math", CodeAnalysis.subjectAt("x = Math.max(1, 2);", 6));
        assertEquals("", CodeAnalysis.subjectAt("x = 1;", 6));
    }

    @Test
    void clearOutputReachesTheCell() throws Exception {
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("System.out.println(\"before\");\norg.sharpnesslab.notebook.Notebook.clear(true);\n"
                + "org.sharpnesslab.notebook.Notebook.clear();", out);
        assertEquals(java.util.List.of(true, false), out.clears());
        assertEquals("before\n", out.out(), "pending text is sent before the clear");
    }

    @Test
    void streamsSendWholeLines() throws Exception {
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("""
                for (int i = 0; i < 30; i++) {
                    System.out.printf("row %d: ", i);
                    Thread.sleep(3);
                    System.out.printf("%d%n", i * i);
                }
                System.out.print("no newline");""", out);
        for (String chunk : out.stdoutChunks().subList(0, out.stdoutChunks().size() - 1)) {
            assertTrue(chunk.endsWith("\n"), "a chunk ends inside a line: " + out.stdoutChunks());
        }
        assertTrue(out.out().endsWith("29: 841\nno newline"), out.out());
    }

    @Test
    void redefinedVariablesAndOldResultsAreReleased() throws Exception {
        JShellSession s = kernel.session();
        kernel.evaluate("%release", new RecordingOutput());
        kernel.evaluate("var big = new double[1000];", new RecordingOutput());
        int held = SessionProbe.heldValues(s);
        for (int i = 0; i < 5; i++) {
            kernel.evaluate("var big = new double[1000];", new RecordingOutput());
        }
        assertEquals(held, SessionProbe.heldValues(s), "a redefined variable's old value is not kept");
        for (int i = 0; i < JShellSession.KEPT_RESULT_CELLS + 10; i++) {
            kernel.evaluate("new double[10]", new RecordingOutput());
        }
        assertTrue(SessionProbe.heldValues(s) <= held + JShellSession.KEPT_RESULT_CELLS,
                "held " + SessionProbe.heldValues(s));
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("%release", out);
        assertTrue(out.out().contains("released"), out.out());
        assertEquals(held, SessionProbe.heldValues(s), "%release leaves the named variables only");
    }
}
