package org.sharpnesslab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stages applied one after the other, y = g_m(… g_1(x)); their parameter blocks follow each other in θ. Every
 * pass runs the children's passes in order (forward, R-forward) or in reverse (backward, R-backward), which is the
 * chain rule for the first and the second derivatives alike.
 *
 * @param stages the stages, first to last (sizes must connect)
 */
public record Chain(List<Stage> stages) implements Stage {

    public Chain {
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one stage");
        }
        stages = List.copyOf(stages);
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).inputSize() != stages.get(i - 1).outputSize()) {
                throw new IllegalArgumentException("stage " + i + " (" + stages.get(i) + ") takes inputs of size "
                        + stages.get(i).inputSize() + " but stage " + (i - 1) + " (" + stages.get(i - 1)
                        + ") gives " + stages.get(i - 1).outputSize());
            }
        }
    }

    /** The chain of these stages. */
    public static Chain of(Stage... stages) {
        return new Chain(List.of(stages));
    }

    @Override public int inputSize() { return stages.get(0).inputSize(); }

    @Override public int outputSize() { return stages.get(stages.size() - 1).outputSize(); }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>();
        for (Stage m : stages) {
            ls.addAll(m.layers());
        }
        return Collections.unmodifiableList(ls);
    }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        int m = stages.size();
        Pass[] passes = new Pass[m];
        double[] a = x;
        int b = b0;
        for (int i = 0; i < m; i++) {
            passes[i] = stages.get(i).forward(w, b, a, batch);
            a = passes[i].output();
            b += stages.get(i).layers().size();
        }
        double[][] held = {a}; // emptied when y is handed over, as the stages themselves do
        return new Pass() {
            @Override
            public double[] output() {
                double[] y = held[0];
                if (y == null) {
                    throw new IllegalStateException("the output of " + Chain.this + " was already handed over");
                }
                held[0] = null;
                return y;
            }

            @Override
            public double[] backward(double[] delta, double[][] grad, boolean needInput, boolean keep) {
                double[] d = delta;
                for (int i = m - 1; i >= 0; i--) {
                    d = passes[i].backward(d, grad, i > 0 || needInput, keep);
                }
                return d;
            }

            @Override
            public double[] rForward(double[][] v, double[] rx) {
                double[] r = rx;
                for (int i = 0; i < m; i++) {
                    r = passes[i].rForward(v, r);
                }
                return r;
            }

            @Override
            public double[] rBackward(double[][] v, double[] rd, boolean deltaTerms, double[][] hv,
                                      boolean needInput) {
                double[] r = rd;
                for (int i = m - 1; i >= 0; i--) {
                    r = passes[i].rBackward(v, r, deltaTerms, hv, i > 0 || needInput);
                }
                return r;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Chain[");
        for (int i = 0; i < stages.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(stages.get(i));
        }
        return s.append(']').toString();
    }
}
