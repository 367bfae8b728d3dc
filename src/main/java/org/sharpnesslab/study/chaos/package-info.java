/**
 * Paper 000 §6.4 and App. G: the route to chaos of a trained network — late-time sharpness against η as a
 * bifurcation diagram, its periods and power spectra ({@link org.sharpnesslab.study.chaos.RouteToChaos},
 * {@link org.sharpnesslab.study.chaos.ChaosDiagram}; Figs. 5, 23–24).
 */
package org.sharpnesslab.study.chaos;
