package org.sharpnesslab.alignment;

import org.sharpnesslab.nn.Loss;

/**
 * Options of {@link ExponentialEuler} (004 §7.2), immutable; tweak with {@code withX}. Defaults (declared once, in
 * {@link #DEFAULTS}): η = 0.01, k = the number of outputs (004 §7.2: "we use k = O"), at most 20,000 steps, target
 * loss 0.01 (004 §3, cross-entropy), a snapshot every 100 steps (004 §3), block power iteration to a relative
 * residual of 1e-3 with at most 3 warm-started sweeps per step, else Lanczos with a Krylov dimension of at most
 * 120 (cold start, and fallback), divergence
 * threshold K = 10⁵. 004 does not state η; 0.01 is this library's choice.
 *
 * @param eta            η &gt; 0: the cap of Δt
 * @param k              number of top eigenpairs integrated exactly, ≥ 1, or 0 for "the number of outputs"
 * @param maxSteps       step budget ≥ 1
 * @param targetLoss     stop once L ≤ target (004 §3: 0.01 cross-entropy, 0.02 MSE in PyTorch's mean convention,
 *                       see {@link #paperTarget}); ≥ 0 (0: run all steps)
 * @param snapshotEvery  keep θ every this many steps (and at the first and last), ≥ 1
 * @param eigenTolerance relative residual of the block power iteration, in (0, 1)
 * @param sweepsPerStep  sweep budget of the warm-started block power iteration each step, ≥ 1
 * @param lanczosIterations Krylov dimension of the Lanczos solve used cold (first step) and whenever the warm
 *                       block power iteration misses the tolerance, ≥ k + 1 (memory: that many vectors of length P)
 * @param divergence     divergence threshold K on the loss ({@link org.sharpnesslab.task.Divergence}), &gt; 0
 * @param progress       show a progress bar (off inside sweeps)
 * @param capAtEta       cap the exponential coefficients at η, 004 §7.2's literal intent, instead of at Δt (the
 *                       default, see {@link ExponentialEuler}); kept to show why Δt is the cap
 */
public record EulerOptions(double eta, int k, int maxSteps, double targetLoss, int snapshotEvery,
                           double eigenTolerance, int sweepsPerStep, int lanczosIterations, double divergence,
                           boolean progress, boolean capAtEta) {

    /** η = 0.01, k = outputs, 20,000 steps, target 0.01, snapshots every 100, 1e-3 / 3 sweeps / Lanczos 120, K = 10⁵. */
    public static final EulerOptions DEFAULTS = new EulerOptions(0.01, 0, 20_000, 0.01, 100, 1e-3, 3, 120, 1e5,
            true, false);

    public EulerOptions {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (k < 0) throw new IllegalArgumentException("k must be >= 0 (0 = number of outputs), got " + k);
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        if (!(targetLoss >= 0)) throw new IllegalArgumentException("targetLoss must be >= 0, got " + targetLoss);
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be >= 1, got " + snapshotEvery);
        }
        if (!(eigenTolerance > 0 && eigenTolerance < 1)) {
            throw new IllegalArgumentException("eigenTolerance must be in (0, 1), got " + eigenTolerance);
        }
        if (sweepsPerStep < 1) throw new IllegalArgumentException("sweepsPerStep must be >= 1, got " + sweepsPerStep);
        if (lanczosIterations < 1) throw new IllegalArgumentException("lanczosIterations must be >= 1, got " + lanczosIterations);
        if (!(divergence > 0)) throw new IllegalArgumentException("divergence must be > 0, got " + divergence);
    }

    /**
     * 004 §3's stopping loss in this library's normalisation: 0.01 for cross-entropy; for MSE 0.02 in PyTorch's
     * {@code MSELoss} (mean over the n·k entries), i.e. 0.02 · k / 2 for L = (1/2n) Σ ‖f − y‖² ({@link Loss#MSE}),
     * times {@link Loss#hessianFactor} for the other normalisations (0.02 for {@link Loss#MSE_MEAN}).
     *
     * @param k number of outputs
     */
    public static double paperTarget(Loss loss, int k) {
        org.sharpnesslab.task.Check.notNull("loss", loss);
        if (k < 1) {
            throw org.sharpnesslab.task.Check.range("k", ">= 1", k);
        }
        return loss == Loss.CROSS_ENTROPY ? 0.01 : 0.02 * k / 2.0 * loss.hessianFactor(k);
    }

    /** The defaults with 004's target for this criterion and k outputs. */
    public static EulerOptions paper(Loss loss, int k) {
        return DEFAULTS.withTargetLoss(paperTarget(loss, k));
    }

    public EulerOptions withEta(double v) {
        return with(o -> o.eta = v);
    }

    public EulerOptions withK(int v) {
        return with(o -> o.k = v);
    }

    public EulerOptions withMaxSteps(int v) {
        return with(o -> o.maxSteps = v);
    }

    public EulerOptions withTargetLoss(double v) {
        return with(o -> o.targetLoss = v);
    }

    public EulerOptions withSnapshotEvery(int v) {
        return with(o -> o.snapshotEvery = v);
    }

    public EulerOptions withEigen(double tolerance, int sweepsPerStep, int lanczosIterations) {
        return with(o -> {
            o.eigenTolerance = tolerance;
            o.sweepsPerStep = sweepsPerStep;
            o.lanczosIterations = lanczosIterations;
        });
    }

    public EulerOptions withProgress(boolean v) {
        return with(o -> o.progress = v);
    }

    public EulerOptions withCapAtEta(boolean v) {
        return with(o -> o.capAtEta = v);
    }

    public EulerOptions withDivergence(double v) {
        return with(o -> o.divergence = v);
    }

    /** This record with the components {@code edit} changes, validated again: the one copy helper of the withers. */
    private EulerOptions with(java.util.function.Consumer<Knobs> edit) {
        Knobs o = new Knobs(this);
        edit.accept(o);
        return new EulerOptions(o.eta, o.k, o.maxSteps, o.targetLoss, o.snapshotEvery, o.eigenTolerance,
                o.sweepsPerStep, o.lanczosIterations, o.divergence, o.progress, o.capAtEta);
    }

    /** The mutable copy {@link #with} edits; its fields are the record's components. */
    private static final class Knobs {
        double eta;
        int k;
        int maxSteps;
        double targetLoss;
        int snapshotEvery;
        double eigenTolerance;
        int sweepsPerStep;
        int lanczosIterations;
        double divergence;
        boolean progress;
        boolean capAtEta;

        Knobs(EulerOptions r) {
            eta = r.eta;
            k = r.k;
            maxSteps = r.maxSteps;
            targetLoss = r.targetLoss;
            snapshotEvery = r.snapshotEvery;
            eigenTolerance = r.eigenTolerance;
            sweepsPerStep = r.sweepsPerStep;
            lanczosIterations = r.lanczosIterations;
            divergence = r.divergence;
            progress = r.progress;
            capAtEta = r.capAtEta;
        }
    }
}
