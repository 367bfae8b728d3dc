package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops the threads of a notebook cell (its snippets' threads and every thread they started, which live in the
 * snippets' thread groups) without corrupting what a stop must not cut: a thread is interrupted, then stopped
 * ({@code Thread.stop}, what JShell's own stop does on JDK 17) only when its stack shows no class initialiser running
 * ({@code <clinit>}: a stop there leaves the class unusable, {@code NoClassDefFoundError: Could not initialize class},
 * until the kernel restarts) and no frame of the messaging library (a stop there would cut a signed multipart
 * message in half: the client raises "Invalid Signature"). The thread is suspended while its stack is read, so the
 * check sees where it is; {@code Thread.stop} resumes it just before delivering the stop, a window of a few
 * instructions. A thread skipped is tried again at the next round (every 100 ms); after {@link #PATIENCE_NANOS} of
 * rounds a thread still inside a class initialiser (a user's class whose static initialiser loops) is stopped anyway.
 *
 * <p>What cannot be stopped: a thread that catches {@code ThreadDeath} (a {@code catch (Throwable t)} in a loop) and
 * goes on, and a thread blocked in native code until it returns; both are interrupted at every round.
 */
final class CellThreads {

    /** How long a thread inside a class initialiser is spared. */
    static final long PATIENCE_NANOS = 3_000_000_000L;

    private CellThreads() {
    }

    /** The live threads of {@code groups} and their subgroups, except the calling thread. */
    static List<Thread> of(Iterable<ThreadGroup> groups) {
        List<Thread> out = new ArrayList<>();
        for (ThreadGroup g : groups) {
            if (g == null) {
                continue;
            }
            Thread[] ts = new Thread[g.activeCount() + 16];
            int n = g.enumerate(ts, true);
            for (int i = 0; i < n; i++) {
                if (ts[i] != Thread.currentThread() && ts[i].isAlive() && !out.contains(ts[i])) {
                    out.add(ts[i]);
                }
            }
        }
        return out;
    }

    /**
     * Interrupts and (where safe, see the class documentation) stops every live thread of {@code groups}.
     *
     * @param sinceNanos when the stopping of this cell began ({@link System#nanoTime()})
     * @return how many threads were alive
     */
    static int stop(Iterable<ThreadGroup> groups, long sinceNanos) {
        boolean impatient = System.nanoTime() - sinceNanos > PATIENCE_NANOS;
        List<Thread> threads = of(groups);
        for (Thread t : threads) {
            t.interrupt();
            stopSafely(t, impatient);
        }
        return threads.size();
    }

    @SuppressWarnings({"deprecation", "removal"})
    static boolean stopSafely(Thread t, boolean evenInInitialiser) {
        try {
            t.suspend();
        } catch (RuntimeException e) {
            return false;
        }
        boolean stop;
        try {
            stop = safeToStop(t.getStackTrace(), evenInInitialiser);
        } catch (RuntimeException e) {
            stop = false;
        }
        if (stop) {
            try {
                t.stop();                 // resumes the thread, then delivers ThreadDeath
                return true;
            } catch (RuntimeException e) {
                // not allowed: resumed below
            }
        }
        t.resume();
        return false;
    }

    /** Whether a stop may land in a thread with this stack. */
    static boolean safeToStop(StackTraceElement[] stack, boolean evenInInitialiser) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("org.zeromq.") || c.startsWith("zmq.")
                    || c.startsWith("io.github.spencerpark.jupyter.channels.")) {
                return false;
            }
            if (!evenInInitialiser && "<clinit>".equals(f.getMethodName())) {
                return false;
            }
        }
        return true;
    }
}
