package org.sharpnesslab.alignment;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The decomposition of the sharpness of 004 §2.2 at one θ (one snapshot), from {@link JacobianAlignment}. Layers
 * are numbered i = 1..L as in 004 (layer i holds A^i, b^i and produces x̂^i; x̂^L = f); arrays are 0-based
 * ({@code eDelta2[i − 1]} belongs to layer i).
 *
 * <pre>
 *   λ₁(G) = ρ(K) · E‖K‖²_max                                                             004 Eq. (3)
 *   K Kᵀ = Σᵢ Kⁱ Kⁱᵀ,   Kⁱ Kⁱᵀ = Δⁱ Δⁱᵀ,   Δⁱ = c_i R ∂f/∂x̂ⁱ,  c_i² = 1 + ‖x^{i−1}‖²     004 Eq. (4)
 *   Δⁱ = χⁱ Δ^{i+1} Jⁱ,   Jⁱ = ∂x̂^{i+1}/∂x̂ⁱ,   χⁱ = c_i / c_{i+1}                        004 Eq. (5)
 *   E‖Δᵏ‖² = Π_χᵏ · P_{χ,Δ/χ}ᵏ · Π_Jᵏ · P_{Δ,J}ᵏ · E‖Δᴸ‖²                                  004 Eq. (7)
 * </pre>
 * with every product over i = k..L−1. 004 prints Π_χᵏ = Π_{i=k}^{L}; there is no χᴸ (x̂ᴸ = f has no activation
 * x^L) and Eq. (5)–(6) only produce factors for i &lt; L, so the product stops at L−1 here. For layers with
 * multipliers (γ W x + β b, {@link DenseLayer}) c_i² = γ_i²‖x^{i−1}‖² + β_i² and χⁱ = c_i/c_{i+1}, which is 004's
 * χⁱ when γ = β = 1 (as in {@link MLP}).
 *
 * <p>Accuracy: E‖Δⁱ‖², E(χⁱ)², E‖Δ^{i+1}Jⁱ‖² and E‖K‖² come from k×k eigenproblems per example (exact to
 * round-off), so Eq. (7) holds to round-off whatever the accuracy of E‖Jⁱ‖²; E‖Jⁱ‖² comes from a per-example power
 * iteration on Jⁱᵀ Jⁱ ({@code j_residual}: the largest relative residual over the examples, {@code j_unconverged}:
 * how many examples missed the tolerance); it moves the split between Π_J and P_{Δ,J}, never their product. The
 * three λ₁ come from Lanczos with their residuals (an eigenvalue lies within the residual of each) and flags.
 *
 * @param depth             L
 * @param examples          n
 * @param loss              L(θ)
 * @param accuracy          training accuracy (NaN without labels)
 * @param lambdaHessian     λ₁(∇²L) (NaN when spectra were not computed)
 * @param lambdaG           λ₁(G)
 * @param lambdaFunctional  λ₁(H), the functional part ∇²L − G
 * @param residuals         Lanczos residuals of the three, in that order
 * @param converged         Lanczos flags of the three
 * @param eK2               E‖K‖²_max
 * @param eDelta2           E‖Δⁱ‖²_max = E‖Kⁱ‖²_max, i = 1..L
 * @param chi2              E(χⁱ)², i = 1..L−1
 * @param jNorm2            E‖Jⁱ‖²_max, i = 1..L−1
 * @param eDeltaJ2          E‖Δ^{i+1}Jⁱ‖²_max = E‖Δⁱ/χⁱ‖²_max, i = 1..L−1
 * @param jResidual         largest relative residual of the power iteration for ‖Jⁱ‖², i = 1..L−1
 * @param jUnconverged      number of examples whose power iteration missed the tolerance, i = 1..L−1
 */
