package org.sharpnesslab.nn;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Dense;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import org.sharpnesslab.spectrum.Hutchinson;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.spectrum.PowerIteration;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.spectrum.PowerResult;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Divergence;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training of a network by full-batch gradient descent or seeded mini-batch SGD (optionally with heavy-ball
 * momentum), tracking the sharpness λ^H (top Hessian eigenvalue, warm-started power iteration, 000 App. B.4;
 * 004 §7.1) and optionally the NTK's λ^K along the way. Immutable: every knob returns a new {@code Training}.
 *
 * <pre>{@code
 * TrainingRun run = Training.gd(net, data).eta(0.1).steps(500).sharpnessEvery(10).run(seed);
 * TrainingRun run = Training.sgd(net, data, 512).c(2.0).steps(10).run(seed);     // η = c/λ₀^H (002 §2)
 * run.table()   // step, loss, accuracy, sharpness, ..., see TrainingRun#table
 * }</pre>
 *
 * <p>Defaults: MSE loss, 100 steps, η = 0.1 (unless {@link #c} is given), no momentum, no sharpness tracking,
 * power iteration with the papers' 20 steps, divergence threshold K = 10⁵ on the loss (002 §3, footnote 5),
 * no NTK or trace tracking, progress bar on.
 *
 * <p>The update is v ← μ v + g, θ ← θ − η v (μ = 0: plain GD/SGD), g the gradient of the (mini-)batch loss
 * L_B = (1/B) Σ_{i∈B} ℓᵢ. SGD draws batches without replacement from a permutation of the examples reshuffled each
 * epoch with {@code java.util.Random(seed + 1)}.
 */
public final class Training {

    /** The divergence threshold on the loss of 002 §3 (footnote 5): K = 10⁵ ({@link Divergence#K}). */
    public static final double DEFAULT_DIVERGENCE = Divergence.K;

    private final Network net;
    private final Dataset data;
    private final int batchSize;       // 0 = full batch
    private final Loss loss;
    private final double eta;          // NaN when c is used
    private final double c;            // NaN when eta is used
    private final double momentum;
    private final int steps;
    private final int sharpnessEvery;  // 0 = never
    private final boolean trackNtk;
    private final int traceSamples;    // 0 = no trace
    private final PowerOptions power;
    private final double divergence;
    private final boolean centred;
    private final double[] from;
    private final boolean progress;
    private final boolean reducedBasis;

    private Training(Network net, Dataset data, int batchSize, Loss loss, double eta, double c, double momentum,
                     int steps, int sharpnessEvery, boolean trackNtk, int traceSamples, PowerOptions power,
                     double divergence, boolean centred, double[] from, boolean progress, boolean reducedBasis) {
        this.net = net;
        this.data = data;
        this.batchSize = batchSize;
        this.loss = loss;
        this.eta = eta;
        this.c = c;
        this.momentum = momentum;
        this.steps = steps;
        this.sharpnessEvery = sharpnessEvery;
        this.trackNtk = trackNtk;
        this.traceSamples = traceSamples;
        this.power = power;
        this.divergence = divergence;
        this.centred = centred;
        this.from = from;
        this.progress = progress;
        this.reducedBasis = reducedBasis;
    }

    /** Full-batch gradient descent of {@code net} on {@code data}. */
    public static Training gd(Network net, Dataset data) {
        return create(net, data, 0);
    }

    /** Mini-batch SGD with batch size B (1 ≤ B ≤ n). */
    public static Training sgd(Network net, Dataset data, int batchSize) {
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize must be in [1, " + data.size() + "], was " + batchSize);
        }
        return create(net, data, batchSize == data.size() ? 0 : batchSize);
    }

    private static Training create(Network net, Dataset data, int b) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("net and data must not be null");
        }
        if (data.inputDim() != net.inputDim() || data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data + " does not match network " + net);
        }
        return new Training(net, data, b, Loss.MSE, 0.1, Double.NaN, 0, 100, 0, false, 0, PowerOptions.defaults(),
                DEFAULT_DIVERGENCE, false, null, true, false);
    }

    private Training copy(Loss loss, double eta, double c, double momentum, int steps, int every, boolean ntk,
                          PowerOptions power, double divergence, boolean centred, double[] from, boolean progress) {
        return new Training(net, data, batchSize, loss, eta, c, momentum, steps, every, ntk, traceSamples, power,
                divergence, centred, from, progress, reducedBasis);
    }

    /**
     * Also estimate tr ∇²L by Hutchinson's method with {@code samples} Rademacher probes (≥ 2; 0 switches it off)
     * whenever the sharpness is measured (column {@code trace}).
     */
    public Training trackTrace(int samples) {
        if (samples != 0 && samples < 2) {
            throw new IllegalArgumentException("trace samples must be 0 (off) or >= 2, was " + samples);
        }
        return new Training(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, samples,
                power, divergence, centred, from, progress, reducedBasis);
    }

    /**
     * Measure the sharpness on the row-space reduced Hessian ({@link ReducedHessian}; default off): exact (the same
     * λ^H to rounding), and cheaper per product when the dataset has fewer examples than input dimensions
     * (n &lt; d), at the cost of one {@link InputBasis} per run and one extra forward/backward pass in reduced
     * coordinates per measurement. The warm start carries over unchanged (the basis is fixed for the run); the
     * first measurement's seeded random start is drawn in the reduced dimension, so values agree with the full
     * operator's to the power iteration's convergence (to rounding once converged), not bit for bit.
     * Without effect when n ≥ d or the first layer is not dense. The NTK and trace are still measured on the
     * full operator.
     */
    public Training reducedBasis(boolean on) {
        return new Training(net, data, batchSize, loss, eta, c, momentum, steps, sharpnessEvery, trackNtk,
                traceSamples, power, divergence, centred, from, progress, on);
    }

    /** The loss (default MSE). */
    public Training loss(Loss l) {
        if (l == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        return copy(l, eta, c, momentum, steps, sharpnessEvery, trackNtk, power, divergence, centred, from,
                progress);
    }

    /** A fixed learning rate η > 0. */
    public Training eta(double e) {
        if (!(e > 0) || Double.isInfinite(e)) {
            throw new IllegalArgumentException("eta must be finite and > 0, was " + e);
        }
        return copy(loss, e, Double.NaN, momentum, steps, sharpnessEvery, trackNtk, power, divergence, centred,
                from, progress);
    }

    /** The learning rate as η = c / λ₀^H, λ₀^H measured by power iteration at initialisation (000 §4, 002 §2). */
    public Training c(double cc) {
        if (!(cc > 0) || Double.isInfinite(cc)) {
            throw new IllegalArgumentException("c must be finite and > 0, was " + cc);
        }
        return copy(loss, Double.NaN, cc, momentum, steps, sharpnessEvery, trackNtk, power, divergence, centred,
                from, progress);
    }

    /** Heavy-ball momentum μ ∈ [0, 1). */
    public Training momentum(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + mu);
        }
        return copy(loss, eta, c, mu, steps, sharpnessEvery, trackNtk, power, divergence, centred, from, progress);
    }

    /** Number of update steps ≥ 0 (the table has steps + 1 rows: states θ₀ … θ_steps). */
    public Training steps(int s) {
        if (s < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + s);
        }
        return copy(loss, eta, c, momentum, s, sharpnessEvery, trackNtk, power, divergence, centred, from, progress);
    }

    /** Measure the sharpness every k ≥ 1 steps (0: never; the last state is measured too). */
    public Training sharpnessEvery(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("sharpnessEvery must be >= 0, was " + k);
        }
        return copy(loss, eta, c, momentum, steps, k, trackNtk, power, divergence, centred, from, progress);
    }

    /** Also measure the NTK's top eigenvalue λ^K ({@link Hessian#ntk()}) whenever the sharpness is measured. */
    public Training trackNtk(boolean on) {
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, on, power, divergence, centred, from, progress);
    }

    /** Options of the power iteration (default: the papers' 20 steps, warm-started along training). */
    public Training power(PowerOptions p) {
        if (p == null) {
            throw new IllegalArgumentException("power options must not be null");
        }
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, p, divergence, centred, from, progress);
    }

    /** The loss above which the run counts as diverged (default K = 10⁵, 002 §3). */
    public Training divergence(double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("divergence threshold must be > 0, was " + k);
        }
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, power, k, centred, from, progress);
    }

    /** Train the centred network f(x; θ) − f(x; θ₀) (002 §4). */
    public Training centred(boolean on) {
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, power, divergence, on, from, progress);
    }

    /** Start from these parameters instead of {@code net.init(seed)} (copied). */
    public Training from(double[] params) {
        if (params == null || params.length != net.numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + net.numParams() + " entries");
        }
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, power, divergence, centred,
                params.clone(), progress);
    }

    /** Show the platform's progress bar (default on). */
    public Training progress(boolean on) {
        return copy(loss, eta, c, momentum, steps, sharpnessEvery, trackNtk, power, divergence, centred, from, on);
    }

    /**
     * Runs the training.
     *
     * @param seed seeds the initial parameters ({@code net.init(seed)}), the SGD batches (seed + 1) and the
     *             power iteration's random start (seed + 2)
     * @return the run, with the per-step table and the divergence flag
     */
    public TrainingRun run(long seed) {
        double[] theta = from != null ? from.clone() : net.init(seed);
        Network model = centred ? net.centredAt(theta) : net;
        PowerOptions popts = power.withSeed(seed + 2);
        int depth = model.layers().size();
        int rows = steps + 1;
        double[] lossA = nan(rows);
        double[] accA = nan(rows);
        double[] sharpA = nan(rows);
        double[] residA = nan(rows);
        double[] ntkA = nan(rows);
        double[] traceA = nan(rows);
        double[] gradA = nan(rows);
        double[] wnA = nan(rows);
        double[][] layerA = new double[depth][];
        for (int l = 0; l < depth; l++) {
            layerA[l] = nan(rows);
        }
        double lambda0 = Double.NaN;
        PowerResult prev = null;
        PowerResult prevNtk = null;
        double lr = eta;
        boolean diverged = false;
        int divergedAt = -1;
        int recorded = 0;
        double[] velocity = new double[theta.length];
        int[] order = null;
        int cursor = 0;
        Random rng = new Random(seed + 1);
        boolean measures = !Double.isNaN(c) || sharpnessEvery > 0;
        InputBasis basis = null;
        if (reducedBasis && measures && model.layers().get(0) instanceof DenseLayer) {
            basis = InputBasis.of(data);
            if (!basis.isReduced()) {
                basis = null;
            }
        }
        try (ProgressBar bar = progress ? Progress.start("training", steps) : null) {
            Divergence rule = Divergence.above(divergence);
            for (int t = 0; t <= steps; t++) {
                Cancellation.checkpoint();
                boolean measure = (t == 0 && !Double.isNaN(c))
                        || (sharpnessEvery > 0 && (t % sharpnessEvery == 0 || t == steps));
                Hessian full = null;
                double lt;
                double at;
                double[] g = null;
                if (batchSize == 0 || measure) {
                    full = Hessian.at(model, theta, data, loss);
                    lt = full.loss();
                    at = full.accuracy();
                } else {
                    double[] f = model.forward(theta, data.inputs());
                    lt = lossOf(f);
                    at = Metrics.accuracy(f, data);
                }
                recorded = t + 1;
                if (rule.diverged(lt)) {
                    diverged = true;
                    divergedAt = t;
                    lossA[t] = Double.isFinite(lt) ? lt : Double.NaN;
                    break;
                }
                lossA[t] = lt;
                accA[t] = at;
                norms(model, theta, layerA, wnA, t);
                if (measure) {
                    LinearOperator sharpOp = basis == null ? full
                            : Hessian.reducedAt(model, theta, data, loss, basis);
                    PowerResult r = prev == null ? PowerIteration.run(sharpOp, popts)
                            : PowerIteration.warm(sharpOp, prev, popts);
                    prev = r;
                    if (t == 0 && !Double.isNaN(c)) {
                        lambda0 = r.eigenvalue();
                        if (!(lambda0 > 0)) {
                            throw new IllegalArgumentException("c mode needs lambda0 > 0, measured " + lambda0);
                        }
                        lr = c / lambda0;
                    } else if (t == 0) {
                        lambda0 = r.eigenvalue();
                    }
                    if (sharpnessEvery > 0 || t == 0) {
                        sharpA[t] = r.eigenvalue();
                        residA[t] = r.residual();
                    }
                    if (trackNtk) {
                        PowerResult k = prevNtk == null ? PowerIteration.run(full.ntk(), popts)
                                : PowerIteration.warm(full.ntk(), prevNtk, popts);
                        prevNtk = k;
                        ntkA[t] = k.eigenvalue();
                    }
                    if (traceSamples > 0) {
                        traceA[t] = Hutchinson.trace(full, traceSamples, seed + 3 + t).estimate();
                    }
                }
                if (batchSize == 0) {
                    g = full.gradient();
                } else {
                    if (order == null || cursor + batchSize > order.length) {
                        order = permutation(data.size(), rng);
                        cursor = 0;
                    }
                    Dataset batch = subset(Arrays.copyOfRange(order, cursor, cursor + batchSize));
                    cursor += batchSize;
                    g = Hessian.at(model, theta, batch, loss).gradient();
                }
                gradA[t] = Dense.norm(g);
                if (t == steps) {
                    break;
                }
                for (int i = 0; i < theta.length; i++) {
                    velocity[i] = momentum * velocity[i] + g[i];
                    theta[i] -= lr * velocity[i];
                }
                if (bar != null) {
                    bar.step();
                    bar.message(String.format("loss=%.4g%s", lt,
                            Double.isNaN(sharpA[t]) ? "" : String.format(" sharpness=%.4g", sharpA[t])));
                }
            }
        }
        return new TrainingRun(model, data.name(), loss, batchSize == 0 ? data.size() : batchSize, lr, c,
                momentum, seed, lambda0, recorded, Arrays.copyOf(lossA, recorded), Arrays.copyOf(accA, recorded),
                Arrays.copyOf(sharpA, recorded), Arrays.copyOf(residA, recorded),
                trackNtk ? Arrays.copyOf(ntkA, recorded) : null,
                traceSamples > 0 ? Arrays.copyOf(traceA, recorded) : null, Arrays.copyOf(gradA, recorded),
                Arrays.copyOf(wnA, recorded), truncate(layerA, recorded), diverged, divergedAt, theta);
    }

    private double lossOf(double[] f) {
        int k = data.outputDim();
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += loss.value(f, i * k, data.targets(), i * k, k);
        }
        return s / data.size();
    }

    private static void norms(Network model, double[] theta, double[][] layerA, double[] wnA, int t) {
        List<Layer> layers = model.layers();
        int off = 0;
        double total = 0;
        for (int l = 0; l < layers.size(); l++) {
            int np = layers.get(l).numParams();
            double s = 0;
            for (int i = off; i < off + np; i++) {
                s += theta[i] * theta[i];
            }
            layerA[l][t] = Math.sqrt(s);
            total += s;
            off += np;
        }
        wnA[t] = Math.sqrt(total);
    }

    private Dataset subset(int[] idx) {
        int d = data.inputDim();
        int k = data.outputDim();
        double[] x = new double[idx.length * d];
        double[] y = new double[idx.length * k];
        int[] labels = data.labels() == null ? null : new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(data.inputs(), idx[j] * d, x, j * d, d);
            System.arraycopy(data.targets(), idx[j] * k, y, j * k, k);
            if (labels != null) {
                labels[j] = data.labels()[idx[j]];
            }
        }
        return new Dataset(data.name() + " batch", idx.length, d, k, x, y, labels);
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double[][] truncate(double[][] a, int n) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOf(a[i], n);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("Training[%s, %s, %s, %s, steps=%d, sharpnessEvery=%d%s]",
                batchSize == 0 ? "GD" : "SGD(B=" + batchSize + ")", net, loss,
                Double.isNaN(c) ? "eta=" + eta : "c=" + c, steps, sharpnessEvery,
                momentum > 0 ? ", momentum=" + momentum : "");
    }
}
