/**
 * Paper 002 (Kalra &amp; Barkeshli, early training): the critical learning-rate constants c_loss, c_sharp, c_max
 * and c_barrier of one initialisation (Defs. 1–3, {@link org.sharpnesslab.study.early.CriticalConstants}) on a grid
 * c = 2^x ({@link org.sharpnesslab.study.early.CGrid}, App. A), for networks
 * ({@link org.sharpnesslab.study.early.EarlyNetwork}, {@link org.sharpnesslab.study.early.NetworkEarlyPhase},
 * {@link org.sharpnesslab.study.early.NetworkEarlyRun}; §2–§4, Figs. 3–6) and for the uv model
 * ({@link org.sharpnesslab.study.early.UVEarlyPhase}, §5, App. B, Figs. 7–13), and the intermediate saturation
 * regime with c_crit ({@link org.sharpnesslab.study.early.SaturationCurve},
 * {@link org.sharpnesslab.study.early.NetworkSaturation}; §3, Def. 4, App. I). Each study is a sweep
 * {@link org.sharpnesslab.sweep.Experiment}: one cell per (initialisation, …), one row per cell.
 */
package org.sharpnesslab.study.early;
