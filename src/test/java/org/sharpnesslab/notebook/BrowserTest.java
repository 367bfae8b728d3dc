package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The platform in a real browser ({@code kernel-install/browser_check.py}): JupyterLab from the project's Python
 * on localhost, headless Chromium (Debian's {@code /usr/bin/chromium} driven by Playwright) opens
 * {@code notebooks/00-tour.ipynb}, runs all cells, finds the tables, images and maths rendered in the page, stops a
 * {@code while (true) {}} cell with the toolbar's ■ button, and opens the notebook's HTML with the network blocked
 * (maths rendered offline). Needs {@code kernel-install/browser_setup.sh} (chromium, playwright) and the kernelspec;
 * skipped without them unless {@code SHARPNESS_REQUIRE_BROWSER=1}, then it fails.
 */
class BrowserTest {

    private static final boolean REQUIRED = "1".equals(System.getenv("SHARPNESS_REQUIRE_BROWSER"));

    @Test
    void tourRunsInChromium() throws Exception {
        String py = NotebookProtocolTest.python();
        NotebookProtocolTest.Result probe = NotebookProtocolTest.run(List.of(py, "-c",
                "import playwright.sync_api"), 60);
        boolean ready = probe.exit() == 0 && Files.isExecutable(Path.of("/usr/bin/chromium"));
        if (!ready) {
            String why = "no chromium or playwright (run kernel-install/browser_setup.sh): " + probe.output().strip();
            if (REQUIRED) {
                fail(why + "; SHARPNESS_REQUIRE_BROWSER=1 forbids skipping");
            }
            Assumptions.assumeTrue(false, why);
        }
        Path script = Path.of("kernel-install/browser_check.py").toAbsolutePath();
        NotebookProtocolTest.Result r = NotebookProtocolTest.run(List.of(py, script.toString(), "--kernel",
                System.getenv().getOrDefault("SHARPNESS_KERNEL", "sharpness-java")), 1800);
        System.out.println(r.output());
        assertEquals(0, r.exit(), () -> "browser checks failed:\n" + r.output());
        assertTrue(r.output().contains("all browser checks passed"), r.output());
    }
}
