/**
 * Paper 004 §3, §5 and Tables 1–2: the dataset-size study — peak layerwise alignment against the number of
 * training examples D ({@link org.sharpnesslab.study.alignment.AlignmentScaling}, a sweep cell) and the power law
 * max P_{Δ,J}¹ ≈ c₁ D^{c₂} of Eq. (9) with its fit quality ({@link org.sharpnesslab.study.alignment.PowerLawFit}).
 */
package org.sharpnesslab.study.alignment;
