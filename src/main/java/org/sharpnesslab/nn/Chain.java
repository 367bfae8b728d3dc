package org.sharpnesslab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Modules applied one after the other, y = g_m(… g_1(x)); their parameter blocks follow each other in θ. Every
 * pass runs the children's passes in order (forward, R-forward) or in reverse (backward, R-backward), which is the
 * chain rule for the first and the second derivatives alike.
 *
 * @param modules the stages, first to last (sizes must connect)
 */
public record Chain(List<Module> modules) implements Module {

    public Chain {
        if (modules == null || modules.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one module");
        }
        modules = List.copyOf(modules);
        for (int i = 1; i < modules.size(); i++) {
            if (modules.get(i).inputSize() != modules.get(i - 1).outputSize()) {
                throw new IllegalArgumentException("module " + i + " (" + modules.get(i) + ") takes inputs of size "
                        + modules.get(i).inputSize() + " but module " + (i - 1) + " (" + modules.get(i - 1)
                        + ") gives " + modules.get(i - 1).outputSize());
            }
        }
    }

    /** The chain of these modules. */
    public static Chain of(Module... modules) {
        return new Chain(List.of(modules));
    }

    @Override public int inputSize() { return modules.get(0).inputSize(); }

    @Override public int outputSize() { return modules.get(modules.size() - 1).outputSize(); }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>();
        for (Module m : modules) {
            ls.addAll(m.layers());
        }
        return Collections.unmodifiableList(ls);
    }

    @Override
    public Pass forward(double[][] w, int b0, double[] x, int batch) {
        int m = modules.size();
        Pass[] passes = new Pass[m];
        double[] a = x;
        int b = b0;
        for (int i = 0; i < m; i++) {
            passes[i] = modules.get(i).forward(w, b, a, batch);
            a = passes[i].output();
            b += modules.get(i).layers().size();
        }
        double[] y = a;
        return new Pass() {
            @Override public double[] output() { return y; }

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
        for (int i = 0; i < modules.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(modules.get(i));
        }
        return s.append(']').toString();
    }
}
