/**
 * Paper 000 §5.2 (Result 1) and §6.3: when training reaches the edge of stability. The phase diagram of the late
 * sharpness ηλ̄^H/2 over σ_w² × c and s × c for FCNs ({@link org.sharpnesslab.study.eos.EoSPhaseDiagram}, Fig. 4,
 * App. F) and the UV model's gradient-descent run as a sweep cell ({@link org.sharpnesslab.study.eos.UVTraining},
 * Result 1's threshold c*).
 */
package org.sharpnesslab.study.eos;
