package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/**
 * ■ and {@code IJAVA_TIMEOUT} reach loops inside the library: a cell running a long library computation on all
 * cores ends within a second with an "interrupted"/"timed out" error, a thread dump then shows no thread running
 * library code (only the kernel's own), and the next cell works.
 */
class KernelCancellationTest {

    /** Fig. 3a of 000 with 2·10⁸ transient steps per η: minutes of work spread over the cores by task.Parallel. */
    private static final String LONG_BIFURCATION = """
            double[] etas = new double[16];
            for (int i = 0; i < etas.length; i++) etas[i] = 0.1 + 0.005 * i;
            UVBifurcation.eosMap(EoSMap.of(0.3, 1.0, 2.0, 1.0), etas, 200_000_000, 100)
            """;

    /** A sweep on all cores whose cells each iterate the EoS map's Lyapunov exponent for 10⁹ steps. */
    private static final String LONG_SWEEP = """
            Sweep.grid().axis("eta", 0.1, 0.12, 0.14, 0.16).run(cell -> Outcome.of("lyapunov",
                    Lyapunov.exponent(EoSMap.of(cell.d("eta"), 1.0, 2.0, 1.0).asMap1D(), 0.1, 1_000_000_000, 1000).max()))
            """;


    private static final String WARM_UP = """
            UVBifurcation.eosMap(EoSMap.of(0.3, 1.0, 2.0, 1.0), new double[] {0.1, 0.2}, 10, 2);
            Sweep.grid().axis("eta", 0.1, 0.12).run(cell -> Outcome.of("lyapunov",
                    Lyapunov.exponent(EoSMap.of(cell.d("eta"), 1.0, 2.0, 1.0).asMap1D(), 0.1, 10, 10).max()))
            """;

    private static CompletableFuture<Throwable> start(SharpnessKernel kernel, String code) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                kernel.evaluate(code, new RecordingOutput());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    /** Threads (other than the kernel's own machinery) with a frame of the library's numerical packages. */
    static String libraryThreads() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            boolean library = false;
            for (StackTraceElement f : e.getValue()) {
                String c = f.getClassName();
                library |= c.startsWith("org.sharpnesslab.") && !c.startsWith("org.sharpnesslab.kernel.")
                        && !c.startsWith("org.sharpnesslab.notebook.");
            }
            if (library) {
                sb.append(e.getKey().getName()).append('\n');
                for (StackTraceElement f : e.getValue()) {
                    sb.append("    at ").append(f).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String allThreads() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            sb.append(e.getKey().getName()).append(" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement f : e.getValue()) {
                sb.append("    at ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    private static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    private static void assertStopsWithinASecond(SharpnessKernel kernel, String code, boolean interrupt,
                                                 String expected) throws Exception {
        CompletableFuture<Throwable> cell = start(kernel, code);
        Thread.sleep(interrupt ? 1500 : 0);
        long t0 = System.nanoTime();
        if (interrupt) {
            assertTrue(!cell.isDone(), "the library loop runs: " + cell.getNow(null));
            kernel.interrupt();
        }
        Throwable t;
        try {
            t = cell.get(interrupt ? 1 : 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the cell still runs " + (System.nanoTime() - t0) / 1e6 + " ms after the "
                    + (interrupt ? "interrupt" : "start") + "; threads:\n" + allThreads(), e);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(t != null, "the cell ended with an error");
        String report = t.getMessage() + " " + String.join("\n", kernel.formatError(t instanceof Exception e ? e
                : new RuntimeException(t)));
        assertTrue(report.toLowerCase().contains(expected), expected + " in: " + report + " (" + t + ")");
        if (interrupt) {
            assertTrue(ms < 1000, "stopped " + ms + " ms after the interrupt");
        }
        String left = libraryThreads();
        long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (!left.isEmpty() && System.nanoTime() < wait) {       // a worker between its last frame and exit
            Thread.sleep(10);
            left = libraryThreads();
        }
        assertEquals("", left, "no thread runs library code after the cell ended");
        assertEquals("4", text(kernel.evaluate("2 + 2", new RecordingOutput())), "the next cell works");
    }

    @Test
    void interruptStopsALibraryLoopOnAllCoresWithinASecond() throws Exception {
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.defaults());
        try {
            assertEquals("2", text(kernel.evaluate("1 + 1", new RecordingOutput())), "started");
            assertStopsWithinASecond(kernel, LONG_BIFURCATION, true, "interrupted");
            assertStopsWithinASecond(kernel, LONG_SWEEP, true, "interrupted");
        } finally {
            kernel.onShutdown(false);
        }
    }

    @Test
    void aCellDoesNotWaitForTheLibrarysOwnThreads() throws Exception {
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.defaults());
        try {
            assertEquals("2", text(kernel.evaluate("1 + 1", new RecordingOutput())), "started");
            // a pending timed cancellation, a parallel pool and a background task made in a cell: the statements
            // after them (and the next cell) run at once instead of waiting for those threads to end
            CompletableFuture<Throwable> cell = start(kernel, """
                    var late = Cancellation.newToken().cancelAfter(600_000, "much later");
                    Parallel.forEach(8, 2, i -> { });
                    var bg = Cancellation.submit(Cancellation.newToken(), () -> 42);
                    int after = bg.get() + 1;
                    after
                    """);
            Throwable t = cell.get(20, TimeUnit.SECONDS);
            assertEquals(null, t);
            assertEquals("44", text(kernel.evaluate("after + 1", new RecordingOutput())));
        } finally {
            kernel.onShutdown(false);
        }
    }

    @Test
    void timeoutStopsALibraryLoopOnAllCores() throws Exception {
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.defaults().withTimeoutMillis(1500));
        try {
            assertEquals("2", text(kernel.evaluate("1 + 1", new RecordingOutput())), "started");
            // load the classes first: a time limit that strikes during a class's static initialisation leaves it
            // unusable in this JVM (JShell stops the thread), which is not what this test is about
            kernel.evaluate(WARM_UP, new RecordingOutput());
            assertStopsWithinASecond(kernel, LONG_SWEEP, false, "timed out");
            assertStopsWithinASecond(kernel, LONG_BIFURCATION, false, "timed out");
        } finally {
            kernel.onShutdown(false);
        }
    }
}
