package org.sharpnesslab.alignment;

import org.sharpnesslab.linalg.Vectors;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.BlockPower;
import org.sharpnesslab.spectrum.BlockPowerOptions;
import org.sharpnesslab.spectrum.EigenResult;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;
import org.sharpnesslab.spectrum.LinearOperator;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

import java.util.ArrayList;
import java.util.List;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;

/**
 * Training that follows the gradient flow dθ/dt = −∇L(θ) without entering the edge of stability: the exponential
 * Euler method restricted to the top k eigenpairs of the Hessian (004 §7.2).
 *
 * <p>Each step, at θ₀ with gradient g: the top k + 1 eigenpairs (λ_m, v_m) of ∇²L(θ₀) by largest magnitude, by
 * {@link BlockPower} warm-started from the previous step's vectors (004 §7.1: "only 1–3 iterations"), and by
 * {@link Lanczos} on the first step and whenever the warm solve misses the tolerance within its sweep budget (a top
 * subspace that is not resolved leaks its large eigenvalues into the Euler part, which Δt does not cover); c_m = gᵀv_m,
 * w = g − Σ c_m v_m, and
 * <pre>
 *   Δt  = min(1/|λ_{k+1}|, η)                      (η when λ_{k+1} = 0)
 *   φ_m = (1 − e^{−λ_m Δt}) / λ_m                  (Δt when λ_m = 0)
 *   θ   = θ₀ − Σ_{m ≤ k} min(φ_m, Δt) c_m v_m − Δt w
 * </pre>
 * Along v_m the linearised flow dr_m/dt = −c_m − λ_m r_m has the exact solution r_m(Δt) = −c_m φ_m (004 §7.2); the
 * rest is one Euler step, stable because every remaining eigenvalue has |λ| ≤ |λ_{k+1}| ≤ 1/Δt. What 004 prints
 * and why this differs (derived in notebook 09): its clipped coefficient min((e^{−λt} − 1)/λ, η) is the minimum of
 * a negative number and η, which never clips; the coefficient meant is the positive φ_m with a cap. φ_m ≤ Δt ≤ η
 * whenever λ_m ≥ 0, so a cap only ever acts on negative eigenvalues, where φ_m grows like e^{|λ_m|Δt}/|λ_m|; a cap
 * at η lets such a direction move up to η/Δt times further than the Euler step of the rest (on the dice MLP of
 * notebook 09 that diverged within a few dozen steps), so the cap here is Δt: the exponential step for positive
 * curvature, the Euler step for negative curvature ({@link EulerOptions#capAtEta()} restores the cap at η). Its
 * update writes r_m(0) (= 0) for r_m(Δt); its Δt =
 * min(1/λ_{k+1}, η) is negative when λ_{k+1} &lt; 0, and the eigenvalues come from a largest-magnitude solver, so
 * |λ_{k+1}| is the bound on the remaining spectrum.
 *
 * <p>Calls {@link Cancellation#checkpoint()} every step; a loss that is non-finite or above the threshold ends the
 * run flagged diverged ({@link Divergence}).
 */
public final class ExponentialEuler {

    private ExponentialEuler() {
    }

    /** The loss, its gradient and its Hessian at θ: what one step needs. */
    @FunctionalInterface
    public interface Objective {
        /** The objective at θ (θ not modified). */
        Point at(double[] theta);
    }

    /**
     * The objective at one θ.
     *
     * @param loss     L(θ)
     * @param gradient ∇L(θ)
     * @param hessian  ∇²L(θ) as a symmetric operator
     */
    public record Point(double loss, double[] gradient, LinearOperator hessian) {
    }

    /** The training loss of a network on a dataset (full batch, exact Hessian products, {@link Hessian}). */
    public static Objective network(Network net, Dataset data, Loss loss) {
        return theta -> {
            Hessian h = Hessian.at(net, theta, data, loss);
            return new Point(h.loss(), h.gradient(), h);
        };
    }

    /**
     * Trains a network from {@code net.init(seed)}; k = 0 in the options means k = number of outputs.
     *
     * @return the run; its snapshots feed {@link AlignmentTrajectory#of}
     */
    public static EulerRun train(Network net, Dataset data, Loss loss, EulerOptions options, long seed) {
        EulerOptions o = options.k() == 0 ? options.withK(net.outputDim()) : options;
        return run(network(net, data, loss), net.init(seed), o, seed);
    }

