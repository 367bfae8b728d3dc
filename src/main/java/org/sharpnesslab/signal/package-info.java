/**
 * Signal tools the papers apply to trajectories: the power spectrum of a late-time sharpness series
 * ({@link org.sharpnesslab.signal.PowerSpectrum}, 000 App. B.5, Figs. 5, 23–24) and Savitzky–Golay smoothing and
 * derivatives ({@link org.sharpnesslab.signal.SavitzkyGolay}, 002 App. I.2, for χ_τ and χ'_τ).
 */
package org.sharpnesslab.signal;
