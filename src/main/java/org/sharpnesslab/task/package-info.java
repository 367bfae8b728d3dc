/**
 * The lowest layer: what every long computation of the library shares, with no dependency on any other package.
 * {@link org.sharpnesslab.task.Cancellation} (cooperative cancellation: the kernel's ■ reaches every loop),
 * {@link org.sharpnesslab.task.Parallel} (parallel loops that honour it), {@link org.sharpnesslab.task.Progress}
 * (progress bars, which the notebook layer renders in place), {@link org.sharpnesslab.task.Divergence} (the one
 * divergence rule) and {@link org.sharpnesslab.task.Check} (the one failure policy for bad arguments).
 *
 * <h2>Bad arguments</h2>
 * Every public entry point checks its arguments before it works and throws an {@code IllegalArgumentException}
 * (a {@code null} included: never a {@code NullPointerException}) whose message names the parameter, its range and
 * the value given, in one form: {@code "steps must be >= 0, got -1"}, {@code "net must not be null"}
 * ({@link org.sharpnesslab.task.Check} writes the policy down and holds the checks).
 *
 * <h2>Cancellation</h2>
 * Every long loop of the library (training steps, eigen-solvers, bifurcation and UV grids, Newton searches, data
 * generators and loaders, sweeps, the renderer's line decimation) calls {@code Cancellation.checkpoint()} at least
 * every ~50 ms of work; loops whose steps take well under a microsecond (a 1-D map) call
 * {@code Cancellation.checkpointEvery1024(t)}. Parallel work runs on {@code Parallel.forEach}, never on parallel
 * streams, so the workers see the caller's token and none is left running when the call ends.
 *
 * <p>In a notebook nothing needs doing: the kernel renews the session token before each cell and cancels it on ■
 * and on {@code IJAVA_TIMEOUT}; the library's loops, in the cell's thread and in every worker, stop at their next
 * checkpoint with a {@link org.sharpnesslab.task.CancelledException} ("interrupted").
 *
 * <p>A plain Java program cancels a run with a token or a {@code Future}:
 * <pre>{@code
 * Cancellation.Token token = Cancellation.newToken();
 * Future<Table> run = Cancellation.submit(token, () -> sweep.runIn(Path.of("results/grid"), new MyExperiment()));
 * ...
 * run.cancel(true);                 // or token.cancel(): every worker stops at its next checkpoint
 *
 * // on the current thread, e.g. with a deadline set by another thread:
 * Cancellation.within(token, () -> UVBifurcation.fullModel(config, etas, 10_000, 200, 0));
 * }</pre>
 * Interrupting a thread ({@code Thread.interrupt()}, or {@code Future.cancel(true)} of any executor) is honoured by
 * the checkpoints of that thread too. A cancelled computation leaves no partial result: it throws; a sweep keeps
 * the cells that had finished in its results directory.
 */
package org.sharpnesslab.task;
