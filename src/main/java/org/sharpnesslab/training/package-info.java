/**
 * Training with the sharpness tracked along the way (000 §3, App. B.3–B.4; 002 App. A; 004 §7.1): full-batch GD
 * or seeded mini-batch SGD ({@link org.sharpnesslab.training.Training}, {@link org.sharpnesslab.training.BatchSampler}),
 * λ^H measured every k steps by a warm-started eigen-solver to a stated tolerance
 * ({@link org.sharpnesslab.training.Sharpness}, {@link org.sharpnesslab.training.SharpnessTracker}), the result as
 * per-step arrays and a table ({@link org.sharpnesslab.training.TrainingRun}), sharpness against weight norm
 * ({@link org.sharpnesslab.training.WeightNorms}, 000 §6.2, Eq. 45) and teacher–student data
 * ({@link org.sharpnesslab.training.Teachers}, 000 App. B.1).
 *
 * <pre>{@code
 * Table run = Training.gd(net, data).c(2).steps(500).sharpnessEvery(10).run(seed).table();
 * TrainingRun r = Training.gd(net, data).c(2).sharpnessEvery(1).sharpness(Sharpness.converged(1e-4)).run(seed);
 * Table norms = WeightNorms.table(r);                          // per-layer norms and the correlation of Eq. 45
 * }</pre>
 *
 * <p>A run whose loss diverges ({@link org.sharpnesslab.task.Divergence}) ends there and says so
 * ({@code TrainingRun.diverged()}); ■ stops it between steps.
 */
package org.sharpnesslab.training;
