/**
 * Sweeps: grids or lists of {@link org.sharpnesslab.sweep.Cell}s (named parameters plus a seed, with a stable
 * id from their content) run through an {@link org.sharpnesslab.sweep.Experiment}, collected into one Tablesaw
 * {@code Table} (parameter columns beside result columns). The papers' studies written on them live in
 * {@code org.sharpnesslab.study.*}; this package knows nothing of networks or papers and uses only {@code task}.
 *
 * <pre>{@code
 * Sweep sweep = Sweep.grid().axis("c", 0.5, 1.0, 2.0, 3.0).axis("n", 64, 256).fixed("steps", 2000).seeds(2);
 * Table t = sweep.run(new UVTraining());                                     // in memory, all cores
 * Table t = sweep.runIn(Path.of("results/uv-grid"), new UVTraining());        // resumable, on disk
 * Table t = Sweep.load(Path.of("results/uv-grid"));                           // read back
 * SlurmJob job = sweep.submit(Path.of("/shared/uv-grid"), new UVTraining(), Slurm.options().partition("cpu"));
 * }</pre>
 *
 * <p>Runners: {@link org.sharpnesslab.sweep.Sweep#run} (in memory), {@link org.sharpnesslab.sweep.Sweep#runIn}
 * (a results directory: each finished cell committed atomically, resume after ■ or kill -9, failures recorded and
 * retried on the next run) and {@link org.sharpnesslab.sweep.Slurm} (a job array whose tasks run
 * {@link org.sharpnesslab.sweep.SweepMain} into the same directory). {@link org.sharpnesslab.sweep.SweepResults}
 * reads a directory back (table, trajectories, missing and failed cells).
 */
package org.sharpnesslab.sweep;
