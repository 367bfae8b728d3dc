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

    /**
     * Runs the cells of {@code subset} (cells of the directory's sweep) that have no ok result yet.
     *
     * @param label the progress bar's label
     * @return the results of the whole directory after the run
     */
    static SweepResults run(ResultsDirectory rd, Experiment experiment, List<Integer> subset, int threads,
                            String label) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
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
        Commits commits = new Commits(rd);
        try (ProgressBar bar = Progress.start(label, subset.size())) {
            bar.stepTo(okBefore);
            if (okBefore > 0) {
                bar.message(okBefore + " done before");
            }
            try {
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
            } finally {
                commits.flush();       // cells finished before ■ or a failure are kept
            }
        }
        return SweepResults.of(rd, rd.inOrder(records));
    }

    /**
     * Finished cells waiting to be written: committed together in one atomic file once {@link #INTERVAL_NANOS} has
     * passed since the last commit (so a cell of a second or more is written at once, and tiny cells cost one file
     * per quarter second instead of one each), and at the end of the run — also after ■ or an error. A process
     * killed outright loses at most the cells of the last quarter second.
     */
    static final class Commits {
        static final long INTERVAL_NANOS = 250_000_000L;
        private final ResultsDirectory rd;
        private List<CellRecord> pending = new ArrayList<>();
        private long last = System.nanoTime();

        Commits(ResultsDirectory rd) {
            this.rd = rd;
        }

        void add(CellRecord r) {
            List<CellRecord> batch = null;
            synchronized (this) {
                pending.add(r);
                long now = System.nanoTime();
                if (now - last >= INTERVAL_NANOS) {
                    batch = pending;
                    pending = new ArrayList<>();
                    last = now;
                }
            }
            if (batch != null) {
                write(batch);
            }
        }

        void flush() {
            List<CellRecord> batch;
            synchronized (this) {
                batch = pending;
                pending = new ArrayList<>();
                last = System.nanoTime();
            }
            write(batch);
        }

        private void write(List<CellRecord> batch) {
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
