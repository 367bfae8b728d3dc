package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel under a hostile user (issue 20): {@code System.exit} on the library's worker threads, threads a cell
 * started still running after ■, stops landing in class initialisers and in the middle of a message.
 */
class KernelReliabilityTest {

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

    private static CompletableFuture<Throwable> startCell(String code) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                eval(code);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    private static boolean alive(String threadName) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(threadName) && t.isAlive());
    }

    @Test
    void systemExitOnTheLibrarysWorkersDoesNotEndTheKernel() throws Exception {
        assumeTrue(ExitGuard.mode() == ExitGuard.Mode.BLOCK, "no security manager on this JDK");
        SecurityException e = assertThrows(SecurityException.class,
                () -> eval("Parallel.forEach(64, i -> System.exit(7));"));
        assertTrue(e.getMessage().contains("System.exit(7) is blocked"), e.getMessage());
        assertEquals("4", text(eval("""
                Sweep.grid().axis("a", 1, 2, 3, 4).run(cell -> { System.exit(9); return Outcome.of("x", 1.0); })
                    .where(t -> t.stringColumn("error").containsString("System.exit(9) is blocked")).rowCount()""")),
                "every cell failed with the guard's error, on the sweep's workers");
        assertEquals("2", text(eval("1 + 1")), "the kernel lives");
    }

    @Test
    void interruptStopsTheThreadsTheCellStarted() throws Exception {
        assertEquals("2", text(eval("1 + 1")));
        CompletableFuture<Throwable> cell = startCell("""
                Thread spinner = new Thread(() -> { double s = 0; while (true) { s += Math.sqrt(s + 1); } }, "user-spinner");
                Thread sleeper = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }, "user-sleeper");
                spinner.start();
                sleeper.start();
                spinner.join();""");
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(alive("user-spinner") && alive("user-sleeper")) && System.nanoTime() < wait) {
            Thread.sleep(10);
        }
        assertTrue(alive("user-spinner") && alive("user-sleeper"), "the cell's threads started");
        kernel.interrupt();
        Throwable t = cell.get(5, TimeUnit.SECONDS);
        assertInstanceOf(CellError.Interrupted.class, t);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while ((alive("user-spinner") || alive("user-sleeper")) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(!alive("user-spinner") && !alive("user-sleeper"), "no thread of the cell's making runs after ■");
        assertEquals("2", text(eval("1 + 1")));
    }

    /** An output whose every message takes 20 ms to send, recorded as its two halves (a multipart message). */
    static final class SlowWire implements CellOutput {
        final StringBuffer wire = new StringBuffer();

        private void send(String what) {
            wire.append("<");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wire.append(what.length()).append(">");
        }

        @Override
        public void stdout(String text) {
            send(text);
        }

        @Override
        public void stderr(String text) {
            send(text);
        }

        @Override
        public void display(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            send("display");
        }

        @Override
        public void updateDisplay(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            send("update");
        }
    }

    @Test
    void aStopNeverCutsAMessageInHalf() throws Exception {
        assertEquals("2", text(eval("1 + 1")));
        for (int round = 0; round < 3; round++) {
            SlowWire wire = new SlowWire();
            CompletableFuture<Throwable> cell = CompletableFuture.supplyAsync(() -> {
                try {
                    kernel.evaluate("while (true) { System.out.println(\"line\"); System.out.flush(); }", wire);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (wire.wire.length() < 40 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(round * 7);
            kernel.interrupt();
            assertInstanceOf(CellError.Interrupted.class, cell.get(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            String w = wire.wire.toString();
            assertTrue(w.length() > 10, "messages were sent: " + w);
            assertTrue(w.matches("(<\\d+>)*"), "every message whole: " + w);
        }
    }

    @Test
    void everyLibraryPackageIsImportedAndTheReadmeSaysWhich() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("src/main/java/org/sharpnesslab");
        java.util.Set<String> packages = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().equals("package-info.java"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .filter(p -> !p.equals("kernel")).forEach(packages::add);
        }
        assertEquals(packages, new java.util.TreeSet<>(ShellStartup.LIBRARY_PACKAGES), "imported in every cell");
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md")).replaceAll("\\s+", " ");
        int at = readme.indexOf("every package of the library");
        assertTrue(at > 0, "the README names the imported packages");
        String sentence = readme.substring(at, readme.indexOf("so a cell reads like", at));
        for (String p : packages) {
            assertTrue(sentence.contains("`" + p + "`"), p + " in the README's list: " + sentence);
        }
    }
}
