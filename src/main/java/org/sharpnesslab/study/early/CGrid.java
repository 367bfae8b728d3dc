package org.sharpnesslab.study.early;

import java.util.ArrayList;
import java.util.List;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;

/**
 * A grid of learning-rate constants: c = 2^x with x = x₀, x₀ + Δx, … (002 App. A: Δx = 0.1) or c = c₀, c₀ + Δc, …
 * (a linear grid, e.g. the Δc = 0.01 of the uv model), up to {@code stop}. A scan walks it upwards and stops at the
 * first divergence, so {@code stop} is only a safety cap.
 *
 * @param log2  whether the grid is c = 2^x (then {@code start} and {@code step} are in x)
 * @param start x₀ (log2) or c₀ (linear)
 * @param step  Δx or Δc &gt; 0
 * @param stop  the largest c of the grid (&gt; 0)
 */
public record CGrid(boolean log2, double start, double step, double stop) {

    public CGrid {
        if (!Double.isFinite(start) || (!log2 && !(start > 0))) {
            throw new IllegalArgumentException("start must be finite (and > 0 for a linear grid), got " + start);
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("step must be finite and > 0, got " + step);
        }
        if (!(stop > 0) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("stop must be finite and > 0, got " + stop);
        }
    }

    /** The paper's grid c = 2^x, x = xMin, xMin + xStep, … up to c = 2^10 (002 App. A: xMin = −1, xStep = 0.1). */
    public static CGrid log2(double xMin, double xStep) {
        return new CGrid(true, xMin, xStep, 1024);
    }

    /** c = cMin, cMin + cStep, … up to 100. */
    public static CGrid linear(double cMin, double cStep) {
        return new CGrid(false, cMin, cStep, 100);
    }

    /** The same grid capped at {@code c}. */
    public CGrid upTo(double c) {
        return new CGrid(log2, start, step, c);
    }

    /** The i-th value (i ≥ 0), computed from i (no accumulated rounding; x rounded to 12 decimals). */
    public double value(int i) {
        double x = Math.round((start + i * step) * 1e12) / 1e12;
        return log2 ? Math.pow(2, x) : x;
    }

    /** All values up to {@code stop}. */
    public double[] values() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; value(i) <= stop * (1 + 1e-12); i++) {
            out.add(value(i));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The midpoint of a bracket: geometric on a log2 grid, arithmetic on a linear one. */
    public double mid(double a, double b) {
        return log2 ? Math.sqrt(a * b) : 0.5 * (a + b);
    }

    /** Writes this grid into cell parameters (grid, lr_start, lr_step, lr_stop), for {@link #from(Cell)}. */
    public Sweep into(Sweep sweep) {
        return sweep.fixed("grid", log2 ? "log2" : "linear").fixed("lr_start", start).fixed("lr_step", step)
                .fixed("lr_stop", stop);
    }

    /** The grid a cell describes (parameters of {@link #into}); the paper's log2(−1, 0.1) when absent. */
    public static CGrid from(Cell cell) {
        if (!cell.has("grid")) {
            return log2(-1, 0.1);
        }
        String g = cell.s("grid");
        if (!g.equals("log2") && !g.equals("linear")) {
            throw new IllegalArgumentException("grid must be 'log2' or 'linear', got '" + g + "'");
        }
        return new CGrid(g.equals("log2"), cell.d("lr_start"), cell.d("lr_step"), cell.d("lr_stop"));
    }
}
