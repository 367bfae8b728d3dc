/**
 * Paper 004 (Lowell &amp; Kastner): the layerwise Jacobian decomposition of the sharpness (§2.2, Eqs. 2–8),
 * matrix-free for any network of dense layers ({@link org.sharpnesslab.alignment.JacobianAlignment} →
 * {@link org.sharpnesslab.alignment.Alignment}: ρ(K), E‖K‖², E‖Kⁱ‖², Π_χⁱ, P_{χ,Δ/χ}ⁱ, Π_Jⁱ, P_{Δ,J}ⁱ per layer),
 * its course along training ({@link org.sharpnesslab.alignment.AlignmentTrajectory}, §3), and the exponential
 * Euler solver that follows the gradient flow without entering the edge of stability
 * ({@link org.sharpnesslab.alignment.ExponentialEuler}, §7.2, with the printed step repaired as its Javadoc says).
 * Layers are numbered i = 1..L as in the paper in every method that takes a layer; raw arrays are 0-based and
 * named so.
 */
package org.sharpnesslab.alignment;
