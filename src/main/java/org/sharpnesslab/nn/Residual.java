package org.sharpnesslab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A residual addition y = F(x) + S(x): the residual branch F plus the shortcut S, the identity or a projection
 * (ResNet v1, He et al. 2016; the activation after the sum is a separate {@link Activate}). Parameters: F's blocks,
 * then S's. Every pass is the sum of the two branches' passes (δx and R(δx) add up at the fork).
 *
 * @param branch   F
 * @param shortcut S, or {@code null} for the identity
 */
public record Residual(Stage branch, Stage shortcut) implements Stage {

    public Residual {
        if (branch == null) {
            throw new IllegalArgumentException("residual branch must not be null");
        }
        int sIn = shortcut == null ? branch.inputSize() : shortcut.inputSize();
        int sOut = shortcut == null ? branch.inputSize() : shortcut.outputSize();
        if (sIn != branch.inputSize() || sOut != branch.outputSize()) {
            throw new IllegalArgumentException("shortcut maps " + sIn + " → " + sOut + " but the branch maps "
                    + branch.inputSize() + " → " + branch.outputSize() + " (an identity shortcut needs equal sizes)");
        }
    }

    /** y = F(x) + x. */
    public static Residual identity(Stage branch) {
        return new Residual(branch, null);
    }

    @Override public int inputSize() { return branch.inputSize(); }

    @Override public int outputSize() { return branch.outputSize(); }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>(branch.layers());
        if (shortcut != null) {
            ls.addAll(shortcut.layers());
        }
        return Collections.unmodifiableList(ls);
    }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        Pass f = branch.forward(w, b0, x, batch);
        Pass s = shortcut == null ? null : shortcut.forward(w, b0 + branch.layers().size(), x, batch);
        double[] sum = f.output().clone();
        add(sum, s == null ? x : s.output());
        double[][] held = {sum}; // emptied when y is handed over: no later pass needs it
        return new Pass() {
            @Override
            public double[] output() {
                double[] y = held[0];
                if (y == null) {
                    throw new IllegalStateException("the output of " + Residual.this + " was already handed over");
                }
                held[0] = null;
                return y;
            }

            @Override
            public double[] backward(double[] delta, double[][] grad, boolean needInput, boolean keep) {
                double[] dx = f.backward(delta, grad, needInput, keep);
                double[] ds = s == null ? delta : s.backward(delta, grad, needInput, keep);
                return needInput ? sum(dx, ds) : null;
            }

            @Override
            public double[] rForward(double[][] v, double[] rx) {
                return sum(f.rForward(v, rx), s == null ? rx : s.rForward(v, rx));
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                double[] a = f.rBackward(v, rd, deltaTerms, hv, needInput);
                double[] b = s == null ? rd : s.rBackward(v, rd, deltaTerms, hv, needInput);
                return needInput ? sum(a, b) : null;
            }
        };
    }

    /** a + b as a new array, where null is zero (and null + null is null). */
    private static double[] sum(double[] a, double[] b) {
        if (a == null) {
            return b == null ? null : b.clone();
        }
        double[] out = a.clone();
        if (b != null) {
            add(out, b);
        }
        return out;
    }

    private static void add(double[] y, double[] b) {
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i];
        }
    }

    @Override
    public String toString() {
        return "Residual[" + branch + " + " + (shortcut == null ? "identity" : shortcut.toString()) + "]";
    }
}
