/**
 * Matrix-free eigen-solvers for Hessians and other symmetric operators ({@link org.sharpnesslab.spectrum.LinearOperator}):
 * power iteration (000 App. B.4, the papers' 20 steps), Lanczos with residuals and restarts
 * ({@link org.sharpnesslab.spectrum.Lanczos}), block power iteration for the top k pairs (004 §7.2), Hutchinson's
 * trace estimate and the stochastic-Lanczos spectral density, and dense references for tests. Every result carries
 * its residual ‖Av − λv‖, its product count and why it stopped ({@link org.sharpnesslab.spectrum.StopReason}).
 */
package org.sharpnesslab.spectrum;
