package org.sharpnesslab.training;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;

/**
 * Training of a network by full-batch gradient descent or seeded mini-batch SGD (optionally with heavy-ball
 * momentum), tracking the sharpness λ^H (top Hessian eigenvalue, warm-started, 000 App. B.4; 004 §7.1) and
 * optionally the NTK's λ^K and tr ∇²L along the way. Immutable: every knob returns a new {@code Training}.
 *
 * <pre>{@code
 * TrainingRun run = Training.gd(net, data).eta(0.1).steps(500).sharpnessEvery(10).run(seed);
 * TrainingRun run = Training.sgd(net, data, 512).c(2.0).steps(10).run(seed);     // η = c/λ₀^H (002 §2)
 * TrainingRun run = Training.gd(net, data).c(2).sharpnessEvery(1).sharpness(Sharpness.papers20()).run(seed);
 * run.table()   // step, loss, accuracy, sharpness, sharpness_residual, sharpness_iterations, ... (TrainingRun#table)
 * }</pre>
 *
 * <p>Defaults: MSE loss, 100 steps, η = 0.1 (unless {@link #c} is given), no momentum, no sharpness tracking,
 * sharpness converged to a relative residual of 10⁻³ by warm-started Lanczos when measured
 * ({@link Sharpness#DEFAULT}; {@link Sharpness#papers20()} is the papers' 20-step power iteration), divergence
 * threshold K = 10⁵ on the loss (002 §3, footnote 5), no NTK or trace tracking, progress bar on.
 *
 * <p>The update is v ← μ v + g, θ ← θ − η v (μ = 0: plain GD/SGD), g the gradient of the (mini-)batch loss
 * L_B = (1/B) Σ_{i∈B} ℓᵢ. SGD draws batches without replacement from a permutation of the examples reshuffled each
 * epoch with {@code java.util.Random(seed + 1)}.
 *
 * <p>The jobs are split: {@link TrainingConfig} holds the knobs, {@link TrainingLoop} runs the steps,
 * {@link SharpnessTracker} owns the warm-started measurement, {@link BatchSampler} draws the SGD batches and
 * {@link TrainingRecorder} fills the {@link TrainingRun}.
 */
public final class Training {

    /** The divergence threshold on the loss of 002 §3 (footnote 5): K = 10⁵ ({@link Divergence#K}). */
    public static final double DEFAULT_DIVERGENCE = Divergence.K;

    private final TrainingConfig cfg;

    private Training(TrainingConfig cfg) {
        this.cfg = cfg;
    }

    /** Full-batch gradient descent of {@code net} on {@code data}. */
    public static Training gd(Network net, Dataset data) {
        return create(net, data, 0);
    }

    /** Mini-batch SGD with batch size B (1 ≤ B ≤ n). */
    public static Training sgd(Network net, Dataset data, int batchSize) {
        if (data != null && (batchSize < 1 || batchSize > data.size())) {
            throw new IllegalArgumentException("batchSize must be in [1, " + data.size() + "], got " + batchSize);
        }
        return create(net, data, data != null && batchSize == data.size() ? 0 : batchSize);
    }