    /**
     * Integrates the gradient flow of an objective from θ₀.
     *
     * @param objective the loss with gradient and Hessian
     * @param theta0    θ₀ (not modified)
     * @param options   options; k must be ≥ 1 here
     * @param seed      seed of the first eigen-solve's random start
     */
    public static EulerRun run(Objective objective, double[] theta0, EulerOptions options, long seed) {
        if (objective == null || theta0 == null || options == null) {
            throw new IllegalArgumentException("objective, theta0 and options must not be null");
        }
        int k = options.k();
        if (k < 1) throw new IllegalArgumentException("k must be >= 1 here (set it, or use train), got " + k);
        if (k + 1 > theta0.length) {
            throw new IllegalArgumentException("k + 1 = " + (k + 1) + " exceeds the dimension " + theta0.length);
        }
        double eta = options.eta();
        double[] theta = theta0.clone();
        Divergence rule = Divergence.above(options.divergence());
        EulerRun.Recorder rec = new EulerRun.Recorder(k);
        rec.eta(eta);
        List<EulerRun.Snapshot> snaps = new ArrayList<>();
        double[][] warm = null;
        double time = 0;
        boolean diverged = false;
        boolean reached = false;
        int step = 0;
        try (ProgressBar bar = options.progress() ? Progress.start("exponential Euler", options.maxSteps()) : null) {
            for (step = 0; ; step++) {
                Cancellation.checkpoint();
                Point p = objective.at(theta);
                if (rule.diverged(p.loss()) || !finite(p.gradient())) {
                    diverged = true;
                    rec.add(step, time, Double.NaN, Double.isFinite(p.loss()) ? p.loss() : Double.NaN, null, 0, false, false);
                    break;
                }
                reached = p.loss() <= options.targetLoss();
                boolean last = reached || step == options.maxSteps();
                if (step % options.snapshotEvery() == 0 || last) {
                    snaps.add(new EulerRun.Snapshot(step, time, p.loss(), theta.clone()));
                }
                if (last) {
                    rec.add(step, time, Double.NaN, p.loss(), null, 0, false, false);
                    break;
                }
                EigenResult eig = null;
                boolean fallback = warm == null;
                if (warm != null) {
                    BlockPowerOptions bo = BlockPowerOptions.top(k + 1).withTolerance(options.eigenTolerance())
                            .withMaxSweeps(options.sweepsPerStep()).withSeed(seed);
                    eig = BlockPower.run(p.hessian(), bo, warm);
                    fallback = !eig.allConverged();
                }
                int products = eig == null ? 0 : eig.iterations();
                if (fallback) {
                    LanczosOptions lo = LanczosOptions.top(k + 1).withWhich(Lanczos.Which.LARGEST_MAGNITUDE)
                            .withTolerance(options.eigenTolerance())
                            .withMaxIterations(Math.max(k + 1, Math.min(options.lanczosIterations(), theta.length)))
                            .withSeed(seed + step);
                    eig = Lanczos.run(p.hessian(), lo);
                    products += eig.iterations();
                }
                if (eig.k() != k + 1 || !finite(eig.values())) {
                    diverged = true;
                    rec.add(step, time, Double.NaN, p.loss(), null, products, false, fallback);
                    break;
                }
                warm = eig.vectors();
                double dt = timeStep(eig.value(k), eta);
                double[] g = p.gradient();
                double[] next = theta.clone();
                double[] w = g.clone();
                for (int m = 0; m < k; m++) {
                    double[] v = eig.vector(m);
                    double c = Vectors.dot(g, v);
                    axpy(-c, v, w);
                    double phi = coefficient(eig.value(m), options.capAtEta() ? eta : dt, dt);
                    axpy(-phi * c, v, next);                                  // r_m(Δt) = −min(φ_m, Δt) c_m
                }
                axpy(-dt, w, next);                                            // Euler on the rest
                rec.add(step, time, dt, p.loss(), eig, products, eig.allConverged(), fallback);
                theta = next;
                time += dt;
                if (bar != null) bar.step();
            }
        }
        return new EulerRun(options, rec.table(), snaps, theta, step, time, reached, diverged,
                diverged ? step : -1);
    }

    /** Δt = min(1/|λ_{k+1}|, η) (η when λ_{k+1} = 0): the repaired 004 §7.2 step. */
    public static double timeStep(double lambdaK1, double eta) {
        double a = Math.abs(lambdaK1);
        return a == 0 ? eta : Math.min(1 / a, eta);
    }

    /**
     * The exponential coefficient min(φ, Δt), φ = (1 − e^{−λΔt})/λ (Δt at λ = 0): r_m(Δt) = −min(φ, Δt) c_m along an
     * eigenvector with eigenvalue λ (004 §7.2, repaired). For λ ≥ 0, φ ≤ Δt and the cap never acts; for λ &lt; 0 the
     * linearised flow grows like e^{|λ|Δt} and the step is capped at the Euler step.
     */
    public static double coefficient(double lambda, double dt) {
        return coefficient(lambda, dt, dt);
    }

    /** min(φ, cap) with φ = (1 − e^{−λΔt})/λ: {@code cap} = η is 004 §7.2's literal intent (see the class notes). */
    public static double coefficient(double lambda, double cap, double dt) {
        double phi = lambda == 0 ? dt : -Math.expm1(-lambda * dt) / lambda;
        return Math.min(phi, cap);
    }

    private static boolean finite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }


    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }
}
