/**
 * The lowest layer: what every long computation of the library shares, with no dependency on any other package.
 * {@link org.sharpnesslab.task.Cancellation} (cooperative cancellation: the kernel's ■ reaches every loop),
 * {@link org.sharpnesslab.task.Parallel} (parallel loops that honour it), {@link org.sharpnesslab.task.Progress}
 * (progress bars, which the notebook layer renders in place) and {@link org.sharpnesslab.task.Divergence} (the one
 * divergence rule).
 */
package org.sharpnesslab.task;
