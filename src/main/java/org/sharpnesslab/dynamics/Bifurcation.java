package org.sharpnesslab.dynamics;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Check;
import org.sharpnesslab.task.Parallel;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

/**
 * Bifurcation (orbit) diagrams: for each value p of a parameter, iterate the map M_p for a transient, then keep
 * the next {@code keep} values of one coordinate; each value is seeded with the final state of the previous
 * value (continuation along the branch), or reseeded from x0.
 *
 * <pre>{@code
 * double[] r = Bifurcation.range(2.5, 4.0, 2000);
 * BifurcationDiagram d = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 10_000, 200, 0);
 * BifurcationChart.of(d)
 * }</pre>
 *
 * <p>Determinism and speed: by default one continuation runs through all values in order (each seeded with
 * its predecessor's final state). With {@code withParallel(true)} the values are cut into consecutive blocks of
 * {@link Options#block()} (250 unless set) run on all cores; the first value of each block starts from x0 and the
 * others continue from their predecessor, so the result depends on the block size only, never on the number of
 * cores or threads (where attractors coexist a block boundary may switch branch). With {@code reseed} every
 * value starts from x0, the values are independent and always run on all cores. A diverged
 * value (non-finite or |x_i| &gt; bound) keeps no points, gets period −1, and the next value restarts from x0.
 * When every M_p is a {@link Map1D}, the inner loop runs on primitive doubles (no arrays, no allocation).
 *
 * <p>Per value it also records the period of the kept values ({@link Periods#ofSeries}) and, optionally, the
 * Lyapunov exponent (1-D: mean ln|f′|; k-D: the largest exponent by QR) averaged over the last
 * ⌊transient/2⌋ steps of the transient and the kept steps.
 *
 * <p>Reference: ChaosTools.jl {@code orbitdiagram}; 000 Fig. 3 (the EoS map's diagram over η).
 */
public final class Bifurcation {

    private Bifurcation() {
    }

    /**
     * Options of a bifurcation diagram.
     *
     * @param transientSteps steps discarded at each parameter value, ≥ 0
     * @param keep           values kept per parameter value, ≥ 1
     * @param reseed         restart every value from x0 instead of the previous final state
     * @param lyapunov       also compute the Lyapunov exponent per value
     * @param maxPeriod      the longest period looked for in the kept values (≤ keep/2 is effective), ≥ 1
     * @param periodTol      relative tolerance of period detection, &gt; 0
     * @param bound          divergence bound on |x_i|, &gt; 0
     * @param parallel       run blocks of parameter values on all cores
     * @param block          parameter values per block (continuation restarts from x0 at each block), ≥ 1
     */
    public record Options(int transientSteps, int keep, boolean reseed, boolean lyapunov, int maxPeriod,
                          double periodTol, double bound, boolean parallel, int block) {

        /** Block size that {@link #withParallel} uses when none was set. */
        public static final int PARALLEL_BLOCK = 250;

        /**
         * transient 1000, keep 200, continuation through all values (sequential, one block), no Lyapunov, periods
         * ≤ 64 at relative tolerance 1e-6, bound 1e12.
         */
        public static final Options DEFAULT = new Options(1000, 200, false, false, 64, 1e-6, 1e12, false,
                Integer.MAX_VALUE);

        public Options {
            if (transientSteps < 0) {
                throw new IllegalArgumentException("transientSteps must be >= 0, got " + transientSteps);
            }
            if (keep < 1) {
                throw new IllegalArgumentException("keep must be >= 1, got " + keep);
            }
            if (maxPeriod < 1) {
                throw new IllegalArgumentException("maxPeriod must be >= 1, got " + maxPeriod);
            }
            if (!(periodTol > 0)) {
                throw new IllegalArgumentException("periodTol must be > 0, got " + periodTol);
            }
            if (!(bound > 0)) {
                throw new IllegalArgumentException("bound must be > 0, got " + bound);
            }
            if (block < 1) {
                throw new IllegalArgumentException("block must be >= 1, got " + block);
            }
        }

        public Options withTransient(int t) {
            return with(o -> o.transientSteps = t);
        }

        public Options withKeep(int k) {
            return with(o -> o.keep = k);
        }

        public Options withReseed(boolean r) {
            return with(o -> o.reseed = r);
        }

        public Options withLyapunov(boolean l) {
            return with(o -> o.lyapunov = l);
        }

        public Options withMaxPeriod(int m) {
            return with(o -> o.maxPeriod = m);
        }

        public Options withPeriodTol(double t) {
            return with(o -> o.periodTol = t);
        }

        public Options withBound(double b) {
            return with(o -> o.bound = b);
        }

        /** Parallel blocks on all cores; sets the block size to {@link #PARALLEL_BLOCK} if it was unbounded. */
        public Options withParallel(boolean p) {
            int b = p && block == Integer.MAX_VALUE ? PARALLEL_BLOCK : block;
            return with(o -> {
                o.parallel = p;
                o.block = b;
            });
        }

        public Options withBlock(int b) {
            return with(o -> o.block = b);
        }

        /** These options with the components {@code edit} changes, validated again: the withers' one copy helper. */
        private Options with(java.util.function.Consumer<Knobs> edit) {
            Knobs o = new Knobs(this);
            edit.accept(o);
            return new Options(o.transientSteps, o.keep, o.reseed, o.lyapunov, o.maxPeriod, o.periodTol, o.bound,
                    o.parallel, o.block);
        }

        /** The mutable copy {@link #with} edits; its fields are the record's components. */
        private static final class Knobs {
            int transientSteps;
            int keep;
            boolean reseed;
            boolean lyapunov;
            int maxPeriod;
            double periodTol;
            double bound;
            boolean parallel;
            int block;

            Knobs(Options r) {
                transientSteps = r.transientSteps;
                keep = r.keep;
                reseed = r.reseed;
                lyapunov = r.lyapunov;
                maxPeriod = r.maxPeriod;
                periodTol = r.periodTol;
                bound = r.bound;
                parallel = r.parallel;
                block = r.block;
            }
        }
    }

