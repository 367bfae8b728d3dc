package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Protocol-level tests: the installed kernel started by Jupyter's own client machinery (jupyter_client, nbclient),
 * exactly as JupyterLab or {@code install.sh --execute} would. One test per notebook in {@code notebooks/} (each
 * runs top to bottom and must not report any cell error), and one conversation through jupyter_client checking
 * evaluation, rendering (PNG, HTML), display updates, interrupts, error recovery, the help pager, history,
 * is_complete, and every message received against the messaging spec ({@code kernel-install/protocol_check.py}:
 * the ground of the public conformance suite jupyter_kernel_test, which CI cannot install).
 *
 * <p>Needs a Python with nbclient and the kernelspec {@code sharpness-java} installed
 * ({@code kernel-install/install.sh}). The Python is {@code $SHARPNESS_PYTHON}, else {@code .venv/bin/python},
 * else {@code python3} if it imports nbclient. Without them the tests are skipped, unless
 * {@code SHARPNESS_REQUIRE_JUPYTER=1} (set by {@code install.sh --test}): then they fail.
 */
class NotebookProtocolTest {

    private static final String KERNEL = env("SHARPNESS_KERNEL", "sharpness-java");
    private static final boolean REQUIRED = "1".equals(System.getenv("SHARPNESS_REQUIRE_JUPYTER"));
    private static final Path ROOT = projectRoot();

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    /** Output and exit status of a finished process. */
    record Result(int exit, String output) {
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile("sharpness-protocol", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A Python that imports nbclient and sees the kernelspec, or why there is none. */
    static String python() throws Exception {
        List<String> candidates = new ArrayList<>();
        String explicit = System.getenv("SHARPNESS_PYTHON");
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(explicit);
        } else {
            if (Files.isExecutable(ROOT.resolve(".venv/bin/python"))) {
                candidates.add(ROOT.resolve(".venv/bin/python").toString());
            }
            candidates.add("python3");
        }
        StringBuilder why = new StringBuilder();
        for (String py : candidates) {
            Result r;
            try {
                r = run(List.of(py, "-c", "import nbclient, nbconvert, jupyter_client\n"
                        + "from jupyter_client.kernelspec import KernelSpecManager\n"
                        + "print(KernelSpecManager().get_kernel_spec('" + KERNEL + "').resource_dir)"), 60);
            } catch (IOException e) {
                why.append(py).append(": ").append(e.getMessage()).append("; ");
                continue;
            }
            if (r.exit() == 0) {
                return py;
            }
            String last = r.output().strip();
            last = last.substring(last.lastIndexOf('\n') + 1);
            why.append(py).append(": ").append(last).append("; ");
        }
        String message = "Jupyter is not available for the protocol tests (" + why
                + "). Run kernel-install/install.sh (or install.sh --test) first.";
        if (REQUIRED) {
            fail(message + " SHARPNESS_REQUIRE_JUPYTER=1 forbids skipping.");
        }
        Assumptions.assumeTrue(false, message);
        return null;
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutError() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(!notebooks.isEmpty(), "no notebooks in " + ROOT.resolve("notebooks"));
        String py = python();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            Result r = run(List.of(py, ROOT.resolve("kernel-install/run_notebooks.py").toString(), "--kernel", KERNEL,
                    "--timeout", env("SHARPNESS_CELL_TIMEOUT", "900"),
                    "--out", ROOT.resolve("target/protocol-notebooks").toString(), nb.toString()), 3600);
            System.out.println(r.output());
            assertEquals(0, r.exit(), () -> nb.getFileName() + " failed:\n" + r.output());
            NotebookNumbers.check(nb.getFileName().toString(),
                    ROOT.resolve("target/protocol-notebooks").resolve(nb.getFileName()));
        }));
    }

    @Test
    void kernelSpeaksTheJupyterProtocol() throws Exception {
        String py = python();
        Result r = run(List.of(py, ROOT.resolve("kernel-install/protocol_check.py").toString(), "--kernel", KERNEL),
                600);
        System.out.println(r.output());
        assertEquals(0, r.exit(), () -> "protocol checks failed:\n" + r.output());
        assertTrue(r.output().contains("all protocol checks passed"), r.output());
    }
}
