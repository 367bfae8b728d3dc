package org.sharpnesslab.task;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The library's own threads (parallel workers, {@link Cancellation#submit} tasks, the timer of
 * {@link Cancellation.Token#cancelAfter}): daemons in the top-level thread group, not in the group of whoever first
 * needed them. JShell's in-process engine waits, before each snippet, for every thread of its execution group: a
 * pool worker or timer made from a notebook cell would otherwise hold up the cell's next statement until it ends.
 */
public final class Threads {

    private static volatile ScheduledExecutorService timer;
    /** The thread on whose behalf this library thread runs its current work (null: its own). */
    private static final ThreadLocal<Thread> ORIGIN = new ThreadLocal<>();

    private Threads() {
    }

    private static ThreadGroup top() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null && g.getParent().getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /**
     * A daemon thread of the top-level group (not started), for a library's own background work (e.g. the writer of
     * a sweep's finished cells): outside the thread group of the notebook cell that needed it, so stopping the cell
     * never stops it in the middle of its work.
     */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(top(), r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * The thread on whose behalf the current thread works: for a library worker running a piece of a
     * {@link Parallel} loop or a {@link Cancellation#submit} task, the thread that started the loop or the task (and,
     * through nesting, the first of them); for any other thread, itself. What the kernel consults to treat a worker
     * of a notebook cell as part of that cell (e.g. to block its {@code System.exit}).
     */
    public static Thread origin() {
        Thread o = ORIGIN.get();
        return o == null ? Thread.currentThread() : o;
    }

    /** Runs {@code work} on this thread on behalf of {@code origin} (see {@link #origin()}). */
    static void runFor(Thread origin, Runnable work) {
        Thread before = ORIGIN.get();
        ORIGIN.set(origin);
        try {
            work.run();
        } finally {
            if (before == null) {
                ORIGIN.remove();
            } else {
                ORIGIN.set(before);
            }
        }
    }

    static ThreadFactory factory(java.util.function.IntFunction<String> names) {
        java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
        return r -> daemon(r, names.apply(ids.incrementAndGet()));
    }

    /** One shared scheduler thread for timed cancellations. */
    static ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (Threads.class) {
                if (timer == null) {
                    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1,
                            factory(i -> "sharpness-lab-timer"));
                    s.setRemoveOnCancelPolicy(true);
                    timer = s;
                }
                t = timer;
            }
        }
        return t;
    }
}
