package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharpnesslab.notebook.NotebookNumbers.SIX;
import static org.sharpnesslab.notebook.NotebookNumbers.groups;
import static org.sharpnesslab.notebook.NotebookNumbers.near;
import static org.sharpnesslab.notebook.NotebookNumbers.numbersAfter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sharpnesslab.notebook.NotebookNumbers.Executed;

/**
 * The checks of notebook 10 (sweeps on all cores, resumed, and on Slurm; the UV model of 000 §5.2): the grid is the
 * product of its axes, a resumed directory holds every cell once, the job array covers the cells, Slurm reproduces
 * the local numbers, and the UV runs obey η = c/λ^H₀, the stability of a converged minimum and Result 1.
 */
final class SweepNumbers {

    private SweepNumbers() {
    }

    /**
     * 10: the sweep is the product of its axes and seeds; UVTraining's η = c/λ^H₀ (000 §5.2); a run that converged
     * sits at a stable zero-loss minimum, so 2η/η_c ≤ ηλ^H ≤ 2 (λ ≥ 2‖x‖y/√n_eff at zero loss, 000 App. C.2, Eq. 32;
     * GD is stable iff ηλ ≤ 2), and a run at the EoS has η > η_c = √n/(‖x‖y) (Result 1, Eq. 33); the resumed
     * directory holds every cell once and none failed; the job array covers the cells; Slurm gives the same numbers.
     */
    static void sweeps(Executed nb) {
        String t = nb.text();
        double[] cs = nb.doubles("cs");
        int[] widths = nb.ints("widths");
        int seeds = nb.i("seeds");
        int steps = nb.i("steps");
        double xy = nb.d("xNorm") * nb.d("y");
        int cells = cs.length * widths.length * seeds;
        double[] axes = groups(t, "Sweep\\[c × (\\d+), n × (\\d+), steps × (\\d+), seeds × (\\d+) = (\\d+) cells\\]");
        assertEquals(List.of((double) cs.length, (double) widths.length, 1.0, (double) seeds, (double) cells),
                Arrays.stream(axes).boxed().toList(), "the grid");
        double[] first = groups(t, "first cell: Cell\\{c=([0-9.]+), n=(\\d+), steps=(\\d+)\\}\\[seed=(\\d+)");
        assertEquals(List.of(cs[0], (double) widths[0], (double) steps, 0.0), Arrays.stream(first).boxed().toList(),
                "the first cell");
        Map<String, Double> o = new HashMap<>();
        assertTrue(t.contains("  -> {"), "the first cell's outcome");
        Matcher kv = Pattern.compile("(\\w+)=([-0-9.eE]+|true|false)").matcher(
                t.substring(t.indexOf("  -> {"), t.indexOf('}', t.indexOf("  -> {"))));
        while (kv.find()) {
            o.put(kv.group(1), kv.group(2).equals("true") ? 1 : kv.group(2).equals("false") ? 0 : Double.parseDouble(kv.group(2)));
        }
        // section 2's stop: stopFraction of the grid's work at the first cell's measured cost, on all cores
        double[] cost = groups(t, "one cell took ([0-9.]+) ms here: (\\d+) cells on (\\d+) cores take about ([0-9.]+) ms, "
                + "so section 2 stops after (\\d+) ms");
        assertEquals(cells, cost[1], 0, "cells in the cost line");
        near(cells * cost[0] / cost[2], cost[3], 0.5 / cost[3] + 0.05 / cost[0], "the grid's time on all cores");
        assertEquals(Math.max(1, Math.round(nb.d("stopFraction") * cells * cost[0] / cost[2])), cost[4],
                1 + (0.05 / cost[0] + 0.01) * cost[4], "the stop after stopFraction of the work"); // ms printed to 0.1
        double eta = o.get("eta");
        near(cs[0] / o.get("lambda_h0"), eta, 1e-14, "η = c/λ^H₀");
        if (o.get("diverged") == 0) {
            near(eta * o.get("lambda_h_final"), o.get("eta_lambda_h_final"), 1e-14, "η λ^H_T");
            if (o.get("loss_late_max") <= 1e-12) {
                double etaC = Math.sqrt(widths[0]) / xy;
                assertTrue(o.get("lambda_h_final") >= 2 / etaC * (1 - 1e-5), "λ at zero loss ≥ 2‖x‖y/√n");
                assertTrue(o.get("eta_lambda_h_final") <= 2 * (1 + 1e-9), "a converged run has ηλ ≤ 2");
                assertTrue(o.get("eta_lambda_h_late") <= 2 * (1 + 1e-9), "a converged run has ηλ ≤ 2");
            }
        }

        double[] partial = groups(t, "SweepResults\\[[^\\]]*: (\\d+) ok, (\\d+) failed, (\\d+) missing of (\\d+)\\]");
        assertEquals(cells, partial[3], 0, "cells in the directory's manifest");
        assertEquals(cells, partial[0] + partial[1] + partial[2], 0, "ok + failed + missing");
        assertEquals(0, partial[1], 0, "failed cells");
        if (t.contains("the sweep finished before the stop")) {
            assertEquals(0, partial[2], 0, "a sweep that finished has no missing cell");
        } else {
            long stop = Math.round(groups(t, "so section 2 stops after (\\d+) ms")[0]);
            assertTrue(t.contains("CancelledException: stopped after " + stop + " ms"), "the stop");
        }
        double[] resumed = groups(t, "resumed: (\\d+) cells were done, (\\d+) ran now; the table has (\\d+) rows, "
                + "(\\d+) distinct cells, (\\d+) failed");
        assertEquals(partial[0], resumed[0], 0, "cells done before the resume");
        assertEquals(resumed[2], resumed[0] + resumed[1], 0, "done + ran = rows");
        assertEquals(cells, resumed[2], 0, "rows");
        assertEquals(cells, resumed[3], 0, "distinct cells");
        assertEquals(0, resumed[4], 0, "failed");

        PrintedTable rows = PrintedTable.find(t, "uv-grid", 0, "eta", "eta_lambda_h_late", "loss_late_max");
        assertEquals(Math.min(12, cells), rows.rows());
        for (int r : rows.rowNumbers()) {
            int n = widths[r / seeds % widths.length];
            assertEquals(cs[r / (widths.length * seeds)], rows.d(r, "c"), 0, "grid order, row " + r);
            assertEquals(n, rows.d(r, "n"), 0, "grid order, row " + r);
            assertEquals(r % seeds, rows.d(r, "seed"), 0, "grid order, row " + r);
            assertEquals("ok", rows.s(r, "status"));
            if (rows.b(r, "diverged")) {
                continue;
            }
            double e = rows.d(r, "eta");
            double etaC = Math.sqrt(n) / xy;
            double late = rows.d(r, "eta_lambda_h_late");
            if (rows.d(r, "loss_late_max") <= 1e-12) {
                assertTrue(late <= 2 * (1 + 1e-5), "row " + r + ": converged with ηλ = " + late + " > 2");
                assertTrue(late >= 2 * e / etaC * (1 - SIX), "row " + r + ": ηλ = " + late + " below 2η/η_c");
            } else {
                assertTrue(e > etaC, "row " + r + ": at the EoS with η = " + e + " ≤ η_c = " + etaC);
            }
        }
        double[] result1 = groups(t, "(\\d+) of (\\d+) runs at EoS; (\\d+) of them with eta <= eta_c "
                + "\\(Result 1 says 0\\); (\\d+) diverged");
        assertEquals(cells, result1[1], 0, "runs");
        assertEquals(0, result1[2], 0, "runs at the EoS with η ≤ η_c (Result 1)");
        assertTrue(result1[0] + result1[3] <= cells, "at EoS + diverged ≤ runs");
        double[] etaCs = numbersAfter(t, "eta_c = sqrt\\(n\\)/\\(\\|x\\| y\\) = ");
        assertEquals(2 * widths.length, etaCs.length, "η_c and n per width");
        for (int i = 0; i < widths.length; i++) {
            assertEquals(widths[i], etaCs[widths.length + i], 0, "widths");
            near(Math.sqrt(widths[i]) / xy, etaCs[i], 5e-3, "η_c = √n/(‖x‖y) at n = " + widths[i]);
        }

        int perTask = nb.codeInt("cellsPerTask\\((\\d+)\\)");
        int tasks = (cells + perTask - 1) / perTask;
        double[] array = groups(t, "^#SBATCH --array=0-(\\d+)%(\\d+)$");
        assertEquals(tasks - 1, array[0], 0, "the job array covers the cells, " + perTask + " per task");
        assertEquals(nb.codeInt("maxConcurrent\\((\\d+)\\)"), array[1], 0, "tasks at a time");
        assertEquals(tasks, groups(t, "^# sweep \\w+, experiment [\\w.]+, (\\d+) tasks$")[0], 0, "tasks");
        Matcher slurm = Pattern.compile("Slurm job \\S+: (\\d+) tasks; SweepResults\\[[^\\]]*: (\\d+) ok, (\\d+) failed, "
                + "(\\d+) missing of (\\d+)\\]; (\\d+) of (\\d+) cells identical to the local run").matcher(t);
        if (slurm.find()) {
            double[] s = new double[7];
            for (int g = 0; g < 7; g++) {
                s[g] = Double.parseDouble(slurm.group(g + 1));
            }
            assertEquals(List.of((double) tasks, (double) cells, 0.0, 0.0, (double) cells, (double) cells,
                    (double) cells), Arrays.stream(s).boxed().toList(),
                    "tasks; ok, failed, missing of cells; identical of cells");
        } else {
            assertTrue(t.contains("the submission above is shown, not run"), "the Slurm cell printed neither");
        }
    }
}
