package org.sharpnesslab.uv;

import org.sharpnesslab.dynamics.DiscreteMap;
import org.sharpnesslab.dynamics.Map1D;
import org.sharpnesslab.dynamics.Maps;

/**
 * The UV dynamics restricted to the EoS manifold λ = 2x̃(Δf + y), x̃ = ‖x‖/√n_eff (000 §5.2): the cubic map
 * <pre>
 *   M(Δf) = Δf + (ηΔf/(η_c y)) (ηΔf/(η_c y) − 2) (Δf + y)          (000 Eq. 3 = Eq. 34)
 * </pre>
 * with η_c = 1/(x̃y). A one-dimensional {@link DiscreteMap} with analytic derivative.
 */
public final class EoSMap implements DiscreteMap {

    private final double eta;
    private final double xNorm;
    private final double y;
    private final double nEff;
    private final double xt;
    private final double r; // η x̃ = η/(η_c y)

    private EoSMap(double eta, double xNorm, double y, double nEff) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        if (!(xNorm > 0) || !Double.isFinite(xNorm)) {
            throw new IllegalArgumentException("xNorm must be finite and > 0, got " + xNorm);
        }
        if (!(y > 0) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite and > 0 for the EoS manifold (000 App. C.8), got " + y);
        }
        if (!(nEff > 0) || !Double.isFinite(nEff)) {
            throw new IllegalArgumentException("nEff must be finite and > 0, got " + nEff);
        }
        this.eta = eta;
        this.xNorm = xNorm;
        this.y = y;
        this.nEff = nEff;
        this.xt = xNorm / Math.sqrt(nEff);
        this.r = eta * xt;
    }

    /** Eq. (3) for learning rate η, input norm ‖x‖, target y &gt; 0, effective width n_eff. */
    public static EoSMap of(double eta, double xNorm, double y, double nEff) {
        return new EoSMap(eta, xNorm, y, nEff);
    }

    public EoSMap withEta(double eta) {
        return new EoSMap(eta, xNorm, y, nEff);
    }

    public double eta() {
        return eta;
    }

    public double y() {
        return y;
    }

    public double xTilde() {
        return xt;
    }

    /** η_c = 1/(x̃y) (000 Eq. 33). */
    public double etaC() {
        return 1 / (xt * y);
    }

    /** M(Δf), 000 Eq. (3). */
    public double apply(double df) {
        return df + r * df * (r * df - 2) * (df + y);
    }

    /** M'(Δf) = 1 + r(3rΔf² + 2(ry − 2)Δf − 2y), r = ηx̃. */
    public double derivative(double df) {
        return 1 + r * (3 * r * df * df + 2 * (r * y - 2) * df - 2 * y);
    }

    /** The same map as a {@link Map1D} (f and f′ analytic), which {@code dynamics} iterates on primitives. */
    public Map1D asMap1D() {
        return Maps.of1D(this::apply, this::derivative);
    }

    /** λ on the manifold: 2x̃(Δf + y) (000 §5.2). */
    public double lambdaOf(double df) {
        return 2 * xt * (df + y);
    }

    /** Δf on the manifold from λ: y(η_cλ/2 − 1) (000 Eq. 43). */
    public double dfOf(double lambda) {
        return y * (etaC() * lambda / 2 - 1);
    }

    /** The loss on the manifold as a function of λ: (y²/2)(η_cλ/2 − 1)² (000 Eq. 44). */
    public double lossOnManifold(double lambda) {
        double d = etaC() * lambda / 2 - 1;
        return 0.5 * y * y * d * d;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public void step(double[] x, double[] out) {
        out[0] = apply(x[0]);
    }

    @Override
    public void jacobian(double[] x, double[][] out) {
        out[0][0] = derivative(x[0]);
    }

    /** The three fixed points of M: Δf = −y (II), 0 (bottom of I), 2/(ηx̃) (IV). */
    public double[] fixedPoints() {
        return new double[] {-y, 0, 2 / r};
    }

    /** η₁ = η_c: the 2-cycle of Eq. (35) exists for η ≥ η₁ (000 Eq. 37). */
    public double eta1() {
        return etaC();
    }

    /** η₂ = ((√32 − 2)/2) η_c: the 2-cycles of Eq. (36) exist for η ≥ η₂ (000 Eq. 38). */
    public double eta2() {
        return (Math.sqrt(32) - 2) / 2 * etaC();
    }

    /**
     * The 2-cycle of Eq. (35), {Δf₋, Δf₊} = [ηx̃(1 − ηx̃y) ∓ √(η²x̃²(ηx̃y − 1)(3 + ηx̃y))]/(2η²x̃²); NaNs below η₁.
     */
    public double[] twoCycle() {
        double q = r * y;
        double disc = r * r * (q - 1) * (q + 3);
        if (disc < 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double s = Math.sqrt(disc);
        return new double[] {(r * (1 - q) - s) / (2 * r * r), (r * (1 - q) + s) / (2 * r * r)};
    }

    /**
     * The other two 2-cycles of M (000 Eq. 36), as {c₁₋, c₁₊, c₂₋, c₂₊}; NaNs below η₂ (Eq. 38).
     *
     * <p>Eq. (36) as printed does not give 2-cycles for every sign choice; the reading that does (checked against
     * M(M(Δf)) = Δf) is Δf* = (3 + σh − ηx̃y ± ηx̃√2 √(−(−5 + σh + q(−2 − q + σh)))/(ηx̃)) / (4ηx̃), with q = ηx̃y,
     * h = √(−7 + q(2 + q)), σ = +1 for the first cycle and −1 for the second, ± over the two points of a cycle.
     */
    public double[] twoCyclesEq36() {
        double q = r * y;
        double hh = -7 + q * (2 + q);
        double[] out = new double[4];
        java.util.Arrays.fill(out, Double.NaN);
        if (hh < 0) {
            return out;
        }
        double h = Math.sqrt(hh);
        int k = 0;
        for (int sigma : new int[] {1, -1}) {
            double inner = -(-5 + sigma * h + q * (-2 - q + sigma * h)) / (r * r);
            for (int pm : new int[] {-1, 1}) {
                out[k++] = inner < 0 ? Double.NaN
                        : (3 + sigma * h - r * y + pm * r * Math.sqrt(2) * Math.sqrt(inner)) / (4 * r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("EoSMap[η=%.6g, ‖x‖=%.6g, y=%.6g, n_eff=%.6g; η_c=%.5g]", eta, xNorm, y, nEff, etaC());
    }
}
