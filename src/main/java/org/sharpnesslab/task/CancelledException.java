package org.sharpnesslab.task;

/**
 * Thrown by {@link Cancellation#checkpoint()} when the running computation was cancelled (■ in a notebook, a
 * cancelled {@link Cancellation.Token} or {@code Future}, a thread interrupt). Unchecked: it unwinds every
 * library loop up to the caller.
 */
public final class CancelledException extends RuntimeException {

    public CancelledException(String reason) {
        super(reason == null ? "interrupted" : reason, null, false, false);
    }
}
