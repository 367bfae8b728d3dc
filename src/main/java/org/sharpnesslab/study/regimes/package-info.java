/**
 * Paper 000 §3 and §6.2: the four regimes of training (early transient, intermediate saturation, progressive
 * sharpening, edge of stability) in real networks ({@link org.sharpnesslab.study.regimes.FourRegimes}, Fig. 1,
 * App. D), found on a trajectory by an inspectable rule ({@link org.sharpnesslab.study.regimes.RegimeSegmentation},
 * {@link org.sharpnesslab.study.regimes.RegimeRule}), with the sharpness–weight-norm correlation (App. E, Eq. 45).
 */
package org.sharpnesslab.study.regimes;
