package org.sharpnesslab.uv;

import org.sharpnesslab.dynamics.DiscreteMap;
import org.sharpnesslab.dynamics.FixedPoint;
import org.sharpnesslab.dynamics.FixedPointSet;
import org.sharpnesslab.dynamics.FixedPoints;
import org.sharpnesslab.dynamics.IteratedMap;
import org.sharpnesslab.dynamics.Maps;
import org.sharpnesslab.dynamics.Stability;
import org.sharpnesslab.dynamics.StabilityType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The function-space map of the UV model (000 Eqs. 1–2), a map of the plane (Δf, λ):
 * <pre>
 *   Δf' = Δf (1 − ηλ + η²x̃² Δf (Δf + y))
 *   λ'  = λ + η x̃² Δf² (ηλ − 4 (Δf + y)/Δf),        x̃ = ‖x‖/√n_eff
 * </pre>
 * with three effective parameters η, x̃ = ‖x‖/√n_eff and y. Implements {@link DiscreteMap} with the analytic
 * Jacobian, so every analysis in {@code dynamics} applies.
 *
 * <pre>{@code
 * var map = UVMap.of(0.3, 1.0, 2.0, 1.0);   // eta, |x|, y, n_eff
 * display(map.fixedPoints());               // Table 1 of 000 App. C.3
 * map.iterate(-1.9, 0.5, 200)                // step, df, lambda, lambda_h, loss, eta_lambda
 * }</pre>
 */
public final class UVMap implements DiscreteMap {

    /** |Δf| or λ above which an orbit is flagged diverged. */
    public static final double DIVERGENCE_BOUND = 1e6;

    private final double eta;
    private final double xNorm;
    private final double y;
    private final double nEff;
    private final double xt;  // x̃ = |x|/sqrt(n_eff)
    private final double xt2; // x̃²

