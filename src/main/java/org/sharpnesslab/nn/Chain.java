package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

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
    public Pass forward(Memory mem, Blocks w, int b0, Rows x) {
        int m = stages.size();
        Pass[] passes = new Pass[m];
        Rows in = x;
        int b = b0;
        boolean constant = x.constant();
        boolean[] varies = new boolean[m]; // whether stage i's input depends on θ (else δx, R(δx) are never wanted)
        NativeArray a = null;
        for (int i = 0; i < m; i++) {
            varies[i] = !constant;
            passes[i] = stages.get(i).forward(mem, w, b, in);
            a = passes[i].output();
            b += stages.get(i).layers().size();
            constant &= stages.get(i).layers().isEmpty();
            in = new Rows(a, 0, x.batch(), constant, passes[i].outputFree());
        }
        NativeArray y = a;
        boolean free = passes[m - 1].outputFree();
        return new Pass() {
            NativeArray held = y; // emptied when y is handed over, as the stages themselves do
            int stop = -1;        // the lowest stage the last backward pass with keep ran

            @Override
            public NativeArray output() {
                NativeArray o = held;
                if (o == null) {
                    throw new IllegalStateException("the output of " + Chain.this + " was already handed over");
                }
                held = null;
                return o;
            }

            @Override public boolean outputFree() { return free; }

            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                for (Pass p : passes) {
                    if (p.wantsDelta(grad, keep)) {
                        return true;
                    }
                }
                return false;
            }

            /** Runs down to the lowest stage whose δy something below needs (or to the first, for δx). */
            @Override
            public NativeArray backward(Memory mm, NativeArray delta, Blocks grad, boolean needInput, boolean keep) {
                boolean[] need = new boolean[m];
                boolean below = needInput;
                for (int i = 0; i < m; i++) {
                    need[i] = below && (i == 0 || varies[i]);
                    below |= passes[i].wantsDelta(grad != null, keep);
                }
                NativeArray d = delta;
                for (int i = m - 1; i >= 0; i--) {
                    d = passes[i].backward(mm, d, grad, need[i], keep);
                    if (!need[i]) {
                        if (keep) {
                            stop = i;
                        }
                        return null;
                    }
                }
                if (keep) {
                    stop = 0;
                }
                return d;
            }

            /** The stages above the stop add their gradients; from the stop down the backward pass runs on. */
            @Override
            public NativeArray backwardAgain(Memory mm, Blocks grad, boolean needInput) {
                if (stop < 0) {
                    throw new IllegalStateException("no backward pass of " + Chain.this + " was kept");
                }
                for (int i = m - 1; i > stop; i--) {
                    passes[i].backwardAgain(mm, grad, false);
                }
                NativeArray d = passes[stop].backwardAgain(mm, grad, stop > 0 ? varies[stop] : needInput);
                for (int i = stop - 1; i >= 0; i--) {
                    d = passes[i].backward(mm, d, grad, i > 0 ? varies[i] : needInput, false);
                }
                return d;
            }

            @Override
            public NativeArray rForward(Memory.Sweep s, Blocks v, NativeArray rx) {
                NativeArray r = rx;
                for (int i = 0; i < m; i++) {
                    r = passes[i].rForward(s, v, r);
                }
                return r;
            }

            @Override
            public NativeArray rBackward(Memory.Sweep s, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                NativeArray r = rd;
                for (int i = m - 1; i >= 0; i--) {
                    r = passes[i].rBackward(s, v, r, deltaTerms, hv, i > 0 ? varies[i] : needInput);
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
