package org.sharpnesslab.sweep;

import org.sharpnesslab.task.CancelledException;

/**
 * The record of one finished cell: the cell, its outcome (null when it failed) and the error message of a failure.
 *
 * @param cell    the cell
 * @param outcome what the experiment returned, or {@code null} if it threw
 * @param error   the failure ({@code ExceptionClass: message}), or {@code ""} when ok
 * @param seconds wall time of the cell
 */
public record CellRecord(Cell cell, Outcome outcome, String error, double seconds) {

    public CellRecord {
        if (cell == null) {
            throw new IllegalArgumentException("cell must not be null");
        }
        error = error == null ? "" : error;
    }

    /** Whether the experiment returned an outcome. */
    public boolean ok() {
        return outcome != null;
    }

    /** Runs {@code experiment} on {@code cell}: an exception is recorded, a cancellation is rethrown. */
    public static CellRecord run(Experiment experiment, Cell cell) {
        long t0 = System.nanoTime();
        try {
            Outcome o = experiment.run(cell);
            if (o == null) {
                return new CellRecord(cell, null, "experiment returned null", (System.nanoTime() - t0) / 1e9);
            }
            return new CellRecord(cell, o, "", (System.nanoTime() - t0) / 1e9);
        } catch (CancelledException e) {
            throw e;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            String msg = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new CellRecord(cell, null, msg, (System.nanoTime() - t0) / 1e9);
        }
    }
}