    /** {@code n} equally spaced values from {@code lo} to {@code hi} inclusive. */
    public static double[] range(double lo, double hi, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Check.memory(n, true, "a range of " + n + " values");
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        return p;
    }

    /** The diagram with {@link Options#DEFAULT} but the given transient and keep. */
    public static BifurcationDiagram diagram(DoubleFunction<? extends DiscreteMap> family, double[] params,
                                             double[] x0, int transientSteps, int keep, int coordinate) {
        return diagram(family, params, x0, coordinate,
                Options.DEFAULT.withTransient(transientSteps).withKeep(keep));
    }

    /**
     * The bifurcation diagram of {@code family} over {@code params} (see the class comment).
     *
     * @param family     p ↦ M_p (called once per value, possibly from several threads)
     * @param params     the parameter values, in sweep order
     * @param x0         the start (and restart) state, length k
     * @param coordinate which coordinate to record, 0 ≤ coordinate &lt; k
     * @param options    the options
     */
    public static BifurcationDiagram diagram(DoubleFunction<? extends DiscreteMap> family, double[] params,
                                             double[] x0, int coordinate, Options options) {
        int k = check(family, params, x0);
        if (coordinate < 0 || coordinate >= k) {
            throw new IllegalArgumentException("coordinate must be in [0, " + (k - 1) + "], got " + coordinate);
        }
        return run(family, params, x0, coordinate, null, options);
    }

    /**
     * The bifurcation diagram of an observable φ(x) of the state instead of a coordinate — e.g. the loss or the
     * sharpness of a model whose state is its parameters (000 Fig. 3b). φ is called once per kept step with the
     * current state (do not keep or modify the array); the 1-D fast path is not used. Periods are those of the
     * kept φ values. The result's {@code coordinate} is −1.
     *
     * @param observable φ: state ↦ recorded value (must be thread-safe if {@code options.parallel()})
     */
    public static BifurcationDiagram diagram(DoubleFunction<? extends DiscreteMap> family, double[] params,
                                             double[] x0, ToDoubleFunction<double[]> observable, Options options) {
        check(family, params, x0);
        if (observable == null) {
            throw new IllegalArgumentException("observable must not be null");
        }
        return run(family, params, x0, -1, observable, options);
    }

    private static int check(DoubleFunction<? extends DiscreteMap> family, double[] params, double[] x0) {
        if (params.length == 0) {
            throw new IllegalArgumentException("params must not be empty");
        }
        DiscreteMap first = family.apply(params[0]);
        int k = first.dimension();
        if (x0.length != k) {
            throw new IllegalArgumentException("x0 has length " + x0.length + ", the map has dimension " + k);
        }
        return k;
    }

