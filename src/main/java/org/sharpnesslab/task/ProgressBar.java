package org.sharpnesslab.task;

/**
 * A progress bar for a long computation: in a notebook it updates one display in place, elsewhere it writes a
 * plain text bar. Obtain one with {@link Progress#start(String, long)}; close it (try-with-resources) when done.
 */
public interface ProgressBar extends AutoCloseable {

    /** Advances by one unit of work. */
    default void step() {
        stepBy(1);
    }

    /** Advances by {@code n} units of work. */
    void stepBy(long n);

    /** Sets the number of completed units to {@code done} (clamped to [0, total]). */
    void stepTo(long done);

    /** A short status shown beside the bar, e.g. {@code "loss=0.012"}. */
    void message(String message);

    /** Units completed so far. */
    long done();

    /** Total units of work. */
    long total();

    /** Marks the bar finished and shows its final state. Idempotent. */
    @Override
    void close();
}
