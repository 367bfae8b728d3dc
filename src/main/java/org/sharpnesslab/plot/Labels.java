package org.sharpnesslab.plot;

import java.util.Map;
import java.util.regex.Pattern;
import org.sharpnesslab.task.Check;

/**
 * The one label convention of the charts: the papers' maths in Unicode (η, λ^H, σ_w², 2/η, Π_χ¹, λ₀^H), never ASCII
 * TeX ({@code 2/eta}, {@code Pi_chi^1}, {@code lambda0^H}). An axis drawn from a result column is titled with the
 * column's symbol when the column is one of the library's documented ones (a {@code lambda_h} column is "λ^H"),
 * and with the column's name otherwise.
 */
public final class Labels {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("eta", "η"), Map.entry("lambda", "λ"), Map.entry("lambda_h", "λ^H"), Map.entry("df", "Δf"),
            Map.entry("eta_lambda", "ηλ"), Map.entry("eta_lambda_h", "ηλ^H"), Map.entry("eta_lambda_half", "ηλ̄/2"),
            Map.entry("sigma_w2", "σ_w²"), Map.entry("lambda0", "λ₀^H"), Map.entry("lambda_0", "λ₀^H"),
            Map.entry("sharpness", "sharpness λ^H"), Map.entry("lambda_mean", "λ̄^H"), Map.entry("beta", "β"),
            Map.entry("lambda_tau", "λ_τ"), Map.entry("tau", "τ"), Map.entry("trace", "tr H"),
            Map.entry("pi_chi_1", "Π_χ¹"), Map.entry("p_chi_1", "P_{χ,Δ/χ}¹"), Map.entry("pi_j_1", "Π_J¹"),
            Map.entry("p_delta_j_1", "P_{Δ,J}¹"), Map.entry("e_delta_l2", "E‖Δᴸ‖²"), Map.entry("e_k2", "E‖K‖²_max"),
            Map.entry("rho_k", "ρ(K)"));

    /** ASCII spellings of the papers' symbols that a label must not contain (see the class comment). */
    public static final Pattern ASCII_TEX = Pattern.compile(
            "(?<![A-Za-z])(eta|lambda0?|sigma|chi|Pi|Delta|tau|mu|rho|beta|alpha|theta|sqrt)(?![a-z])"
                    + "|\\^2(?![0-9.])|\\\\[a-z]+");

    private Labels() {
    }

    /** The axis title of result column {@code column}: its symbol for the library's columns, else the name. */
    public static String of(String column) {
        Check.notNull("column", column);
        return COLUMNS.getOrDefault(column, column);
    }
}
