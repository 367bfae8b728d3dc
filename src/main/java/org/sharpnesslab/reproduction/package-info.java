/**
 * The papers' figures reproduced on the papers' data, one command each: 002 Fig. 3 (a), (b), (d–f) and 000
 * Figs. 23–24 as sweeps ({@code sweep}: resumable results directory, progress with ETA, Slurm job arrays) of the
 * studies' experiments ({@code study.early.CriticalSearch}, {@link org.sharpnesslab.reproduction.ChaosRun} over
 * {@code study.chaos.RouteToChaos}), each writing its table, a chart laid out like the paper's figure, the
 * paper's claims beside what was measured, and its provenance ({@link org.sharpnesslab.reproduction.Reproduction},
 * {@code reproductions/run}). Above {@code plot} (it draws the charts), beside {@code notebook}.
 */
package org.sharpnesslab.reproduction;
