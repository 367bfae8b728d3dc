package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sharpnesslab.notebook.NotebookNumbers.SIX;
import static org.sharpnesslab.notebook.NotebookNumbers.after;
import static org.sharpnesslab.notebook.NotebookNumbers.fcnParams;
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
 * The checks of notebook 06 (000 §3, §6.2, App. B.4, D, E: the four regimes and the weight norm): the sharpness
 * measurements against the bounds every Rayleigh quotient obeys, the regimes' order, λ₀'s independence of c and of
 * the batch, Eq. 45 as a correlation, and the 'holds' and cost tables against the sweeps they summarise.
 */
final class RegimeNumbers {

    private RegimeNumbers() {
    }

    /**
     * 06: the sharpness at θ₀ (000 App. B.4): every estimate is a Rayleigh quotient, so it lies below λ₁ (all rows
     * imply the same reference) and its error obeys Kato-Temple, λ₁ − ρ ≤ r²/(ρ − λ₂); the converged ones meet the
     * tolerance, and so does every tracked step; the four regimes tile each run in order (T1 ≤ T2 ≤ T3 ≤ T4) and the
     * sweep's starts are the segmentation's; λ₀ does not depend on c or on the batch; Eq. 45 is a correlation; the
     * weight-norm summary is its run's; 'holds' is what its measured values say; the cost is P·n arithmetic.
     */
    static void fourRegimes(Executed nb) {
        String t = nb.text();
        int n = nb.i("n");
        int width = nb.i("width");
        int steps = nb.i("steps");
        double[] cs = nb.doubles("cs");
        double tol = nb.d("tolerance");
        long pHere = fcnParams(NotebookNumbers.inputDim(nb, "dataset", "d"), width, nb.i("depth"), nb.i("k"));

        PrintedTable m0 = PrintedTable.startingWith(t, "λ₀^H of ");
        double[] pq = numbersAfter(m0.name(), "P = ");                    // P, λ₂/λ₁ (4 decimals)
        assertEquals(pHere, pq[0], 0, "P = d·w + (depth − 2)w² + w·k");
        double ref = Double.NaN;
        int cap = 0;
        for (int r : m0.rowNumbers()) {
            String way = m0.s(r, "measurement");
            double err = m0.d(r, "relative_error");
            double res = m0.d(r, "relative_residual");
            double gap = 1 - err - (pq[1] + 5e-5);                         // (ρ − λ₂)/λ₁ at its smallest
            if (gap > 0) {
                double bound = res * res * (1 - err) * (1 - err) / gap;
                assertTrue(err <= bound * (1 + 1e-4) + 1e-12, way + ": error " + err + " above Kato-Temple " + bound);
            }
            double implied = m0.d(r, "lambda") / (1 - err);                 // ρ ≤ λ₁
            if (Double.isNaN(ref)) {
                ref = implied;
            }
            near(ref, implied, SIX, way + ": the reference λ₁ its value and error imply");
            Matcher conv = Pattern.compile("r/λ ≤ ([0-9.eE+-]+), ≤ (\\d+) products").matcher(way);
            if (conv.find()) {
                assertEquals(tol, Double.parseDouble(conv.group(1)), 1e-15, way + ": the notebook's tolerance");
                assertTrue(err <= tol && res <= tol, way + ": error " + err + ", residual " + res + " > " + tol);
                assertTrue(m0.d(r, "products") <= Integer.parseInt(conv.group(2)), way + ": products");
                cap = way.contains("lanczos") ? Integer.parseInt(conv.group(2)) : cap;    // Sharpness.converged
            } else {
                assertTrue(way.contains("20 fixed steps"), "unexpected measurement " + way);
                assertEquals(20, m0.d(r, "products"), 0, way + ": products");
            }
        }

        PrintedTable track = PrintedTable.startingWith(t, "tracking λ^H every step for ");
        assertEquals(steps, numbersAfter(track.name(), "for ")[0], 0, "steps tracked");
        Map<String, Double> q = new HashMap<>();
        for (int r : track.rowNumbers()) {
            q.put(track.s(r, "quantity"), track.d(r, "value"));
        }
        assertTrue(q.get("largest relative residual, converged") <= tol, "a tracked step missed the tolerance");
        assertEquals(20, q.get("products per step, papers' 20"), 0);
        double mean = q.get("mean products per step, converged");
        assertTrue(mean >= 1 && mean <= cap, "mean products per step " + mean + " (at most " + cap + ")");
        double loose = q.get("steps where the 20-step residual exceeds the tolerance");
        assertTrue(loose == Math.rint(loose) && loose >= 0 && loose <= steps + 1, "loose steps " + loose);

        PrintedTable fig1 = PrintedTable.find(t, "sweep", 0, "parameterization", "sigma_w2", "c", "regimes");
        PrintedTable ntp = PrintedTable.find(t, "sweep", 1, "parameterization", "sigma_w2", "c", "regimes");
        PrintedTable sgd = PrintedTable.find(t, "sweep", 0, "parameterization", "batch", "regimes");
        PrintedTable norms = PrintedTable.find(t, "sweep", 0, "zero_last_layer", "final_pearson");
        assertEquals(3 * cs.length, fig1.rows(), "Fig. 1: 3 rows x the values of c");
        assertEquals(2 * cs.length, ntp.rows(), "NTP: 2 values of σ_w² x the values of c");
        assertEquals(2 * nb.ints("batches").length, sgd.rows(), "SGD: 2 settings x the batches");
        assertEquals(2 * cs.length, norms.rows(), "weight norms: 2 initialisations x the values of c");
        assertTrue(fig1.complete() && norms.complete(), "the 'holds' check reads every row of Fig. 1 and weight norms");
        Map<String, String> lambda0 = new HashMap<>();
        for (PrintedTable tab : List.of(fig1, ntp, sgd, norms)) {
            regimesInOrder(tab, steps);
            if (tab.columns().contains("lambda0")) {
                for (int r : tab.rowNumbers()) {
                    String key = tab.s(r, "parameterization") + " " + tab.d(r, "sigma_w2");
                    String before = lambda0.putIfAbsent(key, tab.s(r, "lambda0"));
                    assertEquals(before == null ? tab.s(r, "lambda0") : before, tab.s(r, "lambda0"),
                            "λ₀ at θ₀ of " + key + " depends on c or on the batch");
                }
            }
        }
        for (int r : fig1.rowNumbers()) {
            if (fig1.s(r, "parameterization").equals("sp") && fig1.d(r, "sigma_w2") == 2) {
                assertTrue(Math.abs(fig1.d(r, "lambda0") - ref) <= tol * ref, "λ₀ of the run vs the reference");
            }
        }
        for (int r : sgd.rowNumbers()) {
            if (sgd.d(r, "batch") == 0) {                                      // GD: the Fig. 1 run at the middle c
                int f = rowOf(fig1, sgd.s(r, "parameterization"), sgd.d(r, "sigma_w2"), cs[cs.length / 2]);
                for (String col : fig1.columns()) {
                    if (sgd.columns().contains(col)) {
                        assertEquals(fig1.s(f, col), sgd.s(r, col), "batch 0 is GD: " + col);
                    }
                }
            }
        }
        for (int i = 0; i < norms.rows(); i++) {
            assertEquals(cs[i % cs.length], norms.d(i, "c"), 1e-12, "weight-norm sweep order");
            double pearson = norms.d(i, "final_pearson");
            assertTrue(pearson >= -1 && pearson <= 1, "Eq. 45 is a correlation: " + pearson);
            double drop = norms.d(i, "weight_norm_drop");
            assertTrue(drop >= 0 && drop < 1, "1 − min‖θ‖/‖θ₀‖ = " + drop + " (the minimum includes θ₀)");
        }
        segments(t, fig1, steps);
        weightNormSummary(t, norms, steps);
        holds(t, fig1, norms);
        paperScale(t, fig1, norms, steps, cs);

        PrintedTable cost = PrintedTable.startingWith(t, "cost estimate");
        double[] v = cost.column("value");
        double products = 0;
        for (PrintedTable tab : List.of(fig1, ntp)) {
            for (int r : tab.rowNumbers()) {
                products += tab.d(r, "mean_products") / (fig1.rows() + ntp.rows());
            }
        }
        near(products, v[1], SIX, "products per measurement: the mean over the Fig. 1 and NTP runs");
        assertEquals(pHere, v[2], 0, "P here");
        long pPaper = fcnParams(3072, 512, 4, 10);                         // 000 App. B.3: CIFAR-10, 4 layers of 512
        assertEquals(pPaper, v[3], 0, "P paper");
        near((double) pPaper * 5000 / ((double) pHere * n), v[4], SIX, "work ratio P·n paper / here");
        near(v[0] * v[4] * 10000 / 3600, v[5], SIX, "hours per paper-scale run");
        assertEquals(cs.length, numbersAfter(cost.s(6, "quantity"), "× ")[0], 0, "values of c");
        near(3 * cs.length * v[5], v[6], SIX, "hours for Fig. 1");
    }