    private static BifurcationDiagram run(DoubleFunction<? extends DiscreteMap> family, double[] params, double[] x0,
                                          int coordinate, ToDoubleFunction<double[]> observable, Options options) {
        int n = params.length;
        int keep = options.keep();
        double[] values = new double[n * keep];
        int[] period = new int[n];
        double[] lyap = new double[n];
        // with reseeding every value is independent: blocks cannot change the result, so always use all cores
        boolean parallel = options.parallel() || options.reseed();
        int block = options.reseed() ? Options.PARALLEL_BLOCK : options.block();
        int blocks = (int) (((long) n + block - 1) / block);
        // task.Parallel, not a parallel stream: its workers honour cancellation and none outlives the call
        // a bar over the parameter values: a fine diagram of a model takes seconds
        try (ProgressBar bar = Progress.start("bifurcation diagram", n)) {
            Parallel.forEach(blocks, parallel ? Parallel.defaultThreads() : 1, b -> {
                int from = (int) Math.min(n, (long) b * block);
                int to = (int) Math.min(n, (long) from + block);
                runBlock(family, params, x0, coordinate, observable, options, from, to, values, period, lyap, bar);
            });
        }
        // flatten the kept values, skipping diverged parameter values
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (period[i] != Periods.DIVERGED) {
                total += keep;
            }
        }
        double[] p = new double[total];
        double[] v = new double[total];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (period[i] != Periods.DIVERGED) {
                Arrays.fill(p, c, c + keep, params[i]);
                System.arraycopy(values, i * keep, v, c, keep);
                c += keep;
            }
        }
        return new BifurcationDiagram(params.clone(), p, v, period, options.lyapunov() ? lyap : null, coordinate,
                options);
    }

    private static void runBlock(DoubleFunction<? extends DiscreteMap> family, double[] params, double[] x0,
                                 int coordinate, ToDoubleFunction<double[]> observable, Options o, int from,
                                 int to, double[] values, int[] period,
                                 double[] lyap, ProgressBar bar) {
        int keep = o.keep();
        double[] seed = x0.clone();
        double[] x = x0.clone();
        double[] y = new double[x0.length];
        int k = x0.length;
        double[][] jac = null;
        double[][] q = null;
        double[][] z = null;
        double[] logr = null;
        for (int i = from; i < to; i++) {
            Cancellation.checkpoint();
            DiscreteMap m = family.apply(params[i]);
            if (m.dimension() != k) {
                throw new IllegalArgumentException("the map at parameter " + params[i] + " has dimension "
                        + m.dimension() + ", expected " + k);
            }
            if (o.reseed()) {
                System.arraycopy(x0, 0, seed, 0, k);
            }
            int off = i * keep;
            boolean ok;
            double le = Double.NaN;
            int lyapFrom = o.transientSteps() - o.transientSteps() / 2;
            if (m instanceof Map1D f && observable == null) {
                double s = seed[0];
                double sum = 0;
                ok = true;
                for (int t = 0; t < o.transientSteps(); t++) {
                    Cancellation.checkpointEvery1024(t);
                    if (o.lyapunov() && t >= lyapFrom) {
                        sum += Math.log(Math.abs(f.derivative(s)));
                    }
                    s = f.f(s);
                    if (!(Math.abs(s) <= o.bound())) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    for (int t = 0; t < keep; t++) {
                        Cancellation.checkpointEvery1024(t);
                        if (o.lyapunov()) {
                            sum += Math.log(Math.abs(f.derivative(s)));
                        }
                        s = f.f(s);
                        if (!(Math.abs(s) <= o.bound())) {
                            ok = false;
                            break;
                        }
                        values[off + t] = s;
                    }
                }
                if (ok) {
                    seed[0] = s;
                    le = sum / (o.transientSteps() / 2 + keep);
                }
            } else {
                if (o.lyapunov() && jac == null) {
                    jac = new double[k][k];
                    q = new double[k][k];
                    z = new double[k][k];
                    logr = new double[k];
                }
                if (o.lyapunov()) {
                    for (int r = 0; r < k; r++) {
                        Arrays.fill(q[r], 0);
                        q[r][r] = 1;
                    }
                }
                System.arraycopy(seed, 0, x, 0, k);
                double sum = 0;
                ok = true;
                int total = o.transientSteps() + keep;
                for (int t = 0; t < total; t++) {
                    Cancellation.checkpoint();
                    if (o.lyapunov() && t >= lyapFrom) {
                        m.jacobian(x, jac);
                        Lyapunov.multiply(jac, q, z);
                        Lyapunov.orthonormalise(z, logr);
                        double[][] sw = q;
                        q = z;
                        z = sw;
                        sum += logr[0];
                    }
                    m.step(x, y);
                    if (!Orbit.ok(y, o.bound())) {
                        ok = false;
                        break;
                    }
                    double[] sw = x;
                    x = y;
                    y = sw;
                    if (t >= o.transientSteps()) {
                        values[off + t - o.transientSteps()] = observable == null ? x[coordinate] : observable.applyAsDouble(x);
                    }
                }
                if (ok) {
                    System.arraycopy(x, 0, seed, 0, k);
                    le = sum / (o.transientSteps() / 2 + keep);
                }
            }
            if (ok) {
                period[i] = Periods.ofSeries(values, off, keep, o.maxPeriod(), o.periodTol());
                lyap[i] = le;
            } else {
                period[i] = Periods.DIVERGED;
                lyap[i] = Double.NaN;
                System.arraycopy(x0, 0, seed, 0, k); // restart the branch
            }
            bar.step();
        }
    }
}
