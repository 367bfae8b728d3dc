package org.sharpnesslab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * ■ during the first use of BLAS (issue 20): the thread that triggered the load is stopped as JShell stops a cell,
 * while the natives load; the JVM's later calls still work (no {@code NoClassDefFoundError: Could not initialize
 * class}), in a fresh child JVM each ({@link InterruptedLoadProbe}).
 */
class BlasInterruptTest {

    @Test
    void aStopDuringTheFirstLoadLeavesBlasUsable() throws Exception {
        for (long delay : new long[] {30, 250}) {
            String out = child(delay);
            assertTrue(out.contains("c00=64.0"), "stopped " + delay + " ms into the load:\n" + out);
            assertTrue(!out.contains("NoClassDefFoundError"), out);
            assertTrue(out.contains("backend=openblas") || out.contains("backend=mkl")
                    || out.contains("backend=java"), out);
        }
    }

    private static String child(long delay) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, "-Xmx256m", InterruptedLoadProbe.class.getName(),
                String.valueOf(delay)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child ended");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
