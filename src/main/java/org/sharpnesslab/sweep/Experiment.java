package org.sharpnesslab.sweep;

import java.util.Map;

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

    /**
     * The parameters this experiment reads and their types ({@code Double.class} — which also accepts integers —,
     * {@code Long.class}, {@code String.class}, {@code Boolean.class}). When not empty, {@link Sweep#runIn} and a
     * Slurm submission check every cell before any runs and reject an unknown, missing or mistyped parameter with
     * an error naming it. Empty (the default): not checked, a wrong name fails the cells that read it.
     */
    default Map<String, Class<?>> parameters() {
        return Map.of();
    }
}
