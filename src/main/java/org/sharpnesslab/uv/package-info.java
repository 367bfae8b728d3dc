/**
 * Paper 000's UV model (§4, App. C): a two-layer linear network f = vᵀu x/√n trained by GD on one example, in
 * parameter space ({@link org.sharpnesslab.uv.UVModel}, {@link org.sharpnesslab.uv.UVRun}) and as the function-space
 * map of Eqs. (1)–(2) ({@link org.sharpnesslab.uv.UVMap}: fixed points of Table 1, regions R1–R3,
 * {@link org.sharpnesslab.uv.Regions}), the EoS map of §5 ({@link org.sharpnesslab.uv.EoSMap}), bifurcation
 * diagrams over η ({@link org.sharpnesslab.uv.UVBifurcation}), and 002 §5's uv model on (1, 0) at the first step
 * and in early training ({@link org.sharpnesslab.uv.FirstStep}, Eqs. 14–23; {@link org.sharpnesslab.uv.EarlyTraining}).
 */
package org.sharpnesslab.uv;
