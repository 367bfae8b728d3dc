package org.sharpnesslab.training;

import org.sharpnesslab.linalg.Vectors;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.Hutchinson;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import org.sharpnesslab.nn.DenseLayer;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.ReducedHessian;
import org.sharpnesslab.nn.InputBasis;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Metrics;
import org.sharpnesslab.nn.Network;

/**
 * The step loop of a {@link Training}: at each state θ_t the loss (full batch), the weight norms, the sharpness
 * when due ({@link SharpnessTracker}), then the update v ← μ v + g, θ ← θ − η v. Stops at once when the loss
 * diverges ({@link Divergence}); checks for cancellation every step.
 */
final class TrainingLoop {

    private TrainingLoop() {
    }

    /**
     * Runs {@code cfg}.
     *
     * @param seed seeds θ₀ ({@code net.init(seed)}), the SGD batches (seed + 1), the eigen-solvers' first start
     *             (seed + 2) and the Hutchinson probes (seed + 3 + t)
     */
    static TrainingRun run(TrainingConfig cfg, long seed) {
        Network net = cfg.net();
        Dataset data = cfg.data();
        Loss loss = cfg.loss();
        double[] theta = cfg.from() != null ? cfg.from() : net.init(seed);
        Network model = cfg.centred() ? net.centredAt(theta) : net;
        int steps = cfg.steps();
        TrainingRecorder rec = new TrainingRecorder(steps + 1, model.layers().size());
        if (cfg.trackBottom()) {
            rec.track("lambda_min", "lambda_min_residual");
        }
        for (int l = 1; cfg.trackBlocks() && l <= model.layers().size(); l++) {
            rec.track("block_sharpness_" + l, "block_residual_" + l);
        }
        SharpnessTracker sharpness = SharpnessTracker.of(cfg.sharpness(), seed + 2);
        SharpnessTracker ntk = cfg.trackNtk() ? SharpnessTracker.of(cfg.sharpness(), seed + 2) : null;
        SharpnessTracker bottom = cfg.trackBottom() ? SharpnessTracker.of(atEnd(cfg.sharpness(),
                Lanczos.Which.SMALLEST_ALGEBRAIC), seed + 4) : null;
        int depth = model.layers().size();
        SharpnessTracker[] blocks = new SharpnessTracker[cfg.trackBlocks() ? depth : 0];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = SharpnessTracker.of(atEnd(cfg.sharpness(), Lanczos.Which.LARGEST_ALGEBRAIC), seed + 5 + l);
        }
        BatchSampler sampler = cfg.batchSize() == 0 ? null : new BatchSampler(data, cfg.batchSize(), seed + 1);
        InputBasis basis = reducedBasis(cfg, model);
        boolean cMode = !Double.isNaN(cfg.c());
        double lambda0 = Double.NaN;
        double lr = cfg.eta();
        boolean diverged = false;
        int divergedAt = -1;
        double[] velocity = new double[theta.length];
        Divergence rule = Divergence.above(cfg.divergence());
        try (ProgressBar bar = cfg.progress() ? Progress.start("training", steps) : null) {
            for (int t = 0; t <= steps; t++) {
                Cancellation.checkpoint();
                boolean measure = cfg.measuresAt(t);
                Hessian full = null;
                ReducedHessian reduced = null;
                try { // the step's operators give their native memory back for the next step's (Hessian#close)
                    double lt;
                    double at;
                    if (sampler == null || measure) {
                        full = Hessian.at(model, theta, data, loss);
                        lt = full.loss();
                        at = full.accuracy();
                    } else {
                        double[] f = model.forward(theta, data.inputs());
                        lt = lossOf(loss, data, f);
                        at = Metrics.accuracy(f, data);
                    }
                    rec.reach(t);
                    if (rule.diverged(lt)) {
                        diverged = true;
                        divergedAt = t;
                        rec.divergedLoss(t, lt);
                        if (bar != null) {      // the bar says why it stopped, not the last finite loss
                            bar.message(String.format("DIVERGED at step %d: loss=%.4g > %.4g", t, lt,
                                    cfg.divergence()));
                        }
                        break;
                    }
                    rec.state(t, lt, at, model, theta);
                    if (measure) {
                        if (basis != null) {
                            reduced = Hessian.reducedAt(model, theta, data, loss, basis);
                        }
                        LinearOperator op = basis == null ? full : reduced;
                        SharpnessTracker.Measurement m = sharpness.measure(op);
                        if (t == 0) {
                            lambda0 = m.value();
                            if (cMode) {
                                if (!(lambda0 > 0)) {
                                    throw new IllegalArgumentException("c mode needs lambda0 > 0, measured " + lambda0);
                                }
                                lr = cfg.c() / lambda0;
                            }
                        }
                        if (cfg.sharpnessEvery() > 0 || t == 0) {
                            rec.sharpness(t, m);
                        }
                        if (ntk != null) {
                            rec.ntk(t, ntk.measure(full.ntk()).value());
                        }
                        if (bottom != null && (cfg.sharpnessEvery() > 0 || t == 0)) {
                            SharpnessTracker.Measurement mb = bottom.measure(full);
                            rec.tracked("lambda_min", t, mb.value());
                            rec.tracked("lambda_min_residual", t, mb.residual());
                        }
                        for (int l = 1; l <= blocks.length && (cfg.sharpnessEvery() > 0 || t == 0); l++) {
                            SharpnessTracker.Measurement mb = blocks[l - 1].measure(full.block(l));
                            rec.tracked("block_sharpness_" + l, t, mb.value());
                            rec.tracked("block_residual_" + l, t, mb.residual());
                        }
                        if (cfg.traceSamples() > 0) {
                            rec.trace(t, Hutchinson.trace(full, cfg.traceSamples(), seed + 3 + t).estimate());
                        }
                    }
                    double[] g;
                    if (sampler == null) {
                        g = full.gradient();
                    } else {
                        try (Hessian batch = Hessian.at(model, theta, sampler.next(), loss)) {
                            g = batch.gradient();
                        }
                    }
                    rec.gradNorm(t, Vectors.norm(g));
                    if (t == steps) {
                        break;
                    }
                    double mu = cfg.momentum();
                    for (int i = 0; i < theta.length; i++) {
                        velocity[i] = mu * velocity[i] + g[i];
                        theta[i] -= lr * velocity[i];
                    }
                    if (bar != null) {
                        bar.step();
                        double s = rec.sharpness(t);
                        bar.message(String.format("loss=%.4g%s", lt,
                                Double.isNaN(s) ? "" : String.format(" sharpness=%.4g", s)));
                    }
                } finally {
                    if (full != null) {
                        full.close();
                    }
                    if (reduced != null) {
                        reduced.close();
                    }
                }
            }
        }
        return rec.finish(cfg, model, seed, lr, lambda0, diverged, divergedAt, theta);
    }

    /** The row-space basis when asked for and useful (n &lt; d, dense first layer), else null. */
    private static InputBasis reducedBasis(TrainingConfig cfg, Network model) {
        if (!cfg.reducedBasis() || !cfg.measures() || !(model.layers().get(0) instanceof DenseLayer)) {
            return null;
        }
        InputBasis basis = InputBasis.of(cfg.data());
        return basis.isReduced() ? basis : null;
    }

    private static double lossOf(Loss loss, Dataset data, double[] f) {
        int k = data.outputDim();
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += loss.value(f, i * k, data.targets(), i * k, k);
        }
        return s / data.size();
    }

    /** Lanczos at the given end with the tolerance (and, for Lanczos, the budget) of the sharpness options. */
    private static Sharpness atEnd(Sharpness s, Lanczos.Which which) {
        int budget = s.method() == Sharpness.Method.LANCZOS ? s.lanczos().maxIterations() : Sharpness.DEFAULT_BUDGET;
        return new Sharpness(Sharpness.Method.LANCZOS, null, LanczosOptions.DEFAULTS.withTolerance(s.tolerance())
                .withMaxIterations(budget).withWhich(which));
    }
}
