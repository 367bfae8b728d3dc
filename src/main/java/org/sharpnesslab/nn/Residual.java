package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A residual addition y = F(x) + S(x): the residual branch F plus the shortcut S, the identity or a projection
 * (ResNet v1, He et al. 2016; the activation after the sum is a separate {@link Activate}). Parameters: F's blocks,
 * then S's. Every pass is the sum of the two branches' passes (δx and R(δx) add up at the fork); an array both
 * branches read (δy, R(x), R(δy)) goes to one of them as a copy, since each pass owns the arrays it is given.
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
    public Pass forward(Memory m, Blocks w, int b0, Rows x) {
        int batch = x.batch();
        int nIn = batch * branch.inputSize(), nOut = batch * branch.outputSize();
        // both branches read x (and their passes may keep it): neither may write over it
        Rows shared = new Rows(x.data(), x.offset(), batch, x.constant(), false);
        Pass f = branch.forward(m, w, b0, shared);
        Pass s = shortcut == null ? null : shortcut.forward(m, w, b0 + branch.layers().size(), shared);
        NativeArray fy = f.output();
        NativeArray sy = s == null ? x.data() : s.output();
        // the sum over a branch's output when that branch keeps no reference to it
        NativeArray y = f.outputFree() ? fy : s != null && s.outputFree() ? sy : m.allocate(nOut);
        DoubleBuffer yb = y.buffer(), fb = fy.buffer(), sb = sy.buffer();
        int s0 = s == null ? (int) x.offset() : 0;
        for (int i = 0; i < nOut; i++) {
            yb.put(i, fb.get(i) + sb.get(s0 + i));
        }
        return new Pass() {
            NativeArray held = y; // emptied when y is handed over: no later pass needs it
            NativeArray delta;    // δy, kept for the identity shortcut's part of backwardAgain

            @Override
            public NativeArray output() {
                NativeArray o = held;
                if (o == null) {
                    throw new IllegalStateException("the output of " + Residual.this + " was already handed over");
                }
                held = null;
                return o;
            }

            @Override public boolean outputFree() { return true; }

            @Override
            public boolean wantsDelta(boolean grad, boolean keep) {
                return f.wantsDelta(grad, keep) || (s != null && s.wantsDelta(grad, keep));
            }

            /**
             * δx = F's δx + S's δx. δy goes to both branches: the branch gets a copy when the shortcut takes δy too
             * (a branch is skipped when nothing of it is wanted; with keep both are run, to keep their state).
             */
            @Override
            public NativeArray backward(Memory mm, NativeArray d, Blocks grad, boolean needInput, boolean keep) {
                boolean toF = keep || needInput || f.wantsDelta(grad != null, false);
                boolean toS = keep || needInput || (s != null && s.wantsDelta(grad != null, false));
                NativeArray df = toF && toS ? copy(d, mm.allocate(nOut), nOut) : d;
                NativeArray dx = toF ? f.backward(mm, df, grad, needInput, keep) : null;
                NativeArray ds;
                if (s == null) {
                    if (keep && !needInput) {
                        delta = d;
                    }
                    ds = needInput ? d : null;
                } else {
                    ds = toS ? s.backward(mm, d, grad, needInput, keep) : null;
                }
                return needInput ? sum(dx, ds, nIn) : null;
            }

            @Override
            public NativeArray backwardAgain(Memory mm, Blocks grad, boolean needInput) {
                NativeArray dx = f.backwardAgain(mm, grad, needInput);
                if (s != null) {
                    NativeArray ds = s.backwardAgain(mm, grad, needInput);
                    return needInput ? sum(dx, ds, nIn) : null;
                }
                if (!needInput) {
                    return null;
                }
                if (delta == null) {
                    throw new IllegalStateException("no backward pass of " + Residual.this + " was kept");
                }
                // the kept δy stays this pass's (a later gradient reads it again)
                return dx == null ? copy(delta, mm.allocate(nIn), nIn) : sum(dx, delta, nIn);
            }

            /** R(y) = R(F(x)) + R(S(x)); R(x) goes to both branches (the branch gets a copy). */
            @Override
            public NativeArray rForward(Memory.Sweep sw, Blocks v, NativeArray rx) {
                NativeArray rf = rx == null ? null : copy(rx, sw.allocate(nIn), nIn);
                NativeArray a = f.rForward(sw, v, rf);
                NativeArray b = s == null ? rx : s.rForward(sw, v, rx);
                return sum(a, b, nOut);
            }

            /**
             * R(δx) = F's R(δx) + S's; R(δy) goes to both (the branch gets a copy when the shortcut reads it). Never
             * R(δx) at a constant input: the branches' backward passes may not have run (no δy below them).
             */
            @Override
            public NativeArray rBackward(Memory.Sweep sw, Blocks v, NativeArray rd, boolean deltaTerms, Blocks hv,
                                         boolean needInput) {
                boolean input = needInput && !x.constant();
                boolean toS = s != null || input; // the identity reads R(δy) only for R(δx)
                NativeArray rf = rd != null && toS ? copy(rd, sw.allocate(nOut), nOut) : rd;
                NativeArray a = f.rBackward(sw, v, rf, deltaTerms, hv, input);
                NativeArray b = s == null ? (input ? rd : null) : s.rBackward(sw, v, rd, deltaTerms, hv, input);
                return input ? sum(a, b, nIn) : null;
            }
        };
    }

    /** The first n entries of src copied into dst (returned). */
    private static NativeArray copy(NativeArray src, NativeArray dst, int n) {
        dst.buffer().put(0, src.buffer(), 0, n);
        return dst;
    }

    /** a + b over n entries, where null is zero (and null + null is null), written over a (b is not modified). */
    private static NativeArray sum(NativeArray a, NativeArray b, int n) {
        if (a == null) {
            return b;
        }
        if (b != null) {
            DoubleBuffer ab = a.buffer(), bb = b.buffer();
            for (int i = 0; i < n; i++) {
                ab.put(i, ab.get(i) + bb.get(i));
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "Residual[" + branch + " + " + (shortcut == null ? "identity" : shortcut.toString()) + "]";
    }
}
