package org.sharpnesslab.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Parallel loops that honour {@link Cancellation}: the caller's current token is bound in every worker, each index
 * starts with a {@link Cancellation#checkpoint()}, and the call returns only when every worker has stopped, so no
 * thread is left running library code after a cancellation or a failure. Use it instead of parallel streams
 * (whose common-pool workers ignore the kernel's ■).
 *
 * <p>Work is handed out one index at a time from a shared counter (good for cells of unequal cost). The first
 * exception of any index stops the hand-out and is rethrown to the caller after all workers have finished.
 */
public final class Parallel {

    /** Made on first use, not in a static initialiser: a cell stopped during class initialisation (JShell's
     * Thread.stop on JDK 17) would leave the class unusable until the kernel restarts. */
    private static volatile ExecutorService workers;

    private static ExecutorService workers() {
        ExecutorService w = workers;
        if (w == null) {
            synchronized (Parallel.class) {
                if (workers == null) {
                    workers = Executors.newCachedThreadPool(Threads.factory(i -> "sharpness-lab-worker-" + i));
                }
                w = workers;
            }
        }
        return w;
    }

    private Parallel() {
    }

    /** The default number of threads: the number of available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code body(i)} for i = 0 … n−1 on {@link #defaultThreads()} threads (the caller is one of them). */
    public static void forEach(int n, IntConsumer body) {
        forEach(n, defaultThreads(), body);
    }

    /**
     * Runs {@code body(i)} for i = 0 … n−1 on {@code threads} threads, the calling thread included.
     *
     * @param n       number of indices, ≥ 0
     * @param threads threads to use, ≥ 1 (1 = run on the caller)
     * @param body    must be thread-safe across different indices
     * @throws CancelledException when the current token is cancelled (after every worker has stopped)
     */
    public static void forEach(int n, int threads, IntConsumer body) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        int helpers = Math.min(threads, n) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < n; i++) {
                Cancellation.checkpoint();
                body.accept(i);
            }
            return;
        }
        Cancellation.Token token = Cancellation.current();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> Cancellation.within(token, () -> {
            try {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    Cancellation.checkpoint();
                    body.accept(i);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        java.util.concurrent.Future<?>[] futures = new java.util.concurrent.Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = workers().submit(work);
        }
        try {
            work.run();
        } finally {
            // Wait for every helper, even when this thread is being stopped: none may outlive the call.
            for (java.util.concurrent.Future<?> f : futures) {
                awaitQuietly(f, token, failure);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(java.util.concurrent.Future<?> f, Cancellation.Token token,
                                     AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get(100, TimeUnit.MILLISECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                // keep waiting; the workers check the token at every index
            } catch (InterruptedException e) {
                interrupted = true;
                // the caller was interrupted: make the helpers stop at their next index, then keep waiting
                failure.compareAndSet(null, new CancelledException("interrupted"));
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