    /** The row of a sweep with this parameterisation, σ_w² and c. */
    private static int rowOf(PrintedTable tab, String parameterization, double sigmaW2, double c) {
        for (int r : tab.rowNumbers()) {
            if (tab.s(r, "parameterization").equals(parameterization) && tab.d(r, "sigma_w2") == sigmaW2
                    && tab.d(r, "c") == c) {
                return r;
            }
        }
        return fail("no row " + parameterization + " σ² = " + sigmaW2 + " c = " + c);
    }

    /**
     * The regimes a sweep names are T1…T4 in order; t{k}_start is printed exactly for the present T{k}; the starts
     * increase and lie in the run; a run without T1 starts its first regime at 0; min λ/λ₀ ≤ 1 (t = 0 included).
     */
    private static void regimesInOrder(PrintedTable tab, int steps) {
        for (int r : tab.rowNumbers()) {
            String[] present = tab.s(r, "regimes").split(" ");
            assertTrue(present.length > 0 && !present[0].isEmpty(), "row " + r + " has no regime");
            int last = 0;
            double lastStart = -1;
            for (String p : present) {
                assertTrue(p.matches("T[1-4]"), "regime " + p);
                int k = p.charAt(1) - '0';
                assertTrue(k > last, "regimes out of order: " + tab.s(r, "regimes"));
                last = k;
            }
            for (int k = 2; k <= 4; k++) {
                String col = "t" + k + "_start";
                if (!tab.columns().contains(col)) {
                    continue;
                }
                boolean has = Arrays.asList(present).contains("T" + k);
                assertEquals(has, !tab.s(r, col).isEmpty(), col + " vs regimes '" + tab.s(r, "regimes") + "'");
                if (has) {
                    double start = tab.d(r, col);
                    assertTrue(start > lastStart && start <= steps, col + " = " + start + " out of order");
                    if (present[0].equals("T" + k)) {
                        assertEquals(0, start, 0, "the first regime starts at step 0");
                    }
                    lastStart = start;
                }
            }
            double ratio = tab.d(r, "min_sharpness_ratio");
            assertTrue(ratio > 0 && ratio <= 1, "min λ/λ₀ = " + ratio);
        }
    }

