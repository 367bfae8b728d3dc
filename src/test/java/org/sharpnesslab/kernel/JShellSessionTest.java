package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IJava's environment variables: parsing, start-up scripts, class path, per-statement timeout. */
class JShellSessionTest {

    @Test
    void timeoutIsParsedLikeIJava() {
        assertEquals(500, KernelConfig.parseTimeout("500"));
        assertEquals(30_000, KernelConfig.parseTimeout("30 SECONDS"));
        assertEquals(0, KernelConfig.parseTimeout("-1"));
        assertEquals(0, KernelConfig.parseTimeout(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeout("soon"));
        assertTrue(e.getMessage().contains("IJAVA_TIMEOUT") && e.getMessage().contains("soon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelConfig.defaults().withTimeoutMillis(-5));
    }

    @Test
    void compilerOptionsSplitAtBlanksAndKeepQuotedWords() {
        assertEquals(List.of("-Xlint:all", "--add-modules", "jdk.incubator.vector", "a b"),
                KernelConfig.splitOptions(" -Xlint:all  --add-modules jdk.incubator.vector \"a b\" "));
    }

    @Test
    void startupScriptsClasspathAndTimeoutFromTheEnvironment(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one.jshell"), "int answer = 40;");
        Files.writeString(dir.resolve("two.jshell"), "int extra = 2;");
        KernelConfig config = KernelConfig.fromEnvironment(Map.of(
                KernelConfig.STARTUP_SCRIPTS_PATH, dir + "/*.jshell",
                KernelConfig.STARTUP_SCRIPT, "int total = answer + extra;",
                KernelConfig.CLASSPATH, dir + "/missing-*.jar",
                KernelConfig.TIMEOUT, "400"));
        assertEquals(3, config.startupScripts().size());
        assertEquals(400, config.timeoutMillis());
        try (JShellSession session = new JShellSession(config)) {
            List<String> problems = session.awaitStartup();
            assertTrue(problems.stream().anyMatch(p -> p.contains("missing-*.jar")), problems.toString());
            assertFalse(problems.stream().anyMatch(p -> p.contains("import")), "every start-up import compiles: " + problems);
            session.runStartupScripts();
            String cell = "total";
            assertEquals(42, session.evaluate(cell, 0, cell.length(), "cell [1]").value());

            String loop = "int n = 0;\nwhile (true) { n++; }";
            long t0 = System.nanoTime();
            CellError.TimedOut e = assertThrows(CellError.TimedOut.class,
                    () -> session.evaluate(loop, 0, loop.length(), "cell [2]"));
            double ms = (System.nanoTime() - t0) / 1e6;
            assertEquals(2, e.line());
            assertTrue(ms < 2400, "stopped after " + ms + " ms");
            String after = "java.util.List.of(1, 2).size()";
            assertEquals(2, session.evaluate(after, 0, after.length(), "cell [3]").value());
        }
    }

    @Test
    void startupImportsOnlyExistingPackages() {
        List<String> code = ShellStartup.startupCode();
        assertTrue(code.contains("import tech.tablesaw.api.*;"));
        assertTrue(code.contains("import org.sharpnesslab.plot.*;"));
        assertTrue(code.contains("import static org.sharpnesslab.notebook.Notebook.display;"));
        assertFalse(ShellStartup.packageExists("org.sharpnesslab.nosuchpackage"));
    }
}
