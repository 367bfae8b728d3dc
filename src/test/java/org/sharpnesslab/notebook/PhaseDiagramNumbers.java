package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sharpnesslab.notebook.NotebookNumbers.SIX;
import static org.sharpnesslab.notebook.NotebookNumbers.after;
import static org.sharpnesslab.notebook.NotebookNumbers.fcnParams;
import static org.sharpnesslab.notebook.NotebookNumbers.groups;
import static org.sharpnesslab.notebook.NotebookNumbers.near;
import static org.sharpnesslab.notebook.NotebookNumbers.numbersAfter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sharpnesslab.notebook.NotebookNumbers.Executed;

/**
 * The checks of the phase-diagram notebooks: 05 (002's early phase diagram of networks) and 07 (000's phase diagram
 * of the edge of stability). What the library guarantees whatever the machine (a constant of 002 Defs. 1-3 is a
 * value of the grid it was walked on, η = c/λ₀), the papers' closed forms at the parameter cell's values (Result 1's
 * c*, the FCN parameter counts, the statistics of unit-norm inputs and one-hot targets) and the agreement of every
 * count and cost the notebooks print with the tables they print.
 */
final class PhaseDiagramNumbers {

    private PhaseDiagramNumbers() {
    }

    /** The grid c = 2^x, x = x₀ + i·Δx (x rounded to 12 decimals), up to {@code stop} (CGrid.log2(...).upTo). */
    static double[] log2Grid(double x0, double dx, double stop) {
        List<Double> c = new ArrayList<>();
        for (int i = 0; ; i++) {
            double v = Math.pow(2, Math.round((x0 + i * dx) * 1e12) / 1e12);
            if (v > stop * (1 + 1e-12)) {
                break;
            }
            c.add(v);
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The index of the grid value that {@code c} (six digits) is, failing if it is none. */
    static int onGrid(double[] grid, double c, String what) {
        for (int i = 0; i < grid.length; i++) {
            if (Math.abs(c - grid[i]) <= 1e-5 * grid[i]) {
                return i;
            }
        }
        return fail(what + " = " + c + " is not a value of the grid " + Arrays.toString(grid));
    }

    /**
     * 05: 002 Defs. 1-3 on the walked grid (CriticalConstants.scan, no bisection): each constant is a grid value;
     * c_loss, c_sharp, c_barrier ≤ c_max (events count only before the first divergence); a run walked up to c_max and
     * one value beyond it unless censored (then the whole grid, c_max its end); the summaries average these runs;
     * ⟨c_crit⟩ is a grid point whose Savitzky-Golay window is centred on it (002 App. I.2); the printed counts and the
     * cost come from these runs and from the FCN parameter count d·w + (L − 2)w² + w·k.
     */
    static void earlyPhaseNetworks(Executed nb) {
        String t = nb.text();
        int[] widths = nb.ints("widths");
        int[] depths = nb.ints("depths");
        int seeds = nb.i("seeds");
        double[] grid = log2Grid(nb.d("xMin"), nb.d("xStep"), nb.d("cStop"));
        PrintedTable runs = PrintedTable.find(t, "per-run critical constants", 0, "c_loss", "runs");
        assertEquals((widths.length + depths.length) * seeds, runs.rows(), "runs = (widths + depths) x seeds");
        assertTrue(runs.complete(), "every run is shown");
        int broken = 0;
        double minDw = Double.POSITIVE_INFINITY;
        double maxDw = 0;
        for (int r : runs.rowNumbers()) {
            double max = runs.d(r, "c_max");
            int iMax = onGrid(grid, max, "c_max of run " + r);
            for (String c : new String[] {"c_loss", "c_sharp", "c_barrier"}) {
                double v = runs.d(r, c);
                onGrid(grid, v, c + " of run " + r);
                assertTrue(v <= max, c + " > c_max in run " + r);
            }
            int walked = (int) runs.d(r, "runs");
            if (runs.b(r, "max_censored")) {
                assertEquals(grid.length - 1, iMax, "a censored c_max is the grid's end (run " + r + ")");
                assertEquals(grid.length, walked, "a censored run walks the whole grid (run " + r + ")");
            } else {
                assertEquals(iMax + 2, walked, "the walk stops at the first diverging value after c_max (run " + r + ")");
            }
            if (!(runs.d(r, "c_loss") <= runs.d(r, "c_sharp") && runs.d(r, "c_sharp") <= max)) {
                broken++;
            }
            double dw = runs.d(r, "depth") / runs.d(r, "width");
            minDw = Math.min(minDw, dw);
            maxDw = Math.max(maxDw, dw);
        }
        double[] fails = numbersAfter(t, "c_loss <= c_sharp <= c_max fails on ");
        assertEquals(broken, fails[0], 0, "runs breaking the inequality");
        assertEquals(runs.rows(), fails[1], 0, "runs counted");
        near(minDw, fails[2], 5e-3, "smallest d/w");
        near(maxDw, fails[3], 5e-3, "largest d/w");

        // the width sweep is the first widths x seeds runs, the depth sweep the rest
        int nw = widths.length * seeds;
        summaryAverages(PrintedTable.find(t, "critical constants: averages and 25-75 % quantiles", 0, "width"),
                "width", runs, 0, nw, seeds);
        summaryAverages(PrintedTable.find(t, "critical constants: averages and 25-75 % quantiles", 0, "depth"),
                "depth", runs, nw, runs.rows(), seeds);

        double cCrit = after(t, "<c_crit> = ");
        double[] sat = log2Grid(nb.d("satXMin"), nb.d("satXStep"), Math.pow(2, nb.d("satXMax")));
        int half = nb.i("sgWindow") / 2;
        boolean centred = false;
        for (int i = half; i < sat.length - half; i++) {
            centred |= Math.abs(cCrit - sat[i]) <= 5e-3 * sat[i];           // printed with 3 digits
        }
        assertTrue(centred, "<c_crit> = " + cCrit + " is no centred point of " + Arrays.toString(sat));

        PrintedTable variants = PrintedTable.find(t, "<c_loss> by variant", 0, "width");
        assertEquals(widths.length, variants.rows());
        for (int r : variants.rowNumbers()) {
            for (String col : variants.columns().subList(1, variants.columns().size())) {
                double v = variants.d(r, col);
                assertTrue(v >= grid[0] * (1 - 1e-5) && v <= grid[grid.length - 1] * (1 + 1e-5),
                        "<c_loss> of " + col + " = " + v + " outside the grid");
            }
        }

        // cost: runs of the width sweep, core-seconds per run, parameter counts (002 Fig. 3a: d = 8, w = 2048, MNIST)
        double walkedWidth = 0;
        for (int r = 0; r < nw; r++) {
            walkedWidth += runs.d(r, "runs");
        }
        double[] m = numbersAfter(t, "measured: ");       // runs, seconds, threads, core-s per run, parameters
        assertEquals(walkedWidth, m[0], 0, "runs of the width sweep");
        near(m[1] * m[2] / m[0], m[3], 0.05 / m[1] + 5e-3, "core-seconds per run");
        long here = fcnParams(NotebookNumbers.inputDim(nb, "data", "inputDim"), widths[widths.length - 1],
                nb.i("depth"), 10);
        assertEquals(here, m[4], 0, "parameters of the widest network");
        double[] p = numbersAfter(t, "paper-scale Fig. 3a \\(");  // parameters, 2048, core-hours, days, cores, hours, 64
        long paper = fcnParams(784, 2048, 8, 10);
        assertEquals(paper, p[0], 0, "parameters of the paper's network");
        double coreSeconds = 4 * 10 * 45 * m[3] * ((double) paper / here) * (2048.0 / nb.i("nExamples"));
        double slack = 5e-3 + 1e-9;                      // core-s per run has 3 digits
        assertEquals(coreSeconds / 3600, p[2], slack * coreSeconds / 3600 + 0.5, "core-hours");
        assertEquals(coreSeconds / m[2] / 86400, p[3], slack * coreSeconds / m[2] / 86400 + 0.05, "days");
        assertEquals(coreSeconds / 64 / 3600, p[5], slack * coreSeconds / 64 / 3600 + 0.05, "hours on 64 cores");
    }

    /** Each summary row averages the per-run rows [from, to) of its group value; n = seeds; q25 ≤ q75. */
    private static void summaryAverages(PrintedTable summary, String group, PrintedTable runs, int from, int to,
                                        int seeds) {
        for (int r : summary.rowNumbers()) {
            double g = summary.d(r, group);
            assertEquals(seeds, summary.d(r, "n"), 0, "initialisations per " + group);
            for (String c : new String[] {"c_loss", "c_sharp", "c_max", "c_barrier"}) {
                double sum = 0;
                int count = 0;
                for (int q = from; q < to; q++) {
                    if (runs.d(q, group) == g) {
                        sum += runs.d(q, c);
                        count++;
                    }
                }
                assertEquals(seeds, count, "runs of " + group + " = " + g);
                near(sum / count, summary.d(r, c + "_mean"), SIX, "<" + c + "> at " + group + " = " + g);
                assertTrue(summary.d(r, c + "_q25") <= summary.d(r, c + "_q75"), c + " quantiles");
            }
        }
    }

    /**
     * 07: inputs of unit norm centred per example and one-hot targets (000 App. B.2.1), so the data summary is
     * 1/√d, 1/k, √(1/k − 1/k²); every cell has η = c/λ₀ and η λ̄/2 from its λ̄, an accuracy that counts test
     * images, λ₀ independent of c, a diverged cell flagged with its measured columns empty; Result 1's
     * c* = 2σ_w²√(n^{1−s}) (‖x‖ = y = 1); the onsets, the per-c fractions and the counts agree with the cells.
     */
    static void eosPhaseDiagram(Executed nb) {
        String t = nb.text();
        double[] sigmas = nb.doubles("sigmas");
        double[] sValues = nb.doubles("sValues");
        double[] cs = nb.doubles("cs");
        int seeds = nb.i("seeds");
        double eosLevel = nb.d("eosLevel");
        double[] setup = numbersAfter(t, "Setup\\[width=");               // width, depth, steps, window
        int width = (int) setup[0];

        PrintedTable data = PrintedTable.find(t, "datasets", 0, "input_std", "target_std");
        for (int r : data.rowNumbers()) {
            double d = data.d(r, "d");
            double k = data.d(r, "k");
            assertEquals(k, data.d(r, "classes"), 0, "one-hot targets");
            assertTrue(Math.abs(data.d(r, "input_mean")) <= 1e-12, "inputs centred per example");
            near(1 / Math.sqrt(d), data.d(r, "input_std"), 6e-6, "‖x‖ = 1: the entries' standard deviation");
            near(1 / k, data.d(r, "target_mean"), 6e-6, "one-hot: mean 1/k");
            near(Math.sqrt(1 / k - 1 / (k * k)), data.d(r, "target_std"), 6e-6, "one-hot: std");
        }
        int nTrain = (int) data.d(0, "n");
        int nTest = (int) data.d(1, "n");

        PrintedTable sweep = PrintedTable.find(t, "sweep", 0, "sigma_w2", "c", "c_star");
        assertEquals(sigmas.length * cs.length * seeds, sweep.rows(), "cells of the σ_w² × c diagram");
        Map<Double, String> lambda0 = new HashMap<>();
        for (int r : sweep.rowNumbers()) {
            double sigma = sigmas[r / (cs.length * seeds)];
            double c = cs[r / seeds % cs.length];
            assertEquals(sigma, sweep.d(r, "sigma_w2"), 0, "grid order");
            assertEquals(c, sweep.d(r, "c"), 0, "grid order");
            near(c / sweep.d(r, "lambda0"), sweep.d(r, "eta"), SIX, "η = c/λ₀ in row " + r);
            near(2 * sigma * Math.sqrt(width), sweep.d(r, "c_star"), SIX, "c* = 2σ²√n in row " + r);
            String before = lambda0.putIfAbsent(sigma, sweep.s(r, "lambda0"));
            assertEquals(before == null ? sweep.s(r, "lambda0") : before, sweep.s(r, "lambda0"), "λ₀ depends on c");
            if (sweep.b(r, "diverged")) {
                for (String col : new String[] {"lambda_bar", "eta_lambda_half", "test_accuracy"}) {
                    assertEquals("", sweep.s(r, col), "a diverged cell has no " + col);
                }
            } else {
                near(sweep.d(r, "eta") * sweep.d(r, "lambda_bar") / 2, sweep.d(r, "eta_lambda_half"), SIX,
                        "η λ̄/2 in row " + r);
                double correct = sweep.d(r, "test_accuracy") * nTest;
                assertEquals(Math.rint(correct), correct, 2e-3, "accuracy counts test images, row " + r);
            }
        }
        PrintedTable sigmaOnset = PrintedTable.find(t, "EoS onset", 0, "sigma_w2");
        assertEquals(sigmas.length, sigmaOnset.rows());
        for (int r : sigmaOnset.rowNumbers()) {
            double sigma = sigmaOnset.d(r, "sigma_w2");
            near(2 * sigma * Math.sqrt(width), sigmaOnset.d(r, "c_star"), SIX, "c* at σ² = " + sigma);
            int i = Arrays.binarySearch(sigmas, sigma);
            int from = i * cs.length * seeds;
            if (i >= 0 && sweep.shown().containsKey(from) && sweep.shown().containsKey(from + cs.length * seeds - 1)) {
                double first = Double.NaN;
                for (int j = cs.length - 1; j >= 0; j--) {              // cs ascending (the parameter cell's order)
                    double sum = 0;
                    int m = 0;
                    for (int s = 0; s < seeds; s++) {
                        double v = sweep.d(from + j * seeds + s, "eta_lambda_half");
                        if (!Double.isNaN(v)) {
                            sum += v;
                            m++;
                        }
                    }
                    first = m > 0 && sum / m >= eosLevel ? cs[j] : first;
                }
                assertEquals(first, sigmaOnset.d(r, "first_c_at_eos"), 0, "first c at the EoS, σ² = " + sigma);
            }
        }
        PrintedTable sOnset = PrintedTable.find(t, "EoS onset", 0, "s");
        assertEquals(sValues.length, sOnset.rows());
        double sigmaForS = nb.d("sigmaForS");
        for (int r : sOnset.rowNumbers()) {
            double s = sOnset.d(r, "s");
            near(2 * sigmaForS * Math.pow(width, (1 - s) / 2), sOnset.d(r, "c_star"), SIX, "c* at s = " + s);
        }

        double[] wall = groups(t, "^(\\d+) cells in [0-9.]+ s wall, ([0-9.]+) s of CPU \\(([0-9.]+) CPU-s per cell");
        assertEquals(sweep.rows(), wall[0], 0, "cells of the σ_w² sweep");
        assertEquals(wall[1] / wall[0], wall[2], 0.005 + 0.05 / wall[0], "CPU-s per cell");
        assertEquals(sValues.length * cs.length * seeds, groups(t, "^(\\d+) cells in [0-9.]+ s$")[0], 0, "cells of s");

        PrintedTable perC = PrintedTable.find(t, "EoS fraction per c", 0, "fraction_at_eos");
        assertEquals(cs.length, perC.rows());
        double cells = 0;
        double atEos = 0;
        for (int r : perC.rowNumbers()) {
            double c = perC.d(r, "c");
            assertEquals(cs[r], c, 0, "c of row " + r);
            double m = perC.d(r, "cells");
            assertTrue(m <= (sigmas.length + sValues.length) * seeds, "cells at c = " + c);
            double eos = m == 0 ? 0 : perC.d(r, "fraction_at_eos") * m;
            assertEquals(Math.rint(eos), eos, 1e-4 * m, "fraction × cells is a count at c = " + c);
            int seenEos = 0;
            int seenBelow = 0;
            for (int q : sweep.rowNumbers()) {
                if (sweep.d(q, "c") == c && !sweep.b(q, "diverged")) {
                    if (sweep.d(q, "eta_lambda_half") >= eosLevel) {
                        seenEos++;
                    } else {
                        seenBelow++;
                    }
                }
            }
            assertTrue(seenEos <= Math.rint(eos) && seenBelow <= m - Math.rint(eos),
                    "the cells shown at c = " + c + " do not fit the fraction (η λ̄/2 ≥ " + eosLevel + ")");
            cells += m;
            atEos += Math.rint(eos);
        }
        Matcher acc = Pattern.compile("mean test accuracy: (\\S+) at the EoS \\((\\d+) cells\\) vs (\\S+) below it "
                + "\\((\\d+) cells\\); Pearson\\(.*\\) = (\\S+) over (\\d+) cells").matcher(t);
        assertTrue(acc.find(), "the accuracy line");
        assertEquals(atEos, Double.parseDouble(acc.group(2)), 0, "cells at the EoS");
        assertEquals(cells, Double.parseDouble(acc.group(6)), 0, "non-diverged cells");
        assertEquals(cells, Double.parseDouble(acc.group(2)) + Double.parseDouble(acc.group(4)), 0, "at + below");
        double pearson = Double.parseDouble(acc.group(5));
        assertTrue(pearson >= -1 && pearson <= 1, "Pearson " + pearson);

        // cost: work ∝ examples × parameters × (steps + 40 × window); 000 App. B.3: 5,000 CIFAR-10 images, width
        // 512, 3 layers, 10,000 steps, λ̄ over the last 200 (EoSPhaseDiagram.Setup.paper())
        double[] cost = groups(t, "measured here: ([0-9.]+) CPU-seconds per cell; paper scale: x(\\d+) the work "
                + "-> about ([0-9.]+) core-hours per cell, (\\d+) core-hours");
        assertEquals(wall[1] / wall[0], cost[0], 0.005 + 0.05 / wall[0], "CPU-s per cell");
        double here = nTrain * (double) fcnParams((long) data.d(0, "d"), width, (int) setup[1], (long) data.d(0, "k"))
                * (setup[2] + 40 * setup[3]);
        double paper = 5000.0 * fcnParams(3072, 512, 3, 10) * (10000 + 40 * 200);
        assertEquals(paper / here, cost[1], 0.5 + 1e-9 * cost[1], "work ratio");
        assertEquals(cost[0] * cost[1] / 3600, cost[2], (0.005 / cost[0] + 1e-3) * cost[2] + 0.05, "core-hours");
        assertEquals(100 * cost[2], cost[3], 100 * 0.05 + 0.5, "core-hours for 10 x 10 cells");
    }
}
