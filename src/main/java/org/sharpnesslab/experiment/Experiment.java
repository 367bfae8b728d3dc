package org.sharpnesslab.experiment;

/**
 * One run of a sweep: computes the {@link Outcome} of a {@link Cell}. Must be deterministic given the cell (its
 * parameters and seed) and must call {@code Cancellation.checkpoint()} in its long loops (the library's trainers
 * and solvers already do).
 *
 * <p>A lambda is enough for sweeps run in this JVM. For a sweep run on a cluster (Slurm), the experiment must be a
 * public class with a public no-argument constructor, so that a task in another JVM can make it by name.
 */
@FunctionalInterface
public interface Experiment {

    /**
     * Runs the cell. An exception marks the cell failed (its message is recorded; the sweep goes on); a diverged
     * training run is a normal outcome (report it as a value, e.g. {@code "diverged", true}).
     */
    Outcome run(Cell cell) throws Exception;
}
