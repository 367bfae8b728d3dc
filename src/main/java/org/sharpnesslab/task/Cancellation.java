package org.sharpnesslab.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Cooperative cancellation for every long loop of the library (training steps, eigen-solvers, grids, sweeps, data
 * generators, parallel workers). A loop calls {@link #checkpoint()} at least every ~50 ms of work; once the current
 * {@link Token} is cancelled (or the calling thread is interrupted) the checkpoint throws a {@link CancelledException}
 * and the computation unwinds, leaving no partial result behind.
 *
 * <p>Which token is current: the one bound to this thread by {@link #within(Token, Supplier)} (the library's
 * {@link Parallel} binds the caller's token in its workers), else the process-wide <em>session token</em>, which the
 * Jupyter kernel renews before each cell and cancels on ■ or on {@code IJAVA_TIMEOUT}.
 *
 * <p>From a plain Java program:
 * <pre>{@code
 * Cancellation.Token token = Cancellation.newToken();
 * Future<TrainingRun> f = Cancellation.submit(token, () -> Training.gd(net, data).steps(10_000).run(0));
 * ...
 * f.cancel(true);            // or token.cancel(): the run stops at its next checkpoint
 * }</pre>
 * A thread interrupt ({@code Future.cancel(true)} of any executor) is honoured by the checkpoint too.
 */
public final class Cancellation {

    private static final ThreadLocal<Token> BOUND = new ThreadLocal<>();
    private static volatile Token session = new Token(null);

    private Cancellation() {
    }

    /** A cancellation flag shared by everything that runs under it. Thread-safe; cancelling is permanent. */
    public static final class Token {
        private volatile String reason;
        private final Token parent;

        /** A token of its own (not tied to the session; {@link #newToken()} is usually what you want). */
        public Token() {
            this(null);
        }

        private Token(Token parent) {
            this.parent = parent;
        }

        /** Cancels with the reason "cancelled". Idempotent. */
        public void cancel() {
            cancel("cancelled");
        }

        /** Cancels with a reason (shown in the {@link CancelledException}'s message). Idempotent. */
        public void cancel(String why) {
            if (reason == null) {
                reason = why == null ? "cancelled" : why;
            }
        }

        /**
         * Cancels this token with {@code why} after {@code millis} ms (on the library's timer thread, which a
         * notebook cell does not wait for), e.g. {@code Cancellation.newToken().cancelAfter(60_000, "time is up")}.
         *
         * @return this token
         */
        public Token cancelAfter(long millis, String why) {
            if (millis < 0) {
                throw new IllegalArgumentException("millis must be >= 0, got " + millis);
            }
            Threads.timer().schedule(() -> cancel(why), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return this;
        }

        /** Whether {@link #cancel} was called (on this token or on the session token it was made under). */
        public boolean isCancelled() {
            return reason() != null;
        }

        /** Why it was cancelled, or {@code null}. */
        public String reason() {
            String r = reason;
            return r != null || parent == null ? r : parent.reason();
        }

        @Override
        public String toString() {
            String r = reason();
            return r == null ? "Token[active]" : "Token[cancelled: " + r + "]";
        }
    }

    /**
     * A new, active token. It is also cancelled when the session token current now is (in a notebook: ■ or
     * {@code IJAVA_TIMEOUT} of the cell that made it), so work run under it in that cell stops with the cell.
     */
    public static Token newToken() {
        return new Token(session);
    }

    /** The token that {@link #checkpoint()} consults on this thread. */
    public static Token current() {
        Token t = BOUND.get();
        return t != null ? t : session;
    }

    /**
     * Throws {@link CancelledException} if the current token is cancelled or this thread was interrupted (the
     * interrupt flag is kept). Costs a thread-local read and a volatile read: call it once per step of a loop.
     */
    public static void checkpoint() {
        Token t = current();
        String why = t.reason();
        if (why != null) {
            throw new CancelledException(why);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException("interrupted");
        }
    }

    /**
     * {@link #checkpoint()} on every 1024th step only ({@code step % 1024 == 0}): for loops whose single step takes
     * well under a microsecond (a 1-D map, a scalar recurrence), where a check per step would cost a few per cent.
     */
    public static void checkpointEvery1024(long step) {
        if ((step & 1023) == 0) {
            checkpoint();
        }
    }

    /** Whether {@link #checkpoint()} would throw now. */
    public static boolean isCancelled() {
        return current().isCancelled() || Thread.currentThread().isInterrupted();
    }

    /** Runs {@code work} on this thread with {@code token} as the current token, restoring the previous one after. */
    public static <T> T within(Token token, Supplier<T> work) {
        if (token == null) {
            throw new IllegalArgumentException("token must not be null");
        }
        Token before = BOUND.get();
        BOUND.set(token);
        try {
            return work.get();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /** {@link #within(Token, Supplier)} for work without a result. */
    public static void within(Token token, Runnable work) {
        within(token, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} on a new thread under {@code token}; cancelling the returned future (with or without
     * interrupt) cancels the token too.
     */
    public static <T> Future<T> submit(Token token, Callable<T> work) {
        if (token == null || work == null) {
            throw new IllegalArgumentException("token and work must not be null");
        }
        CompletableFuture<T> f = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                boolean done = super.cancel(mayInterrupt);
                token.cancel("cancelled by Future.cancel");
                return done;
            }
        };
        Thread th = Threads.daemon(() -> within(token, () -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }), "sharpness-lab-task");
        th.start();
        return f;
    }

    /** The process-wide session token (what {@link #checkpoint()} consults on threads with none bound). */
    public static Token session() {
        return session;
    }

    /**
     * Replaces the session token by a fresh one and returns it. The kernel calls this before each cell; a plain
     * program rarely needs it.
     */
    public static Token renewSession() {
        Token t = new Token(null);
        session = t;
        return t;
    }

    /** Cancels the session token (the kernel's ■ and {@code IJAVA_TIMEOUT}). */
    public static void cancelSession(String why) {
        session.cancel(why);
    }
}
