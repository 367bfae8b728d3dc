package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every snippet the README and the Javadoc show runs as written where it is shown: a ```java block of the README
 * pasted into ONE cell (as a reader does) runs in the kernel, the program block is the quick-start project's main
 * class (built and run by {@link QuickStartTest}), and every Javadoc {@code <pre>{@code ...}} example is a cell
 * the kernel accepts (no statement left without its semicolon in the middle); the self-contained ones run.
 */
class DocSnippetsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    private static SharpnessKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new SharpnessKernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    /** The README's fenced blocks of a language, in order. */
    static List<String> readmeBlocks(String lang) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("(?ms)^```" + lang + "\\n(.*?)^```").matcher(readme);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every Javadoc example of the library: source file → its {@code <pre>{@code ...}} blocks, stars removed. */
    static Map<String, List<String>> javadocExamples() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Path src = ROOT.resolve("src/main/java");
        Pattern pre = Pattern.compile("(?s)<pre>\\{@code(.*?)\\}</pre>");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = pre.matcher(Files.readString(f));
                while (m.find()) {
                    String body = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                            .reduce((a, b) -> a + "\n" + b).orElse("").strip();
                    out.computeIfAbsent(src.relativize(f).toString().replace(java.io.File.separatorChar, '/').replaceFirst("^org/sharpnesslab/", ""), k -> new ArrayList<>()).add(body);
                }
            }
        }
        return out;
    }

    private static boolean isProgram(String block) {
        return block.contains("public static void main");
    }

    private static boolean isIJava(String block) {
        return block.startsWith("%jars");
    }

    @Test
    void theReadmesFirstCellRunsAsOneCellShowingTheTableAndThePortrait() throws Exception {
        String cell = readmeBlocks("java").get(0);
        assertTrue(cell.startsWith("var map = UVMap.of"), cell);
        RecordingOutput out = new RecordingOutput();
        DisplayData value = kernel.evaluate(cell, out);
        assertNotNull(value, "the cell's last expression is shown");
        assertTrue(value.hasDataForType(MIMEType.IMAGE_PNG), "the phase portrait as PNG: " + value);
        assertEquals(1, out.displays().size(), "the fixed-point table shown through display(...)");
        String html = String.valueOf(out.displays().get(0).getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("stability") || html.contains("<table"), html);
    }

    @Test
    void everyReadmeCellRunsAsOneCell(@TempDir Path dir) throws Exception {
        int ran = 0;
        for (String block : readmeBlocks("java")) {
            if (isProgram(block) || isIJava(block)) {
                continue;
            }
            assertEquals("complete", kernel.isComplete(block), "a README cell the kernel does not accept:\n" + block);
            if (block.contains("Slurm.options()")) {
                continue;   // needs sbatch and a cluster's partition: SlurmSweepTest submits a sweep to a local Slurm
            }
            String cell = block.replace("Path.of(\"results/", "Path.of(\"" + dir.toString().replace("\\", "/") + "/");
            if (cell.contains("Future<Table> f")) {        // cancelling the sweep of the block before: its sweep and dir
                kernel.evaluate("Path dir = Path.of(\"" + dir + "/uv-cancel\");", new RecordingOutput());
            }
            kernel.evaluate(cell, new RecordingOutput());
            ran++;
        }
        assertTrue(ran >= 3, ran + " README cells ran");
    }

    @Test
    void theReadmesProgramIsTheQuickStartsMainClassAsWritten() throws IOException {
        List<String> programs = readmeBlocks("java").stream().filter(DocSnippetsTest::isProgram).toList();
        assertEquals(1, programs.size());
        assertEquals(Files.readString(ROOT.resolve(QuickStartTest.MAIN)), programs.get(0),
                "the README shows " + QuickStartTest.MAIN + " as it is");
        String dependency = readmeBlocks("xml").get(0).strip();
        String pom = Files.readString(ROOT.resolve("examples/quickstart/pom.xml"));
        assertTrue(pom.replaceAll("\\s+", "").contains(dependency.replaceAll("\\s+", "")),
                "the quick-start pom has the README's <dependency>");
    }

    /** Examples that are fragments on purpose: they show a shape ({@code ...} stands for the reader's code). */
    private static boolean isFragment(String example) {
        return example.contains("...");
    }

    @Test
    void everyJavadocExampleIsACellTheKernelAccepts() throws IOException {
        // one parse for all: each example is a method body whose last expression gets the ';' a cell supplies
        StringBuilder unit = new StringBuilder("class $Examples {\n");
        List<String> where = new ArrayList<>();       // the example each line of the unit belongs to
        where.add("");
        int checked = 0;
        for (Map.Entry<String, List<String>> e : javadocExamples().entrySet()) {
            for (String example : e.getValue()) {
                if (isFragment(example)) {
                    continue;
                }
                checked++;
                unit.append("void e").append(checked).append("() throws Exception {\n");
                where.add(e.getKey());
                for (String line : (example + "\n;").split("\n")) {
                    unit.append(line).append('\n');
                    where.add(e.getKey() + ":\n" + example);
                }
                unit.append("}\n");
                where.add(e.getKey());
            }
        }
        unit.append("}\n");
        assertTrue(checked >= 35, checked + " examples checked");
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        javax.tools.DiagnosticCollector<javax.tools.JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
        javax.tools.JavaFileObject file = new javax.tools.SimpleJavaFileObject(java.net.URI.create("string:///$Examples.java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        ((com.sun.source.util.JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none"), null,
                List.of(file))).parse();
        List<String> rejected = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null) + " in " + where.get((int) Math.min(d.getLineNumber(), where.size() - 1)))
                .distinct().toList();
        assertEquals(List.of(), rejected, "Javadoc examples a cell would reject (an expression without its ';' "
                + "before more code: only a cell's last expression goes without it)");
    }

    /** Javadoc examples that run in a second or so on an idle machine, with the names they use defined the way their Javadoc says. */
    private static final Map<String, String> RUNNABLE = Map.ofEntries(
            Map.entry("uv/UVMap.java", ""),
            Map.entry("plot/PhasePortrait.java", ""),
            Map.entry("plot/Plots.java", "var run = UVMap.of(0.3, 1, 2, 1).iterate(-1.9, 0.5, 200); double eta = 0.3;"
                    + " var orbit = run;"),
            Map.entry("plot/Figure.java", "var run = UVMap.of(0.3, 1, 2, 1).iterate(-1.9, 0.5, 200);"),
            Map.entry("plot/Quiver.java", "var map = UVMap.of(0.3, 1, 2, 1);"),
            Map.entry("dynamics/Maps.java", ""),
            Map.entry("dynamics/PeriodicOrbits.java", ""),
            Map.entry("dynamics/FixedPoints.java", "var map = UVMap.of(0.3, 1, 2, 1);"),
            Map.entry("uv/UVModel.java", ""),
            Map.entry("nn/Sequential.java", ""));

    @Test
    void theSelfContainedJavadocExamplesRun() throws Exception {
        Map<String, List<String>> all = javadocExamples();
        for (Map.Entry<String, String> e : RUNNABLE.entrySet()) {
            List<String> examples = all.get(e.getKey());
            assertNotNull(examples, "no example in " + e.getKey() + " among " + all.keySet());
            if (!e.getValue().isEmpty()) {
                kernel.evaluate(e.getValue(), new RecordingOutput());
            }
            for (String example : examples) {
                try {
                    kernel.evaluate(example, new RecordingOutput());
                } catch (CellError err) {
                    throw new AssertionError(e.getKey() + ":\n" + example + "\n" + String.join("\n", err.traceback()), err);
                }
            }
        }
    }
}