public record Alignment(int depth, int examples, double loss, double accuracy, double lambdaHessian, double lambdaG,
                        double lambdaFunctional, double[] residuals, boolean[] converged, double eK2,
                        double[] eDelta2, double[] chi2, double[] jNorm2, double[] eDeltaJ2, double[] jResidual,
                        int[] jUnconverged) {

    /** ρ(K) = λ₁(G) / E‖K‖²_max (004 Eq. 3; in [0, 1] by Lemma 7.2). */
    public double rho() {
        return lambdaG / eK2;
    }

    /** E‖Δⁱ‖²_max = E‖Kⁱ‖²_max for layer i ∈ [1, L]. */
    public double eDelta2(int i) {
        check(i, depth);
        return eDelta2[i - 1];
    }

    /** r(Δ^{i+1}, Jⁱ) = E‖Δ^{i+1}Jⁱ‖² / (E‖Δ^{i+1}‖² E‖Jⁱ‖²), i ∈ [1, L−1] (004 §2.2). */
    public double rDeltaJ(int i) {
        check(i, depth - 1);
        return eDeltaJ2[i - 1] / (eDelta2[i] * jNorm2[i - 1]);
    }

    /** r(χⁱ I, Δⁱ/χⁱ) = E‖Δⁱ‖² / (E(χⁱ)² E‖Δⁱ/χⁱ‖²), i ∈ [1, L−1] (004 Eq. 6). */
    public double rChi(int i) {
        check(i, depth - 1);
        return eDelta2[i - 1] / (chi2[i - 1] * eDeltaJ2[i - 1]);
    }

    /** Π_χᵏ = Π_{i=k}^{L−1} E(χⁱ)² (004 Eq. 7; 1 for k = L). */
    public double piChi(int k) {
        check(k, depth);
        double p = 1;
        for (int i = k; i < depth; i++) p *= chi2[i - 1];
        return p;
    }

    /** P_{χ,Δ/χ}ᵏ = Π_{i=k}^{L−1} r(χⁱ, Δⁱ/χⁱ) (004 Eq. 7). */
    public double pChi(int k) {
        check(k, depth);
        double p = 1;
        for (int i = k; i < depth; i++) p *= rChi(i);
        return p;
    }

    /** Π_Jᵏ = Π_{i=k}^{L−1} E‖Jⁱ‖²_max (004 Eq. 7). */
    public double piJ(int k) {
        check(k, depth);
        double p = 1;
        for (int i = k; i < depth; i++) p *= jNorm2[i - 1];
        return p;
    }

    /** P_{Δ,J}ᵏ = Π_{i=k}^{L−1} r(Δ^{i+1}, Jⁱ) (004 Eq. 7), the alignment of the layerwise Jacobians. */
    public double pDeltaJ(int k) {
        check(k, depth);
        double p = 1;
        for (int i = k; i < depth; i++) p *= rDeltaJ(i);
        return p;
    }

    /** The right-hand side of 004 Eq. (7) for layer k: Π_χᵏ P_{χ,Δ/χ}ᵏ Π_Jᵏ P_{Δ,J}ᵏ E‖Δᴸ‖². */
    public double eq7(int k) {
        return piChi(k) * pChi(k) * piJ(k) * pDeltaJ(k) * eDelta2[depth - 1];
    }

    /**
     * One row per layer i = 1..L. Columns: {@code layer}, {@code e_k2} (E‖Kⁱ‖² = E‖Δⁱ‖²), {@code chi2}
     * (E(χⁱ)²), {@code j_norm2} (E‖Jⁱ‖²), {@code r_delta_j} (r(Δ^{i+1}, Jⁱ)), {@code r_chi} (r(χⁱ, Δⁱ/χⁱ)) — the
     * last four missing for i = L —, {@code pi_chi}, {@code p_chi}, {@code pi_j}, {@code p_delta_j} (the products of
     * Eq. 7 from k = i), {@code e_delta_l2} (E‖Δᴸ‖²), {@code eq7} (their product), {@code eq7_rel_error}
     * (|eq7 − e_k2| / e_k2), {@code j_residual}, {@code j_unconverged}.
     */
    public Table layers() {
        IntColumn layer = IntColumn.create("layer");
        DoubleColumn[] c = new DoubleColumn[12];
        String[] names = {"e_k2", "chi2", "j_norm2", "r_delta_j", "r_chi", "pi_chi", "p_chi", "pi_j", "p_delta_j",
                "e_delta_l2", "eq7", "eq7_rel_error"};
        for (int j = 0; j < c.length; j++) c[j] = DoubleColumn.create(names[j]);
        DoubleColumn jr = DoubleColumn.create("j_residual");
        IntColumn ju = IntColumn.create("j_unconverged");
        for (int i = 1; i <= depth; i++) {
            boolean last = i == depth;
            layer.append(i);
            c[0].append(eDelta2[i - 1]);
            c[1].append(last ? Double.NaN : chi2[i - 1]);
            c[2].append(last ? Double.NaN : jNorm2[i - 1]);
            c[3].append(last ? Double.NaN : rDeltaJ(i));
            c[4].append(last ? Double.NaN : rChi(i));
            c[5].append(piChi(i));
            c[6].append(pChi(i));
            c[7].append(piJ(i));
            c[8].append(pDeltaJ(i));
            c[9].append(eDelta2[depth - 1]);
            c[10].append(eq7(i));
            c[11].append(Math.abs(eq7(i) - eDelta2[i - 1]) / eDelta2[i - 1]);
            jr.append(last ? Double.NaN : jResidual[i - 1]);
            if (last) ju.appendMissing(); else ju.append(jUnconverged[i - 1]);
        }
        Table t = Table.create("alignment per layer", layer);
        t.addColumns(c);
        return t.addColumns(jr, ju);
    }

    /**
     * One row. Columns: {@code loss}, {@code accuracy}, {@code lambda_hessian}, {@code lambda_g},
     * {@code lambda_h} (functional part), their Lanczos {@code *_residual} and {@code *_converged}, {@code e_k2}
     * (E‖K‖²), {@code rho_k}, {@code e_k2_sum} (Σᵢ E‖Kⁱ‖², the upper side of 004 Eq. 8), {@code examples}.
     */
    public Table summary() {
        Table t = Table.create("alignment summary",
                DoubleColumn.create("loss", loss), DoubleColumn.create("accuracy", accuracy),
                DoubleColumn.create("lambda_hessian", lambdaHessian), DoubleColumn.create("lambda_g", lambdaG),
                DoubleColumn.create("lambda_h", lambdaFunctional),
                DoubleColumn.create("lambda_hessian_residual", residuals[0]),
                DoubleColumn.create("lambda_g_residual", residuals[1]),
                DoubleColumn.create("lambda_h_residual", residuals[2]));
        for (int j = 0; j < 3; j++) {
            String name = new String[]{"lambda_hessian", "lambda_g", "lambda_h"}[j] + "_converged";
            BooleanColumn b = BooleanColumn.create(name);
            b.append(converged[j]);
            t.addColumns(b);
        }
        double sum = 0;
        for (double v : eDelta2) sum += v;
        return t.addColumns(DoubleColumn.create("e_k2", eK2), DoubleColumn.create("rho_k", rho()),
                DoubleColumn.create("e_k2_sum", sum), IntColumn.create("examples", new int[]{examples}));
    }

    private static void check(int i, int max) {
        if (i < 1 || i > max) throw new IllegalArgumentException("layer must be in [1, " + max + "], got " + i);
    }

    @Override
    public String toString() {
        return String.format("Alignment[L=%d, n=%d, loss=%.4g, lambda_H=%.4g, lambda_G=%.4g, rho=%.4g, "
                + "E|K|^2=%.4g, P_DJ^1=%.4g]", depth, examples, loss, lambdaHessian, lambdaG, rho(), eK2,
                pDeltaJ(1));
    }
}
