/**
 * XChart factories for every figure kind the papers use: lines with 2/η guides ({@link org.sharpnesslab.plot.Plots}),
 * heatmaps with boundaries and overlays ({@link org.sharpnesslab.plot.HeatMap}), phase portraits of the UV map
 * (000 Fig. 2, {@link org.sharpnesslab.plot.PhasePortrait}) and of any 2-D map, bifurcation diagrams, the phase
 * diagrams of 002 ({@link org.sharpnesslab.plot.PhaseDiagramCharts}), regimes, EoS and chaos charts of 000, and 004's
 * alignment charts. Every factory returns an XChart chart object; nothing here computes science: the numbers come
 * from the model and study packages below.
 */
package org.sharpnesslab.plot;
