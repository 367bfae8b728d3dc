package org.sharpnesslab.uv;

import org.sharpnesslab.linalg.Vectors;
import java.util.Random;
import org.sharpnesslab.task.Divergence;

/**
 * The UV model in parameter space (000 §2): f(x; θ) = vᵀUx / √n_eff with v ∈ ℝⁿ, U ∈ ℝ^{n×d},
 * n_eff = n^{1-p}, trained by full-batch gradient descent on ½(f(x) − y)² (000 Eqs. 12–13).
 *
 * <p>Immutable: {@link #train(int)} returns a {@link UVRun}; {@link #step(double)} returns a new model.
 *
 * <pre>{@code
 * var model = UVModel.init(UVConfig.builder().muP().n(512).build(), 42);
 * var run = model.train(2000);          // UVRun: df, lambda (= Tr H), lambda_h, loss, norm_u, norm_v
 * }</pre>
 */
public final class UVModel {

    /**
     * The divergence rule of {@link #train(double, int)} and {@link #lateLambdas}: the library's one rule,
     * {@link Divergence#DEFAULT} (loss non-finite or above K = 10⁵, 002 §2 footnote 5).
     */
    public static final Divergence DIVERGENCE = Divergence.DEFAULT;

    private final UVConfig config;
    private final double[] u; // n×d row-major
    private final double[] v;
    private final long seed;
    private final double[] x;
    private final double sqrtNEff; // √n_eff, cached for the hot loops
    private final double x2;       // ‖x‖²

    private UVModel(UVConfig config, double[] u, double[] v, long seed) {
        this.config = config;
        this.u = u;
        this.v = v;
        this.seed = seed;
        this.x = config.x();
        this.sqrtNEff = Math.sqrt(config.nEff());
        double s2 = 0;
        for (double xi : x) {
            s2 += xi * xi;
        }
        this.x2 = s2;
    }

    /**
     * A freshly initialised model: every entry of U and v drawn i.i.d. from N(0, σ_w²/n^p) (000 §2), U first
     * (row-major) then v, from {@code new Random(seed).nextGaussian()}.
     */
    public static UVModel init(UVConfig config, long seed) {
        org.sharpnesslab.task.Check.notNull("config", config);
        int n = config.n();
        int d = config.d();
        org.sharpnesslab.task.Check.memory((long) n * d, true, "U (n×d = " + n + "×" + d + ") of the UV model");
        org.sharpnesslab.task.Check.memory((long) n * d + n, false, "U and v (n=" + n + ", d=" + d
                + ") of the UV model");
        double sd = Math.sqrt(config.sigmaW2() / Math.pow(n, config.p()));
        Random r = new Random(seed);
        double[] u = new double[n * d];
        double[] v = new double[n];
        for (int i = 0; i < u.length; i++) {
            u[i] = sd * r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            v[i] = sd * r.nextGaussian();
        }
        return new UVModel(config, u, v, seed);
    }

    /** A model with the given parameters (copied): U as n×d row-major, v of length n. */
    public static UVModel of(UVConfig config, double[] u, double[] v) {
        org.sharpnesslab.task.Check.notNull("config", config);
        org.sharpnesslab.task.Check.notNull("u", u);
        org.sharpnesslab.task.Check.notNull("v", v);
        if (u.length != config.n() * config.d()) {
            throw new IllegalArgumentException("u must have n*d = " + config.n() * config.d() + " entries, got " + u.length);
        }
        if (v.length != config.n()) {
            throw new IllegalArgumentException("v must have n = " + config.n() + " entries, got " + v.length);
        }
        return new UVModel(config, u.clone(), v.clone(), -1);
    }

    public UVConfig config() {
        return config;
    }

    /** The seed of {@link #init}, or −1 for {@link #of}. */
    public long seed() {
        return seed;
    }

    /** U, n×d row-major (a copy). */
    public double[] u() {
        return u.clone();
    }

    /** v (a copy). */
    public double[] v() {
        return v.clone();
    }

