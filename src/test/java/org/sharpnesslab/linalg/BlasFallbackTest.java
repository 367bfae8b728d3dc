package org.sharpnesslab.linalg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java backend as a user meets it, in child JVMs ({@link FallbackProbe}): forced by
 * {@code -Dsharpnesslab.blas=java}, and chosen by itself when the class path has no native jars (and JavaCPP's
 * cache of extracted libraries, which it would otherwise load from, is empty). Each says so in one warning, and
 * its results equal this JVM's (native) ones to 1e-12.
 */
class BlasFallbackTest {

    /** Natives jars of JavaCPP presets: artifact-version-platform[-redist].jar. */
    private static final Pattern NATIVES = Pattern.compile(
            "(openblas|javacpp|mkl)-.+-(linux|macosx|windows|android|ios)-[A-Za-z0-9_]+(-redist)?\\.jar");

    @Test
    void forcedJavaBackendWarnsOnceAndMatchesTheNativeResults(@TempDir Path tmp) throws Exception {
        Child child = run(tmp, List.of("-Dsharpnesslab.blas=java"), classPath(), "ops");
        assertEquals(0, child.exit, child.stderr);
        assertEquals("java (sharpnesslab.blas=java)", child.line("backend"), child.stdout);
        assertEquals("NativeArray[3, in a Java array]", child.line("storage"));
        assertEquals(1, warnings(child.stderr), child.stderr);
        assertTrue(child.stderr.contains("WARNING: sharpnesslab.blas=java: sharpness-lab computes its matrix products"
                + " and factorisations in pure Java"), child.stderr);
        assertSame(FallbackProbe.compute("ops"), child.values());
    }

    @Test
    void withoutNativesTheHessianRunsInJavaAfterOneWarning(@TempDir Path tmp) throws Exception {
        List<String> removed = new ArrayList<>();
        String cp = withoutNatives(classPath(), removed);
        assertFalse(removed.isEmpty(), "no natives jar matching " + NATIVES + " on the class path " + classPath());
        Child child = run(tmp, List.of("-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp-cache")), cp,
                "hessian");
        assertEquals(0, child.exit, child.stderr);
        String platform = BackendChoice.platform();
        assertTrue(child.line("backend").startsWith("java (no native BLAS: OpenBLAS natives for " + platform
                + " did not load: "), child.stdout);
        assertEquals("NativeArray[3, in a Java array]", child.line("storage"));
        assertEquals(1, warnings(child.stderr), child.stderr);
        String warning = child.stderr.substring(child.stderr.indexOf("WARNING: "));
        assertTrue(warning.startsWith("WARNING: No native BLAS on " + platform + " (UnsatisfiedLinkError: "), warning);
        assertTrue(warning.contains("org.bytedeco:openblas:" + org.bytedeco.javacpp.Loader.getVersion("org.bytedeco",
                "openblas") + ":" + platform), warning);
        assertSame(FallbackProbe.compute("hessian"), child.values());
    }

    @Test
    void openBlasAskedForWithoutItsNativesFailsWithTheReason(@TempDir Path tmp) throws Exception {
        Child child = run(tmp, List.of("-Dsharpnesslab.blas=openblas",
                "-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp-cache")), withoutNatives(classPath(),
                new ArrayList<>()), "ops");
        assertNotEquals(0, child.exit);
        assertTrue(child.stderr.contains("IllegalStateException: sharpnesslab.blas=openblas but OpenBLAS natives for "
                + BackendChoice.platform() + " did not load"), child.stderr);
    }

    /** Every named result of the child equals ours to 1e-12 (relative, in the norm). */
    private static void assertSame(Map<String, double[]> expected, Map<String, double[]> got) {
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((name, x) -> {
            double err = Vectors.relativeError(x, got.get(name));
            assertTrue(err < 1e-12, name + ": relative error " + err);
        });
    }

    private static int warnings(String stderr) {
        return (int) stderr.lines().filter(l -> l.startsWith("WARNING:")).count();
    }

    /** This JVM's class path (surefire's test class path when run by Maven). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String withoutNatives(String cp, List<String> removed) {
        List<String> kept = new ArrayList<>();
        for (String entry : cp.split(Pattern.quote(File.pathSeparator))) {
            (NATIVES.matcher(Path.of(entry).getFileName().toString()).matches() ? removed : kept).add(entry);
        }
        return String.join(File.pathSeparator, kept);
    }

    private record Child(int exit, String stdout, String stderr) {
        String line(String key) {
            return stdout.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElse("(no " + key + " line)");
        }

        Map<String, double[]> values() {
            Map<String, double[]> out = new LinkedHashMap<>();
            stdout.lines().filter(l -> !l.startsWith("backend=") && !l.startsWith("storage=") && l.contains("="))
                    .forEach(l -> out.put(l.substring(0, l.indexOf('=')), Arrays.stream(l.substring(l.indexOf('=') + 1)
                            .split(",")).mapToDouble(Double::parseDouble).toArray()));
            return out;
        }
    }

    private static Child run(Path tmp, List<String> options, String cp, String mode)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", cp, FallbackProbe.class.getName(), mode));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s: " + command);
        }
        return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
