package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A kernel process starting as Jupyter starts it prints nothing to its log: no deprecation warnings. */
class KernelStartTest {

    @Test
    void aNormalStartPrintsNoWarning() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // --add-opens as the kernel jar's manifest (Add-Opens) gives it
        Process p = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KernelMain.class.getName(), "--warm-up")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the warm-up run did not end");
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertFalse(log.contains("WARNING"), "the kernel's start printed:\n" + log);
        assertEquals("", log.strip(), "the kernel's start printed:\n" + log);
    }
}
