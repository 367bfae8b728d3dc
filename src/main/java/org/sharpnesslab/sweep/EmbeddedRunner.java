package org.sharpnesslab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.sharpnesslab.task.Parallel;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

/**
 * Runs cells of a sweep in this JVM into its results directory: cells already finished ok are skipped, failed and
 * missing ones run on a {@link Parallel} pool, each finished cell is written at once (atomically). Cancellation
 * stops every worker at its next checkpoint; what finished before is on disk, what did not leaves no file.
 */
final class EmbeddedRunner {

    private EmbeddedRunner() {
    }

    /** The scope of a runner of its own (a {@code runIn}, {@code SweepMain run}): shares its lock with no one. */
    static String ownScope() {
        return "run " + ProcessHandle.current().pid() + "-" + OWN_SCOPES.incrementAndGet();
    }

    private static final AtomicLong OWN_SCOPES = new AtomicLong();

    /** {@link #run(ResultsDirectory, Experiment, List, int, String, String)} with a scope of its own. */
    static SweepResults run(ResultsDirectory rd, Experiment experiment, List<Integer> subset, int threads,
                            String label) {
        return run(rd, experiment, subset, threads, label, ownScope());
    }

    /**
     * Runs the cells of {@code subset} (cells of the directory's sweep) that have no ok result yet, holding the
     * directory's {@link DirectoryLock} for {@code scope} (the finished cells are read after the lock is taken, so a
     * runner that came before and finished is never repeated).
     *
     * @param label the progress bar's label
     * @param scope runners of the same scope share the directory (array tasks of one submission)
     * @return the results of the whole directory after the run
     * @throws IllegalStateException naming the holder, when a runner of another scope holds the directory
     */
    static SweepResults run(ResultsDirectory rd, Experiment experiment, List<Integer> subset, int threads,
                            String label, String scope) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        try (DirectoryLock lock = DirectoryLock.acquire(rd.dir(), scope)) {
            return runLocked(rd, experiment, subset, threads, label, lock);
        }
    }

    private static SweepResults runLocked(ResultsDirectory rd, Experiment experiment, List<Integer> subset,
                                          int threads, String label, DirectoryLock lock) {
        Map<String, CellRecord> records = new ConcurrentHashMap<>(rd.finished());
        List<Integer> todo = new ArrayList<>();
        int okBefore = 0;
        for (int i : subset) {
            CellRecord r = records.get(rd.ids().get(i));
            if (r != null && r.ok()) {
                okBefore++;
            } else {
                todo.add(i);
            }
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ProgressBar bar = Progress.start(label, subset.size()); Commits commits = new Commits(rd, lock)) {
            bar.stepTo(okBefore);
            if (okBefore > 0) {
                bar.message(okBefore + " done before");
            }
            AtomicLong lastMessage = new AtomicLong();
            Parallel.forEach(todo.size(), threads, j -> {
                int i = todo.get(j);
                CellRecord r = CellRecord.run(experiment, rd.cells().get(i));
                records.put(rd.ids().get(i), r);
                commits.add(r);
                int f = r.ok() ? failed.get() : failed.incrementAndGet();
                int d = done.incrementAndGet();
                bar.step();
                long now = System.nanoTime();
                long before = lastMessage.get();
                if ((now - before > 200_000_000L || d == todo.size() || !r.ok())
                        && lastMessage.compareAndSet(before, now)) {
                    bar.message(status(d, todo.size(), f, now - t0));
                }
            });
        }   // Commits.close flushes: cells finished before ■ or a failure are kept
        return SweepResults.of(rd, rd.inOrder(records));
    }

    /**
     * Finished cells waiting to be written, committed together in one atomic file by a writer thread of their own at
     * most {@link #INTERVAL_NANOS} after the previous commit (so a cell of a second or more is written at once, and
     * tiny cells cost one file per quarter second instead of one each): a finished cell is on disk within a quarter
     * second (plus the time of the write), whatever the other workers do. At the end of the run, also after ■ or an
     * error, everything is written; and a JVM ended by SIGTERM or SIGINT (Slurm's {@code scancel} and time limit)
     * writes what is finished in a shutdown hook before it exits, and releases the directory's lock. A process killed
     * outright (kill -9) loses at most the cells of the last quarter second.
     */
    static final class Commits implements AutoCloseable {
        static final long INTERVAL_NANOS = 250_000_000L;
        /** Open commits of this JVM, flushed by the shutdown hook. */
        private static final java.util.Set<Commits> OPEN = ConcurrentHashMap.newKeySet();
        private static volatile boolean hookInstalled;

        private final ResultsDirectory rd;
        private final DirectoryLock lock;
        private final Object writing = new Object();
        private final Thread writer;
        private List<CellRecord> pending = new ArrayList<>();
        private long last = System.nanoTime();
        private boolean closed;

        Commits(ResultsDirectory rd) {
            this(rd, null);
        }

        Commits(ResultsDirectory rd, DirectoryLock lock) {
            this.rd = rd;
            this.lock = lock;
            installHook();
            OPEN.add(this);
            writer = org.sharpnesslab.task.Threads.daemon(this::writeLoop, "sweep-commits " + rd.dir().getFileName());
            writer.start();
        }

        private static void installHook() {
            if (hookInstalled) {
                return;
            }
            synchronized (Commits.class) {
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        for (Commits c : OPEN) {
                            try {
                                c.flush();
                                if (c.lock != null) {
                                    c.lock.close();
                                }
                            } catch (RuntimeException e) {
                                System.err.println("sweep: cannot write finished cells at exit: " + e);
                            }
                        }
                    }, "sweep-commits-at-exit"));
                    hookInstalled = true;
                }
            }
        }

        void add(CellRecord r) {
            synchronized (this) {
                pending.add(r);
                notifyAll();
            }
        }

        private void writeLoop() {
            while (true) {
                List<CellRecord> batch;
                synchronized (this) {
                    try {
                        while (!closed && pending.isEmpty()) {
                            wait();
                        }
                        long wait;
                        while (!closed && (wait = last + INTERVAL_NANOS - System.nanoTime()) > 0) {
                            wait(Math.max(1, wait / 1_000_000), (int) Math.min(999_999, wait % 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (closed) {
                        return;
                    }
                    batch = take();
                }
                try {
                    write(batch);
                } catch (RuntimeException e) {
                    synchronized (this) {      // kept for the final flush, which reports the failure to the caller
                        pending.addAll(0, batch);
                        closed = true;
                    }
                    return;
                }
            }
        }

        private List<CellRecord> take() {
            List<CellRecord> batch = pending;
            pending = new ArrayList<>();
            last = System.nanoTime();
            return batch;
        }

        /** Writes every finished cell now. */
        void flush() {
            synchronized (writing) {           // after a write of the writer thread in progress
                List<CellRecord> batch;
                synchronized (this) {
                    batch = take();
                }
                write(batch);
            }
        }

        /** Stops the writer thread and writes what is left. */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
            try {
                flush();
            } finally {
                OPEN.remove(this);
            }
        }

        private void write(List<CellRecord> batch) {
            if (batch.isEmpty()) {
                return;
            }
            synchronized (writing) {
                // the cells are finished: keep them even if an interrupt arrives now (file channels close on interrupt)
                boolean interrupted = Thread.interrupted();
                try {
                    rd.write(batch);
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    /** The indices of every cell of the directory's sweep. */
    static List<Integer> all(ResultsDirectory rd) {
        List<Integer> out = new ArrayList<>(rd.cells().size());
        for (int i = 0; i < rd.cells().size(); i++) {
            out.add(i);
        }
        return out;
    }

    /** {@code "3 failed · ETA 1 min 20 s"}. */
    static String status(int done, int todo, int failed, long nanos) {
        StringBuilder sb = new StringBuilder();
        if (failed > 0) {
            sb.append(failed).append(" failed · ");
        }
        if (done >= todo) {
            return failed > 0 ? failed + " failed" : "";
        }
        double eta = nanos / 1e9 / done * (todo - done);
        return sb.append("ETA ").append(duration(eta)).toString();
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format("%.0f s", s);
        }
        if (s < 3600) {
            return String.format("%d min %02d s", (int) (s / 60), (int) (s % 60));
        }
        return String.format("%d h %02d min", (int) (s / 3600), (int) (s % 3600 / 60));
    }

    /**
     * The name the manifest records for an experiment: its class name, with the JShell wrapper of a class defined
     * in a notebook cell removed ({@code REPL.$JShell$12$MyExp} → {@code MyExp}); {@code "lambda"} for a lambda.
     */
    static String nameOf(Experiment e) {
        Class<?> c = e.getClass();
        if (c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda")) {
            return "lambda";
        }
        return c.getName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$", "");
    }

    /**
     * Checks every cell against the parameters the experiment declares ({@link Experiment#parameters()}; an empty
     * declaration checks nothing).
     *
     * @throws IllegalArgumentException naming the parameter: unknown to the experiment, missing, or of a wrong type
     */
    static void check(List<Cell> cells, Experiment e) {
        Map<String, Class<?>> declared = e.parameters();
        if (declared == null || declared.isEmpty()) {
            return;
        }
        String who = "experiment " + nameOf(e);
        for (Cell c : cells) {
            for (Map.Entry<String, Object> p : c.params().entrySet()) {
                Class<?> want = declared.get(p.getKey());
                if (want == null) {
                    throw new IllegalArgumentException("unknown parameter '" + p.getKey() + "': " + who
                            + " reads " + declared.keySet() + " (cell " + c + ")");
                }
                Object v = p.getValue();
                boolean fits = want.isInstance(v) || (want == Double.class && v instanceof Long);
                if (!fits) {
                    throw new IllegalArgumentException("parameter '" + p.getKey() + "' must be "
                            + want.getSimpleName() + " for " + who + ", got " + v.getClass().getSimpleName() + " "
                            + v + " (cell " + c + ")");
                }
            }
            for (String name : declared.keySet()) {
                if (!c.has(name)) {
                    throw new IllegalArgumentException("parameter '" + name + "' is missing: " + who + " reads "
                            + declared.keySet() + ", the cell has " + c.params().keySet());
                }
            }
        }
    }
}