    private UVMap(double eta, double xNorm, double y, double nEff) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (!(xNorm > 0) || !Double.isFinite(xNorm)) {
            throw new IllegalArgumentException("xNorm must be finite and > 0, got " + xNorm);
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, got " + y);
        }
        if (!(nEff > 0) || !Double.isFinite(nEff)) {
            throw new IllegalArgumentException("nEff must be finite and > 0, got " + nEff);
        }
        this.eta = eta;
        this.xNorm = xNorm;
        this.y = y;
        this.nEff = nEff;
        this.xt = xNorm / Math.sqrt(nEff);
        this.xt2 = xt * xt;
    }

    /**
     * The map for learning rate η, input norm ‖x‖, target y and effective width n_eff = n^{1-p}.
     *
     * @throws IllegalArgumentException if η, ‖x‖ or n_eff is not positive, or y not finite
     */
    public static UVMap of(double eta, double xNorm, double y, double nEff) {
        return new UVMap(eta, xNorm, y, nEff);
    }

    /** The map of a configuration at learning rate η. */
    public static UVMap of(UVConfig config, double eta) {
        org.sharpnesslab.task.Check.notNull("config", config);
        return new UVMap(eta, config.xNorm(), config.y(), config.nEff());
    }

    /** The same map at another learning rate. */
    public UVMap withEta(double eta) {
        return new UVMap(eta, xNorm, y, nEff);
    }

    public double eta() {
        return eta;
    }

    public double xNorm() {
        return xNorm;
    }

    public double y() {
        return y;
    }

    public double nEff() {
        return nEff;
    }

    /** x̃ = ‖x‖/√n_eff. */
    public double xTilde() {
        return xt;
    }

    /**
     * η_c = √n_eff/(‖x‖|y|) (000 Eq. 33, Result 1): the zero-loss point of smallest λ loses stability above it.
     * The map is symmetric under (Δf, y) → (−Δf, −y), so y &lt; 0 gives the same η_c as |y|; y = 0 gives +∞.
     */
    public double etaC() {
        return 1 / (xt * Math.abs(y));
    }

    /** η_upper = 2η_c (000 App. C.4): above it training diverges from every point but the fixed points. */
    public double etaUpper() {
        return 2 * etaC();
    }

    /** λ_min = 2‖x‖y/√n_eff (000 Eq. 32): the smallest λ on the zero-loss line I. */
    public double lambdaMin() {
        return 2 * xt * Math.abs(y);
    }

    /** The EoS map (000 Eq. 3) with the same parameters. */
    public EoSMap eosMap() {
        return EoSMap.of(eta, xNorm, y, nEff);
    }

    @Override
    public int dimension() {
        return 2;
    }

    /** 000 Eqs. (1)–(2). */
    @Override
    public void step(double[] s, double[] out) {
        checkState(s, out == null ? null : out.length, "out");
        double df = s[0];
        double lam = s[1];
        double a = eta * eta * xt2;
        out[0] = df * (1 - eta * lam + a * df * (df + y));                 // 000 Eq. (1)
        out[1] = lam + a * lam * df * df - 4 * eta * xt2 * df * (df + y);  // 000 Eq. (2), expanded (Eq. 20)
    }

    /** The analytic Jacobian of Eqs. (1)–(2). */
    @Override
    public void jacobian(double[] s, double[][] out) {
        checkState(s, out == null ? null : out.length, "out");
        checkState(out[0], out[1] == null ? null : out[1].length, "out[1]");
        double df = s[0];
        double lam = s[1];
        double a = eta * eta * xt2;
        out[0][0] = 1 - eta * lam + a * (3 * df * df + 2 * y * df);
        out[0][1] = -eta * df;
        out[1][0] = 2 * a * lam * df - 4 * eta * xt2 * (2 * df + y);
        out[1][1] = 1 + a * df * df;
    }

    /**
     * β = (√n_eff/(2‖x‖)) λ − (Δf + y) (000 App. C.7): the distance from the EoS manifold (β = 0); β &lt; 0 is
     * forbidden. It updates as β' = β (1 + ηx̃Δf)².
     */
    public double beta(double df, double lambda) {
        return lambda / (2 * xt) - (df + y);
    }

    /** λ from (Δf, β): 2x̃(β + Δf + y). */
    public double lambdaOfBeta(double df, double beta) {
        return 2 * xt * (beta + df + y);
    }

    /** The same map in the coordinates (Δf, β) of 000 App. C.7 (dyn's {@link Maps#of}). */
    public DiscreteMap inBetaCoordinates() {
        return Maps.of(2, (x, out) -> {
            double[] s = {x[0], lambdaOfBeta(x[0], x[1])};
            double[] o = new double[2];
            step(s, o);
            out[0] = o[0];
            out[1] = beta(o[0], o[1]);
        });
    }

    /** The two-step map M^(2) in (Δf, β) coordinates (000 App. C.7, Fig. 9), dyn's {@link IteratedMap}. */
    public IteratedMap twoStep() {
        return IteratedMap.of(inBetaCoordinates(), 2);
    }

    /** The top Hessian eigenvalue λ^H at (Δf, λ) ({@link UVModel#sharpness}). */
    public double sharpness(double df, double lambda) {
        return UVModel.sharpness(df, lambda, xt, y);
    }

    /**
     * Iterates the map from (Δf₀, λ₀).
     *
     * @return {@code double[2][T+1]}: rows Δf_t and λ_t, t = 0 … T, cut before the first state with |Δf| or |λ|
     *         above {@link #DIVERGENCE_BOUND} or non-finite
     */
    public double[][] orbit(double df0, double lambda0, int steps) {
        requireStart(df0, lambda0);
        requireSteps(steps);
        double[] dfs = new double[steps + 1];
        double[] ls = new double[steps + 1];
        double[] s = {df0, lambda0};
        double[] o = new double[2];
        int t = 0;
        for (; t <= steps; t++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(t);
            if (!(Math.abs(s[0]) <= DIVERGENCE_BOUND) || !(Math.abs(s[1]) <= DIVERGENCE_BOUND)) {
                break;
            }
            dfs[t] = s[0];
            ls[t] = s[1];
            step(s, o);
            double[] tmp = s;
            s = o;
            o = tmp;
        }
        return new double[][] {java.util.Arrays.copyOf(dfs, t), java.util.Arrays.copyOf(ls, t)};
    }

    /**
     * The trajectory from (Δf₀, λ₀) as a table with columns step, df, lambda, lambda_h (closed-form top Hessian
     * eigenvalue), loss (½Δf²), eta_lambda (ηλ). A diverging orbit ends at its last finite state; the table's
     * name says so.
     */
    public Table iterate(double df0, double lambda0, int steps) {
        requireStart(df0, lambda0);
        requireSteps(steps);
        double[][] o = orbit(df0, lambda0, steps);
        int m = o[0].length;
        int[] st = new int[m];
        double[] lh = new double[m];
        double[] loss = new double[m];
        double[] el = new double[m];
        for (int i = 0; i < m; i++) {
            st[i] = i;
            lh[i] = sharpness(o[0][i], o[1][i]);
            loss[i] = 0.5 * o[0][i] * o[0][i];
            el[i] = eta * o[1][i];
        }
        String name = String.format("UV map η=%.6g from (Δf, λ) = (%.6g, %.6g)%s", eta, df0, lambda0,
                m < steps + 1 ? " DIVERGED at step " + m : "");
        return Table.create(name, IntColumn.create("step", st), DoubleColumn.create("df", o[0]),
                DoubleColumn.create("lambda", o[1]), DoubleColumn.create("lambda_h", lh),
                DoubleColumn.create("loss", loss), DoubleColumn.create("eta_lambda", el));
    }

    /** Whether (Δf, λ) lies in the forbidden region λ &lt; 2x̃|Δf + y| (000 App. C.2, Eq. 25). */
    public boolean forbidden(double df, double lambda) {
        return lambda < 2 * xt * Math.abs(df + y);
    }

    /** λ_{t+1} − λ_t = ηx̃²Δf(ηλΔf − 4(Δf + y)): positive in the progressive-sharpening region (000 §4). */
    public double sharpening(double df, double lambda) {
        return eta * xt2 * df * (eta * lambda * df - 4 * (df + y));
    }

    /**
     * The λ-nullcline off Δf = 0, which is also the sharpness-reduction/progressive-sharpening boundary
     * ηλΔf = 4(Δf + y): λ = 4(Δf + y)/(ηΔf).
     */
    public double lambdaNullcline(double df) {
        return 4 * (df + y) / (eta * df);
    }

    /** The Δf-nullcline off Δf = 0: 1 − ηλ + η²x̃²Δf(Δf + y) = 0, i.e. λ = ηx̃²Δf(Δf + y). */
    public double dfNullcline(double df) {
        return eta * xt2 * df * (df + y);
    }

    /**
     * Table 1 of 000 App. C.3 from the closed forms: the fixed line I (at λ = λ_min) and points II–IV.
     *
     * <p>Columns: name, df, lambda, eig1, eig2, vec1_df, vec1_lambda, vec2_df, vec2_lambda (eigenvectors scaled to
     * a unit λ-component, as in the paper; vec1 belongs to eig1), stability (from the paper's conditions:
     * I stable iff ηλ &lt; 2; II saddle; III, IV unstable, for η &lt; η_upper). With q = η/η_c = ηx̃y:
     * <pre>
     *  I   (0, λ)                        1, 1 − ηλ          [0, 1], [λ/(4x̃²y), 1]
     *  II  (−y, 0)                       (1 − q)², (1 + q)²  [−1/(2x̃), 1], [1/(2x̃), 1]
     *  III (−2/(ηx̃), 4/η − 2x̃y)         9, 5 − 2q          [1/(ηx̃²y), 1], [−1/(2x̃), 1]
     *  IV  (2/(ηx̃), 4/η + 2x̃y)          9, 5 + 2q          [1/(ηx̃²y), 1], [1/(2x̃), 1]
     * </pre>
     */
    public Table fixedPoints() {
        Table t = fixedLine(lambdaMin());
        double q = eta * xt * y;
        addRow(t, "II", -y, 0, (1 - q) * (1 - q), (1 + q) * (1 + q), -1 / (2 * xt), 1 / (2 * xt),
                classify((1 - q) * (1 - q), (1 + q) * (1 + q)));
        addRow(t, "III", -2 / (eta * xt), 4 / eta - 2 * xt * y, 9, 5 - 2 * q, 1 / (eta * xt2 * y), -1 / (2 * xt),
                classify(9, 5 - 2 * q));
        addRow(t, "IV", 2 / (eta * xt), 4 / eta + 2 * xt * y, 9, 5 + 2 * q, 1 / (eta * xt2 * y), 1 / (2 * xt),
                classify(9, 5 + 2 * q));
        return t;
    }

    /**
     * Rows of the fixed line I at the given λ (columns as {@link #fixedPoints()}); a λ below λ_min lies in the
     * forbidden region and is rejected.
     */
    public Table fixedLine(double... lambdas) {
        org.sharpnesslab.task.Check.notNull("lambdas", lambdas);
        Table t = Table.create(String.format("Table 1 (000 App. C.3), η=%.6g, ‖x‖=%.6g, y=%.6g, n_eff=%.6g", eta, xNorm, y, nEff),
                StringColumn.create("name"), DoubleColumn.create("df"), DoubleColumn.create("lambda"),
                DoubleColumn.create("eig1"), DoubleColumn.create("eig2"), DoubleColumn.create("vec1_df"),
                DoubleColumn.create("vec1_lambda"), DoubleColumn.create("vec2_df"), DoubleColumn.create("vec2_lambda"),
                StringColumn.create("stability"));
        for (double l : lambdas) {
            if (l < lambdaMin() * (1 - 1e-12)) {
                throw new IllegalArgumentException("lambda on the fixed line I must be >= lambda_min = " + lambdaMin()
                        + " (000 Eq. 32), got " + l);
            }
            double e2 = 1 - eta * l;
            String st = eta * l < 2 ? "stable" : eta * l > 2 ? "unstable" : "marginal";
            addRow(t, "I", 0, l, 1, e2, 0, l / (4 * xt2 * y), st);
        }
        return t;
    }

    /** Classification of two multipliers with {@link StabilityType#classify} (tolerance 1e-12). */
    private static String classify(double e1, double e2) {
        return StabilityType.classify(new double[] {Math.abs(e1), Math.abs(e2)}, 1e-12).label();
    }

    /**
     * The fixed points found numerically: Newton's method ({@link FixedPoints#search}) from a grid of
     * {@code perAxis}² starts over a box holding II–IV and the bottom of line I.
     *
     * @return dyn's table (df, lambda, residual, iterations, eig&lt;i&gt;_re/_im/_abs, stability); points of the
     *         fixed line I appear as several rows with df = 0 and λ ≥ λ_min
     */
    public FixedPointSet searchFixedPoints(int perAxis) {
        double dfMax = 1.5 * 2 / (eta * xt);
        double lMax = 1.3 * (4 / eta + 2 * xt * Math.abs(y));
        return FixedPoints.search(this, new double[] {-dfMax, -0.5}, new double[] {dfMax, lMax}, perAxis);
    }

    /**
     * Table 1 analytically and from the numerical finder, side by side. For II–IV, the point found by
     * {@link #searchFixedPoints} (15 × 15 starts) nearest the closed form, when it lies within 1e-6 (relative) of
     * it; for the fixed line I (non-isolated: Newton lands anywhere on it), the point found on the line nearest
     * the analytic representative. Only what Newton found is reported: a point it missed has missing
     * {@code *_newton} and {@code eig_abs*_numeric} values and {@code stability_numeric = "not found"}.
     *
     * @return columns name, df, df_newton, lambda, lambda_newton, eig1, eig2, eig_abs1_numeric, eig_abs2_numeric
     *         (moduli of the Jacobian's eigenvalues there, from dyn's {@link Stability}, descending), stability,
     *         stability_numeric, found (whether Newton found the point; for I how many line points it found)
     */
    public Table fixedPointsNumerical() {
        return fixedPointsNumerical(15);
    }

    /** {@link #fixedPointsNumerical()} with Newton started from {@code perAxis} × {@code perAxis} points (≥ 1). */
    public Table fixedPointsNumerical(int perAxis) {
        if (perAxis < 1) {
            throw new IllegalArgumentException("perAxis must be >= 1, got " + perAxis);
        }
        Table a = fixedPoints();
        FixedPointSet set = searchFixedPoints(perAxis);
        Table t = Table.create("Table 1 analytic vs Newton, " + this, StringColumn.create("name"),
                DoubleColumn.create("df"), DoubleColumn.create("df_newton"), DoubleColumn.create("lambda"),
                DoubleColumn.create("lambda_newton"), DoubleColumn.create("eig1"), DoubleColumn.create("eig2"),
                DoubleColumn.create("eig_abs1_numeric"), DoubleColumn.create("eig_abs2_numeric"),
                StringColumn.create("stability"), StringColumn.create("stability_numeric"), StringColumn.create("found"));
        for (int r = 0; r < a.rowCount(); r++) {
            double df = a.doubleColumn("df").getDouble(r);
            double lam = a.doubleColumn("lambda").getDouble(r);
            double[] found = null;
            String how;
            if (r == 0) {
                // Line I is a line of fixed points: report the Newton point on it nearest the analytic representative.
                int onLine = 0;
                double best = Double.POSITIVE_INFINITY;
                for (FixedPoint fp : set.points()) {
                    if (Math.abs(fp.point()[0]) < 1e-8 && fp.point()[1] >= lambdaMin() * (1 - 1e-9)) {
                        onLine++;
                        double dist = Math.abs(fp.point()[1] - lam);
                        if (dist < best) {
                            best = dist;
                            found = fp.point();
                        }
                    }
                }
                how = onLine == 0 ? "no" : onLine + " points on line I (nearest shown)";
            } else {
                double best = Double.POSITIVE_INFINITY;
                for (FixedPoint fp : set.points()) {
                    double dist = Math.hypot(fp.point()[0] - df, fp.point()[1] - lam);
                    if (dist < best) {
                        best = dist;
                        found = fp.point();
                    }
                }
                boolean ok = found != null && best < 1e-6 * (1 + Math.hypot(df, lam));
                how = ok ? "yes" : "no";
                if (!ok) {
                    found = null;       // a miss is marked, never filled with the closed form
                }
            }
            String label;
            double[] moduli;
            if (found == null) {
                label = "not found";
                moduli = new double[] {Double.NaN, Double.NaN};
            } else {
                Stability st = Stability.of(this, found);
                label = r == 0 ? a.stringColumn("stability").get(0) + " (transverse), " + st.type().label()
                        : st.type().label();
                moduli = st.moduli();
            }
            t.stringColumn("name").append(a.stringColumn("name").get(r));
            t.doubleColumn("df").append(df);
            t.doubleColumn("df_newton").append(found == null ? Double.NaN : found[0]);
            t.doubleColumn("lambda").append(lam);
            t.doubleColumn("lambda_newton").append(found == null ? Double.NaN : found[1]);
            t.doubleColumn("eig1").append(a.doubleColumn("eig1").getDouble(r));
            t.doubleColumn("eig2").append(a.doubleColumn("eig2").getDouble(r));
            t.doubleColumn("eig_abs1_numeric").append(moduli[0]);
            t.doubleColumn("eig_abs2_numeric").append(moduli[1]);
            t.stringColumn("stability").append(a.stringColumn("stability").get(r));
            t.stringColumn("stability_numeric").append(label);
            t.stringColumn("found").append(how);
        }
        return t;
    }

    private static void addRow(Table t, String name, double df, double lam, double e1, double e2, double v1,
            double v2, String st) {
        t.stringColumn("name").append(name);
        t.doubleColumn("df").append(df);
        t.doubleColumn("lambda").append(lam);
        t.doubleColumn("eig1").append(e1);
        t.doubleColumn("eig2").append(e2);
        t.doubleColumn("vec1_df").append(v1);
        t.doubleColumn("vec1_lambda").append(1.0);
        t.doubleColumn("vec2_df").append(v2);
        t.doubleColumn("vec2_lambda").append(1.0);
        t.stringColumn("stability").append(st);
    }

    @Override
    public String toString() {
        return String.format("UVMap[η=%.6g, ‖x‖=%.6g, y=%.6g, n_eff=%.6g; η_c=%.5g, η/η_c=%.4g]", eta, xNorm, y, nEff,
                etaC(), eta / etaC());
    }

    private static void requireSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        // two arrays of steps + 1 (long: steps = Integer.MAX_VALUE must not wrap round)
        org.sharpnesslab.task.Check.memory(steps + 1L, true, "an orbit of " + steps + " steps");
        org.sharpnesslab.task.Check.memory(2 * (steps + 1L), false, "an orbit of " + steps + " steps");
    }

    /** A start (Δf₀, λ₀) must be finite: a NaN start is bad input, not a diverging orbit. */
    private static void requireStart(double df0, double lambda0) {
        org.sharpnesslab.task.Check.finite(df0, "df0");
        org.sharpnesslab.task.Check.finite(lambda0, "lambda0");
    }

    /** O(1): the state and the output hold the two coordinates (Δf, λ). */
    private static void checkState(double[] s, Integer outLength, String outName) {
        if (s == null || s.length < 2) {
            throw org.sharpnesslab.task.Check.range(s == null ? "s (or out[0])" : "s.length (or out[0].length)",
                    ">= 2", s == null ? "null" : s.length);
        }
        if (outLength == null || outLength < 2) {
            throw org.sharpnesslab.task.Check.range(outName + ".length", ">= 2", outLength);
        }
    }
}
