package org.sharpnesslab.study.early;

/**
 * What one training run did during the early transient period t ∈ [1, T₁] at one learning-rate constant
 * (002 Defs. 1–2). Ratios that were not measured are NaN.
 *
 * @param c                 the learning-rate constant (c = η λ₀^H, or k = η tr H₀ for the uv model's trace scaling)
 * @param maxLossRatio      max_t L_t/L₀ (+∞ if the run diverged)
 * @param maxSharpnessRatio max_t λ^H_t/λ^H₀ (+∞ if it diverged)
 * @param maxTraceRatio     max_t tr H_t/tr H₀ (uv only)
 * @param maxFrobeniusRatio max_t ‖H_t‖_F²/‖H₀‖_F² (uv only; +∞ if it diverged)
 * @param barrierRatio      max_{s∈[0,1]} L_int(s)/L₀ (Def. 2), NaN if it diverged or was not measured
 * @param diverged          whether the loss diverged ({@link org.sharpnesslab.task.Divergence}) within T₁ steps
 */
public record EarlyObservation(double c, double maxLossRatio, double maxSharpnessRatio, double maxTraceRatio,
                               double maxFrobeniusRatio, double barrierRatio, boolean diverged) {
}