    /**
     * RegimeSegmentation's table: each regime spans [start, end) with decades = log₁₀((1 + end)/(1 + start)), the
     * regimes of a run follow each other from step 0 to steps + 1, and their starts are the sweep's t{k}_start.
     */
    private static void segments(String t, PrintedTable fig1, int steps) {
        PrintedTable seg = PrintedTable.find(t, "regimes", 0, "run", "regime", "start_step", "decades");
        Pattern label = Pattern.compile("(\\w+) σ²=([0-9.]+) c=([0-9.]+)");
        for (int r : seg.rowNumbers()) {
            double start = seg.d(r, "start_step");
            double end = seg.d(r, "end_step");
            assertTrue(start < end && end <= steps + 1, "segment [" + start + ", " + end + ")");
            near(Math.log10((1 + end) / (1 + start)), seg.d(r, "decades"), SIX, "decades of row " + r);
            double agreement = seg.d(r, "agreement");
            assertTrue(agreement > 0 && agreement <= 1, "agreement " + agreement);
            String run = seg.s(r, "run");
            boolean first = r == 0 || seg.shown().containsKey(r - 1) && !seg.s(r - 1, "run").equals(run);
            boolean lastOfRun = r == seg.rows() - 1 || seg.shown().containsKey(r + 1) && !seg.s(r + 1, "run").equals(run);
            if (first) {
                assertEquals(0, start, 0, run + " starts at step 0");
            }
            if (lastOfRun) {
                assertEquals(steps + 1, end, 0, run + " ends after its last step");
            }
            if (seg.shown().containsKey(r + 1) && seg.s(r + 1, "run").equals(run)) {
                assertEquals(end, seg.d(r + 1, "start_step"), 0, run + ": regimes follow each other");
            }
            Matcher m = label.matcher(run);
            assertTrue(m.matches(), "run label " + run);
            int f = rowOf(fig1, m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
            String k = seg.s(r, "regime").substring(1);
            assertTrue(fig1.s(f, "regimes").contains("T" + k), run + ": T" + k + " not in the sweep's regimes");
            if (!k.equals("1")) {
                assertEquals(fig1.d(f, "t" + k + "_start"), start, 0, run + ": start of T" + k);
            }
        }
    }

    /** WeightNorms.summary of the first weight-norm run: drop = 1 − min/‖θ₀‖, the minimum below both ends. */
    private static void weightNormSummary(String t, PrintedTable norms, int steps) {
        PrintedTable s = PrintedTable.startingWith(t, "weight norm summary");
        double w0 = s.d(0, "weight_norm_0");
        double min = s.d(0, "min_weight_norm");
        assertEquals(1 - min / w0, s.d(0, "weight_norm_drop"), 1.1e-5, "weight_norm_drop = 1 − min/‖θ₀‖");
        assertTrue(min <= w0 && min <= s.d(0, "final_weight_norm"), "the minimum is below ‖θ₀‖ and ‖θ_T‖");
        for (String step : new String[] {"min_weight_norm_step", "min_sharpness_step"}) {
            assertTrue(s.d(0, step) >= 0 && s.d(0, step) <= steps, step);
        }
        for (String col : new String[] {"weight_norm_drop", "min_sharpness_ratio", "final_pearson"}) {
            assertEquals(norms.s(0, col), s.s(0, col), "the summary is the run of the sweep's first row: " + col);
        }
    }

    /** The 'holds' column of 06's last table recomputed from the sweeps, and its measured values theirs. */
    private static void holds(String t, PrintedTable fig1, PrintedTable norms) {
        double band = after(t, "eosTolerance=");                         // at the EoS: |ηλ̄/2 − 1| ≤ band
        java.util.function.DoublePredicate atEos = x -> Math.abs(x - 1) <= band;
        double[] sp05 = select(fig1, "sp", 0.5, "late_half_eta_sharpness");
        double[] sp2Late = select(fig1, "sp", 2, "late_half_eta_sharpness");
        double[] sp2Min = select(fig1, "sp", 2, "min_sharpness_ratio");
        double[] mupMin = select(fig1, "mup", 2, "min_sharpness_ratio");
        double[] mupLate = select(fig1, "mup", 2, "late_half_eta_sharpness");
        int h = norms.rows() / 2;
        double[] drop = Arrays.copyOf(norms.column("weight_norm_drop"), h);
        double[] pearson = Arrays.copyOf(norms.column("final_pearson"), h);
        double[] minDefault = Arrays.copyOf(norms.column("min_sharpness_ratio"), h);
        double[] minZero = Arrays.copyOfRange(norms.column("min_sharpness_ratio"), h, 2 * h);
        boolean monotone = true;
        boolean removed = true;
        for (int i = 1; i < sp2Min.length; i++) {
            monotone &= sp2Min[i] <= sp2Min[i - 1];
        }
        for (int i = 0; i < h; i++) {
            removed &= minZero[i] >= 0.9 && minZero[i] > minDefault[i];
        }
        double[] both = Arrays.copyOf(minZero, 2 * h);
        System.arraycopy(minDefault, 0, both, h, h);
        Object[][] claims = {
            {"SP σ²=0.5 reaches the EoS", sp05, Arrays.stream(sp05).allMatch(atEos)},
            {"SP σ²=2 reduces", sp2Min, Arrays.stream(sp2Min).allMatch(x -> x < 0.9)},
            {"SP σ²=2 stays below", new double[] {sp2Late[0]}, sp2Late[0] < 1 - band},
            {"μP has no sharpness reduction", new double[] {mupMin[0]}, mupMin[0] >= 0.9},
            {"μP reaches the EoS", mupLate, Arrays.stream(mupLate).allMatch(atEos)},
            {"reduction grows with c", sp2Min, monotone},
            {"weight norm first decreases", drop, Arrays.stream(drop).allMatch(x -> x > 0)},
            {"correlation is positive", pearson, Arrays.stream(pearson).allMatch(x -> x > 0)},
            {"last layer 0 removes", both, removed}};
        PrintedTable holds = PrintedTable.startingWith(t, "000 §3, §6.2, App. D-E");
        assertEquals(claims.length, holds.rows(), "claims");
        for (Object[] c : claims) {
            int row = -1;
            for (int r : holds.rowNumbers()) {
                row = holds.s(r, "claim").contains((String) c[0]) ? r : row;
            }
            assertTrue(row >= 0, "no claim '" + c[0] + "'");
            assertEquals(c[2], holds.b(row, "holds"), "holds of '" + holds.s(row, "claim") + "'");
            String measured = holds.s(row, "measured");
            int at = measured.contains("= ") ? measured.lastIndexOf("= ") + 2 : measured.indexOf('[');
            double[] shown = numbersAfter(measured.substring(at), "");
            double[] values = (double[]) c[1];
            assertEquals(values.length, shown.length, "values measured for '" + c[0] + "'");
            for (int i = 0; i < values.length; i++) {
                near(values[i], shown[i], 5.1e-3, "measured value " + i + " of '" + c[0] + "' (3 digits)");
            }
        }
    }

    /**
     * The measurements behind the paragraphs on the failing claims: a longer run's first {@code steps} steps are the
     * Fig. 1 run (its ηλ̄/2 at {@code steps} is the sweep's), a T4 start lies in the longer run; the minimum over the
     * first steps of a width-48 run is at least the minimum over the whole Fig. 1 run; Eq. 45 before the EoS is a
     * correlation, taken no later than the run's end, and its end value is the weight-norm sweep's.
     */
    private static void paperScale(String t, PrintedTable fig1, PrintedTable norms, int steps, double[] cs) {
        PrintedTable longer = PrintedTable.startingWith(t, "longer runs: ");
        double longSteps = numbersAfter(longer.name(), "→ ")[0];
        for (int r : longer.rowNumbers()) {
            int f = rowOf(fig1, longer.s(r, "parameterization"), longer.d(r, "sigma_w2"), longer.d(r, "c"));
            assertEquals(fig1.s(f, "late_half_eta_sharpness"), longer.s(r, "eta_lambda_half_at_" + steps),
                    "the first " + steps + " steps are the Fig. 1 run");
            if (!longer.s(r, "t4_start").isEmpty()) {
                assertTrue(longer.d(r, "t4_start") <= longSteps, "T4 inside the longer run");
            }
        }
        PrintedTable wide = PrintedTable.startingWith(t, "wider networks: ");
        int width = (int) wide.d(0, "width");
        for (int r : wide.rowNumbers()) {
            double ratio = wide.d(r, "min_sharpness_ratio");
            assertTrue(ratio > 0 && ratio <= 1, "min λ/λ₀ = " + ratio);
            if (wide.d(r, "width") == width && wide.s(r, "parameterization").equals("mup")) {
                int f = rowOf(fig1, "mup", wide.d(r, "sigma_w2"), cs[0]);
                assertEquals(fig1.s(f, "lambda0"), wide.s(r, "lambda0"), "λ₀ of the same network");
                assertTrue(ratio >= fig1.d(f, "min_sharpness_ratio") - 1e-12, "a minimum over fewer steps");
            }
        }
        PrintedTable before = PrintedTable.startingWith(t, "Eq. 45 before the EoS");
        for (int r : before.rowNumbers()) {
            double p = before.d(r, "pearson_before_eos");
            assertTrue(p >= -1 && p <= 1, "Eq. 45 is a correlation: " + p);
            assertTrue(before.d(r, "last_step_before_eos") <= steps, "before the end of the run");
            assertEquals(norms.s(r, "final_pearson"), before.s(r, "final_pearson"), "the weight-norm sweep's run");
            assertEquals(norms.d(r, "c"), before.d(r, "c"), 0, "the weight-norm sweep's order");
        }
    }

    private static double[] select(PrintedTable tab, String parameterization, double sigmaW2, String column) {
        return tab.rowNumbers().stream().filter(r -> tab.s(r, "parameterization").equals(parameterization)
                && tab.d(r, "sigma_w2") == sigmaW2).mapToDouble(r -> tab.d(r, column)).toArray();
    }
}
