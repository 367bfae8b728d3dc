package org.sharpnesslab.kernel;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import org.sharpnesslab.task.Cancellation;

/**
 * Stops a running cell: on an interrupt request (any thread) or when a statement runs past {@code IJAVA_TIMEOUT}.
 * Each cell renews {@link Cancellation}'s session token (library loops check it); a stop cancels that token and
 * calls {@code JShell.stop()} now and every 100 ms until the cell returns (a stop during compilation is lost).
 */
final class CellStopper implements AutoCloseable {

    private final Supplier<JShell> shell;
    private final long timeoutMillis;
    /** Runs timeouts and stops; a cancelled timeout leaves its queue at once (one per statement, else kept until due). */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "kernel-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean running;
    private volatile boolean interruptRequested;
    private volatile boolean timedOut;
    private ScheduledFuture<?> stopper;

    CellStopper(Supplier<JShell> shell, long timeoutMillis) {
        this.shell = shell;
        this.timeoutMillis = timeoutMillis;
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A cell starts: a new generation and a fresh cancellation token; returns the generation. */
    long begin() {
        long gen = generation.incrementAndGet();
        interruptRequested = false;
        Cancellation.renewSession();       // library loops of this cell check this token
        running = true;
        return gen;
    }

    /** The cell returned: stop calling {@code JShell.stop()}. */
    void end() {
        running = false;
        synchronized (this) {
            if (stopper != null) {
                stopper.cancel(false);
                stopper = null;
            }
        }
    }

    /** How many timeouts and stops are scheduled (a cancelled timeout is not). */
    int pending() {
        return timer.getQueue().size();
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Starts the per-statement timeout of generation {@code gen}; returns it for {@link #disarm}, or null. */
    ScheduledFuture<?> arm(long gen) {
        timedOut = false;
        return timeoutMillis > 0 ? timer.schedule(() -> onTimeout(gen), timeoutMillis, TimeUnit.MILLISECONDS) : null;
    }

    static void disarm(ScheduledFuture<?> timeout) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** Stops the running cell (if any): user code is stopped, the rest of the cell skipped. Any thread. */
    void interrupt() {
        if (!running) {
            return;
        }
        interruptRequested = true;
        Cancellation.cancelSession("interrupted");
        keepStopping(generation.get());
    }

    private void onTimeout(long gen) {
        if (running && generation.get() == gen) {
            timedOut = true;
            Cancellation.cancelSession("timed out (" + KernelConfig.TIMEOUT + ")");
            keepStopping(gen);
        }
    }

    private synchronized void keepStopping(long gen) {
        if (stopper != null) {
            return;
        }
        stopper = timer.scheduleWithFixedDelay(() -> {
            if (running && generation.get() == gen) {
                try {
                    shell.get().stop();
                } catch (RuntimeException ignored) {
                    // the shell may be between snippets; the next round retries
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
