package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A long session: 500 cells in one kernel, each computing a Hessian-vector product of a small network, showing a
 * Table ({@code display}) and returning a chart (rendered to PNG). Between cell 100 and cell 500 the heap after
 * GC must grow by less than 20 % and the median cell latency drift by less than 20 %. Latency is measured as the
 * process CPU time a cell takes (all threads: JShell's compiler, the user code, rendering, GC), which other
 * processes on a shared machine do not inflate; the wall time is printed beside it. The JIT is still warming up
 * over the first 200 cells or so (the median of cells 51-100 is about twice that of cells 201-250), so the latency
 * check only fails on a drift larger than that warm-up: the medians of every hundredth window are printed to show
 * the whole course. Takes two minutes on an idle 2-core machine (much longer on a loaded one): opt-in with
 * {@code SHARPNESS_SOAK=1} ({@code SHARPNESS_SOAK=1 mvn -B test -Dtest=KernelSoakTest}).
 */
@EnabledIfEnvironmentVariable(named = "SHARPNESS_SOAK", matches = "1")
class KernelSoakTest {

    static final int CELLS = 500;
    static final int FIRST = 100;
    static final int WINDOW = 50;

    @Test
    void fiveHundredCellsKeepHeapAndLatencyFlat() throws Exception {
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.defaults());
        try {
            kernel.evaluate("""
                    var net = FCN.of(16, 48, 2, 4);
                    var data = Datasets.gaussian(64, 16, 4, 7);
                    double[] theta = net.init(7);
                    int p = net.numParams();""", new RecordingOutput());
            double[] millis = new double[CELLS + 1];
            double[] wall = new double[CELLS + 1];
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double heapAtFirst = 0;
            double heapAtLast = 0;
            for (int i = 1; i <= CELLS; i++) {
                String cell = """
                        var h = Hessian.at(net, theta, data, Loss.MSE);
                        double[] v = new double[p];
                        v[%d %% p] = 1;
                        double[] hv = new double[p];
                        h.apply(v, hv);
                        var t = Table.create("hv", DoubleColumn.create("hv", Arrays.copyOf(hv, 64)),
                                DoubleColumn.create("index", java.util.stream.IntStream.range(0, 64).asDoubleStream().toArray()));
                        display(t);
                        Plots.line(t, "index", "hv").title("cell %d")""".formatted(i, i);
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                DisplayData d = kernel.evaluate(cell, new RecordingOutput());
                millis[i] = (os.getProcessCpuTime() - c0) / 1e6;
                wall[i] = (System.nanoTime() - t0) / 1e6;
                assertNotNull(d.getData(MIMEType.IMAGE_PNG), "cell " + i + " rendered no chart");
                if (i == FIRST) {
                    heapAtFirst = heapAfterGc();
                } else if (i == CELLS) {
                    heapAtLast = heapAfterGc();
                }
            }
            double early = median(Arrays.copyOfRange(millis, FIRST - WINDOW + 1, FIRST + 1));
            double late = median(Arrays.copyOfRange(millis, CELLS - WINDOW + 1, CELLS + 1));
            double wallEarly = median(Arrays.copyOfRange(wall, FIRST - WINDOW + 1, FIRST + 1));
            double wallLate = median(Arrays.copyOfRange(wall, CELLS - WINDOW + 1, CELLS + 1));
            StringBuilder course = new StringBuilder();
            for (int end = FIRST; end <= CELLS; end += 100) {
                course.append(course.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d-%d: %.0f ms",
                        end - WINDOW + 1, end, median(Arrays.copyOfRange(millis, end - WINDOW + 1, end + 1))));
            }
            double heapGrowth = heapAtLast / heapAtFirst - 1;
            double drift = late / early - 1;
            System.out.printf(Locale.ROOT, "soak: heap after GC %.1f MB at cell %d, %.1f MB at cell %d (%+.1f %%); "
                            + "median CPU time per cell %.1f ms (cells %d-%d), %.1f ms (cells %d-%d) (%+.1f %%); "
                            + "median wall time %.1f ms, %.1f ms; median CPU time per cell over the session: %s; "
                            + "%d values held, %d snippet origins; JShell: %s%n",
                    heapAtFirst / 1e6, FIRST, heapAtLast / 1e6, CELLS, 100 * heapGrowth, early, FIRST - WINDOW + 1,
                    FIRST, late, CELLS - WINDOW + 1, CELLS, 100 * drift, wallEarly, wallLate, course,
                    SessionProbe.heldValues(kernel.session()),
                    SessionProbe.errorOrigins(kernel.session()), SessionProbe.snippetClassStats(kernel.session()));
            assertTrue(heapGrowth < 0.20, "heap after GC grew " + 100 * heapGrowth + " %");
            assertTrue(drift < 0.20, "median CPU time per cell drifted " + 100 * drift + " %");
        } finally {
            kernel.onShutdown(false);
        }
    }

    private static double heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