    /** h = Ux. */
    public double[] h() {
        int n = config.n();
        int d = config.d();
        double[] x = config.x();
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += u[i * d + j] * x[j];
            }
            h[i] = s;
        }
        return h;
    }

    /** The output f(x; θ) = vᵀUx / √n_eff. */
    public double f() {
        double[] h = h();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * h[i];
        }
        return s / Math.sqrt(config.nEff());
    }

    /** The residual Δf = f − y. */
    public double df() {
        return f() - config.y();
    }

    /** The loss ½Δf². */
    public double loss() {
        double df = df();
        return 0.5 * df * df;
    }

    /** λ = Tr H = (‖x‖²‖v‖² + ‖Ux‖²)/n_eff, the scalar NTK (000 §4, App. C.1). */
    public double lambda() {
        double[] h = h();
        double x2 = config.xNorm() * config.xNorm();
        return (x2 * Vectors.dot(v, v) + Vectors.dot(h, h)) / config.nEff();
    }

    /** The top Hessian eigenvalue λ^H, from the closed form {@link #sharpness(double, double, double, double)}. */
    public double lambdaH() {
        return sharpness(df(), lambda(), config.xNorm() / Math.sqrt(config.nEff()), config.y());
    }

    /** ‖U‖_F. */
    public double normU() {
        return Math.sqrt(Vectors.dot(u, u));
    }

    /** ‖v‖. */
    public double normV() {
        return Math.sqrt(Vectors.dot(v, v));
    }

    /**
     * The top (largest algebraic) eigenvalue of the loss Hessian of the UV model, a function of (Δf, λ) only:
     * λ^H = λ/2 + √(λ²/4 + x̃² Δf (3Δf + 2y)), x̃ = ‖x‖/√n_eff.
     *
     * <p>Derivation: H = ∇f∇fᵀ + Δf ∇²f. Only the directions dU = a x̂ᵀ, dv matter; there ∇²f = (‖x‖/√n_eff)
     * [[0, I], [I, 0]] with eigenvalues ±1, and the gradient g = (‖x‖v, h)/√n_eff splits into components with
     * ‖g₊‖² + ‖g₋‖² = λ and ‖g₊‖² − ‖g₋‖² = 2x̃(Δf + y). The 2×2 block [[μ + ‖g₊‖², ‖g₊‖‖g₋‖], [‖g₊‖‖g₋‖,
     * −μ + ‖g₋‖²]] with μ = x̃Δf has trace λ and determinant −x̃²Δf(3Δf + 2y); its top eigenvalue bounds the
     * others (±μ, 0) from above. At zero loss λ^H = λ (000 App. C.5 compares λ and λ^H).
     */
    public static double sharpness(double df, double lambda, double xTilde, double y) {
        double disc = 0.25 * lambda * lambda + xTilde * xTilde * df * (3 * df + 2 * y);
        return 0.5 * lambda + Math.sqrt(Math.max(disc, 0));
    }

    /**
     * The dense loss Hessian, of size (n·d + n)², coordinates U (row-major) then v. For tests and small n.
     * H = ∇f∇fᵀ + Δf ∇²f with ∂f/∂U_ij = v_i x_j/√n_eff, ∂f/∂v_i = h_i/√n_eff, ∂²f/∂U_ij∂v_k = δ_ik x_j/√n_eff.
     */
    public double[][] hessian() {
        int n = config.n();
        int d = config.d();
        int m = n * d + n;
        double s = Math.sqrt(config.nEff());
        double[] x = config.x();
        double[] h = h();
        double[] g = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                g[i * d + j] = v[i] * x[j] / s;
            }
            g[n * d + i] = h[i] / s;
        }
        double df = df();
        double[][] hess = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                hess[a][b] = g[a] * g[b];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                hess[i * d + j][n * d + i] += df * x[j] / s;
                hess[n * d + i][i * d + j] += df * x[j] / s;
            }
        }
        return hess;
    }

    /**
     * The learning rate this configuration asks for at this model: η itself, c/λ^H or k/λ (000 §5.2, App. C.5).
     */
    public double eta() {
        switch (config.lrScale()) {
            case ETA:
                return config.lr();
            case K_OVER_LAMBDA:
                return config.lr() / lambda();
            default:
                return config.lr() / lambdaH();
        }
    }

    /**
     * One gradient-descent step: U ← U − η Δf v xᵀ/√n_eff, v ← v − η Δf Ux/√n_eff (000 Eqs. 12–13).
     */
    public UVModel step(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        double[] u2 = u.clone();
        double[] v2 = v.clone();
        gdStep(eta, u2, v2, new double[config.n()]);
        return new UVModel(config, u2, v2, seed);
    }

    /** Trains for {@code steps} steps at the configured learning rate ({@link #eta()}). */
    public UVRun train(int steps) {
        return train(eta(), steps);
    }

    /**
     * Trains by gradient descent for {@code steps} steps at learning rate {@code eta}, recording after every step.
     *
     * @return the run; its arrays hold t = 0 … T (T = steps, or the last finite step if it diverged)
     */
    public UVRun train(double eta, int steps) {
        return train(eta, steps, DIVERGENCE);
    }

    /**
     * Trains by gradient descent for {@code steps} steps at learning rate {@code eta}, stopping at once when
     * {@code rule} declares the loss diverged.
     *
     * @return the run; its arrays hold t = 0 … T (T = steps, or the last step before divergence)
     */
    public UVRun train(double eta, int steps, Divergence rule) {
        if (rule == null) {
            throw new IllegalArgumentException("divergence rule must not be null");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        org.sharpnesslab.task.Check.memory(steps + 1L, true, "a record of " + steps + " steps");
        org.sharpnesslab.task.Check.memory(6 * (steps + 1L), false, "a record of " + steps + " steps");
        double[] uu = u.clone();
        double[] vv = v.clone();
        double[] h = new double[config.n()];
        double xt = config.xNorm() / Math.sqrt(config.nEff());
        double[][] rec = new double[6][steps + 1];
        int t = 0;
        boolean diverged = false;
        int divergedAt = -1;
        while (true) {
            org.sharpnesslab.task.Cancellation.checkpoint();
            double[] obs = observe(uu, vv, h);
            double loss = 0.5 * obs[0] * obs[0];
            if (rule.diverged(loss) || !Double.isFinite(obs[1])) {
                diverged = true;
                divergedAt = t;
                break;
            }
            rec[0][t] = obs[0];
            rec[1][t] = obs[1];
            rec[2][t] = sharpness(obs[0], obs[1], xt, config.y());
            rec[3][t] = loss;
            rec[4][t] = Math.sqrt(Vectors.dot(uu, uu));
            rec[5][t] = Math.sqrt(Vectors.dot(vv, vv));
            if (t == steps) {
                break;
            }
            gdStep(eta, uu, vv, h);
            t++;
        }
        int len = diverged ? divergedAt : steps + 1;
        double[][] out = new double[6][];
        for (int i = 0; i < 6; i++) {
            out[i] = java.util.Arrays.copyOf(rec[i], len);
        }
        return new UVRun(config, seed, eta, steps, out[0], out[1], out[2], out[3], out[4], out[5], diverged,
                divergedAt, diverged ? null : new UVModel(config, uu, vv, seed));
    }

    /**
     * Trains at {@code eta} for {@code transientSteps} steps, then records λ_t = Tr H_t over the next {@code keep}
     * steps (the late-time values of a bifurcation diagram, 000 Fig. 3b). No per-step allocation.
     *
     * @return the kept λ values, or null if the run diverged
     */
    public double[] lateLambdas(double eta, int transientSteps, int keep) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (transientSteps < 0 || keep < 0) {
            throw new IllegalArgumentException("transientSteps and keep must be >= 0, got " + transientSteps
                    + " and " + keep);
        }
        org.sharpnesslab.task.Check.memory(keep, true, "the kept lambdas");
        double[] uu = u.clone();
        double[] vv = v.clone();
        double[] h = new double[config.n()];
        double[] out = new double[keep];
        for (int t = 0; t < transientSteps + keep; t++) {
            org.sharpnesslab.task.Cancellation.checkpoint();
            if (t >= transientSteps) {
                double[] obs = observe(uu, vv, h);
                if (!Double.isFinite(obs[1]) || DIVERGENCE.diverged(0.5 * obs[0] * obs[0])) {
                    return null;
                }
                out[t - transientSteps] = obs[1];
            }
            gdStep(eta, uu, vv, h);
            if ((t & 255) == 0 && !Double.isFinite(vv[0])) {
                return null;
            }
        }
        for (double l : out) {
            if (!Double.isFinite(l)) {
                return null;
            }
        }
        return out;
    }

    /** (Δf, λ) at (u, v); h is scratch. */
    private double[] observe(double[] uu, double[] vv, double[] h) {
        int n = config.n();
        int d = config.d();
        double fv = 0;
        double hh = 0;
        double v2 = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += uu[i * d + j] * x[j];
            }
            h[i] = s;
            fv += vv[i] * s;
            hh += s * s;
            v2 += vv[i] * vv[i];
        }
        return new double[] {fv / sqrtNEff - config.y(), (x2 * v2 + hh) / (sqrtNEff * sqrtNEff)};
    }

    /** One GD step in place (000 Eqs. 12–13); h is scratch. */
    private void gdStep(double eta, double[] uu, double[] vv, double[] h) {
        int n = config.n();
        int d = config.d();
        double y = config.y();
        if (d == 1) { // the common case (x = ‖x‖e₁): no inner loop
            double x0 = x[0];
            double fv = 0;
            for (int i = 0; i < n; i++) {
                fv += vv[i] * uu[i];
            }
            double a = eta * (fv * x0 / sqrtNEff - y) / sqrtNEff;
            for (int i = 0; i < n; i++) {
                double vi = vv[i];
                double ui = uu[i];
                uu[i] = ui - a * vi * x0;
                vv[i] = vi - a * ui * x0;
            }
            return;
        }
        double fv = 0;
        for (int i = 0; i < n; i++) {
            double hi = 0;
            for (int j = 0; j < d; j++) {
                hi += uu[i * d + j] * x[j];
            }
            h[i] = hi;
            fv += vv[i] * hi;
        }
        double a = eta * (fv / sqrtNEff - y) / sqrtNEff;
        for (int i = 0; i < n; i++) {
            double vi = vv[i];
            for (int j = 0; j < d; j++) {
                uu[i * d + j] -= a * vi * x[j];
            }
            vv[i] = vi - a * h[i];
        }
    }


    @Override
    public String toString() {
        return String.format("UVModel[df=%.6g, lambda=%.6g, lambda_h=%.6g, %s, seed=%d]", df(), lambda(), lambdaH(),
                config, seed);
    }
}