    private static Training create(Network net, Dataset data, int b) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("net and data must not be null");
        }
        if (data.inputDim() != net.inputDim() || data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data + " does not match network " + net);
        }
        return new Training(new TrainingConfig(net, data, b, Loss.MSE, 0.1, Double.NaN, 0, 100, 0, false, 0,
                Sharpness.DEFAULT, DEFAULT_DIVERGENCE, false, null, true, false, false, false));
    }

    /**
     * Also estimate tr ∇²L by Hutchinson's method with {@code samples} Rademacher probes (≥ 2; 0 switches it off)
     * whenever the sharpness is measured (column {@code trace}).
     */
    public Training trackTrace(int samples) {
        if (samples != 0 && samples < 2) {
            throw new IllegalArgumentException("trace samples must be 0 (off) or >= 2, got " + samples);
        }
        return new Training(cfg.with(k -> k.traceSamples = samples));
    }

    /**
     * Measure the sharpness on the row-space reduced Hessian ({@link ReducedHessian}; default off): exact (the same
     * λ^H to rounding), and cheaper per product when the dataset has fewer examples than input dimensions
     * (n &lt; d), at the cost of one {@link InputBasis} per run and one extra forward/backward pass in reduced
     * coordinates per measurement. The warm start carries over unchanged (the basis is fixed for the run); the
     * first measurement's seeded random start is drawn in the reduced dimension, so values agree with the full
     * operator's to the solver's convergence (to rounding once converged), not bit for bit.
     * Without effect when n ≥ d or the first layer is not dense. The NTK and trace are still measured on the
     * full operator.
     */
    public Training reducedBasis(boolean on) {
        return new Training(cfg.with(k -> k.reducedBasis = on));
    }

    /** The loss (default MSE). */
    public Training loss(Loss l) {
        if (l == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        return new Training(cfg.with(k -> k.loss = l));
    }

    /** A fixed learning rate η > 0. */
    public Training eta(double e) {
        if (!(e > 0) || Double.isInfinite(e)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + e);
        }
        return new Training(cfg.with(k -> {
            k.eta = e;
            k.c = Double.NaN;
        }));
    }

    /** The learning rate as η = c / λ₀^H, λ₀^H measured at initialisation with {@link #sharpness} (000 §4, 002 §2). */
    public Training c(double cc) {
        if (!(cc > 0) || Double.isInfinite(cc)) {
            throw new IllegalArgumentException("c must be finite and > 0, got " + cc);
        }
        return new Training(cfg.with(k -> {
            k.eta = Double.NaN;
            k.c = cc;
        }));
    }

    /** Heavy-ball momentum μ ∈ [0, 1). */
    public Training momentum(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + mu);
        }
        return new Training(cfg.with(k -> k.momentum = mu));
    }

    /** Number of update steps ≥ 0 (the table has steps + 1 rows: states θ₀ … θ_steps). */
    public Training steps(int s) {
        if (s < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + s);
        }
        return new Training(cfg.with(k -> k.steps = s));
    }

    /** Measure the sharpness every k ≥ 1 steps (0: never; the last state is measured too). */
    public Training sharpnessEvery(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("sharpnessEvery must be >= 0, got " + k);
        }
        return new Training(cfg.with(kn -> kn.sharpnessEvery = k));
    }

    /**
     * Also measure the most negative Hessian eigenvalue λ_min (warm-started Lanczos at the smallest algebraic end,
     * {@link org.sharpnesslab.spectrum.Lanczos.Which#SMALLEST_ALGEBRAIC}, to the tolerance and budget of
     * {@link #sharpness}) whenever the sharpness is measured: columns {@code lambda_min} and
     * {@code lambda_min_residual} (an eigenvalue of ∇²L lies within it). Default off.
     */
    public Training trackLambdaMin(boolean on) {
        return new Training(cfg.with(k -> k.trackBottom = on));
    }

    /**
     * Also measure λ₁(H_ll) of each layer's diagonal Hessian block ({@link Hessian#block}: exact block products,
     * warm-started Lanczos per layer, the tolerance and budget of {@link #sharpness}) whenever the sharpness is
     * measured: columns {@code block_sharpness_1} … {@code block_sharpness_L} and {@code block_residual_1} … (the
     * layerwise view of 004 §2.2 on the curvature side). Default off.
     */
    public Training trackLayerBlocks(boolean on) {
        return new Training(cfg.with(k -> k.trackBlocks = on));
    }

    /** Also measure the NTK's top eigenvalue λ^K ({@link Hessian#ntk()}) whenever the sharpness is measured. */
    public Training trackNtk(boolean on) {
        return new Training(cfg.with(k -> k.trackNtk = on));
    }

    /**
     * How the sharpness (and λ^K) is measured (default {@link Sharpness#DEFAULT}: converged to r/λ ≤ 10⁻³ by
     * warm-started Lanczos); {@code Sharpness.papers20()} is the papers' 20 power steps.
     */
    public Training sharpness(Sharpness s) {
        if (s == null) {
            throw new IllegalArgumentException("sharpness options must not be null");
        }
        return new Training(cfg.with(k -> k.sharpness = s));
    }


    /** The loss above which the run counts as diverged (default K = 10⁵, 002 §3). */
    public Training divergence(double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("divergence threshold must be > 0, got " + k);
        }
        return new Training(cfg.with(kn -> kn.divergence = k));
    }

    /** Train the centred network f(x; θ) − f(x; θ₀) (002 §4). */
    public Training centred(boolean on) {
        return new Training(cfg.with(k -> k.centred = on));
    }

    /** Start from these parameters instead of {@code net.init(seed)} (copied). */
    public Training from(double[] params) {
        if (params == null || params.length != cfg.net().numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + cfg.net().numParams() + " entries");
        }
        // a NaN or infinite start is bad input, not a run that diverged
        org.sharpnesslab.task.Check.finite(params, "params");
        return new Training(cfg.with(k -> k.from = params));
    }

    /** Show the platform's progress bar (default on). */
    public Training progress(boolean on) {
        return new Training(cfg.with(k -> k.progress = on));
    }

    /**
     * Runs the training.
     *
     * @param seed seeds the initial parameters ({@code net.init(seed)}), the SGD batches (seed + 1) and the
     *             eigen-solver's first random start (seed + 2)
     * @return the run, with the per-step table and the divergence flag
     */
    public TrainingRun run(long seed) {
        return TrainingLoop.run(cfg, seed);
    }

    @Override
    public String toString() {
        return String.format("Training[%s, %s, %s, %s, steps=%d, sharpnessEvery=%d%s, %s]",
                cfg.batchSize() == 0 ? "GD" : "SGD(B=" + cfg.batchSize() + ")", cfg.net(), cfg.loss(),
                Double.isNaN(cfg.c()) ? "eta=" + cfg.eta() : "c=" + cfg.c(), cfg.steps(), cfg.sharpnessEvery(),
                cfg.momentum() > 0 ? ", momentum=" + cfg.momentum() : "", cfg.sharpness());
    }
}
