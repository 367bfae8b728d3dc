package org.sharpnesslab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharpnesslab.task.Check;
import org.sharpnesslab.task.Parallel;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

import tech.tablesaw.api.Table;

/**
 * A sweep: a grid (the product of named axes, times a list of seeds) or an explicit list of {@link Cell}s, run
 * through an {@link Experiment}. Immutable: every knob returns a new sweep.
 *
 * <pre>{@code
 * Sweep sweep = Sweep.grid().axis("c", 0.5, 1.0, 2.0).axis("width", 16, 64).seeds(4);   // 3 × 2 × 4 = 24 cells
 * Table t = sweep.run(cell -> Outcome.of("loss", train(cell.d("c"), cell.i("width"), cell.seed())));
 * }</pre>
 *
 * <p>Cells are enumerated with the first axis outermost and the seeds innermost. The result of {@link #run} is one
 * {@code Table}: the parameter columns, {@code seed}, {@code cell_id}, then the result columns in the order the
 * experiment first returned them, then {@code status} ({@code "ok"} or {@code "failed"}) and {@code error} (the
 * failure's message, empty when ok). A failed cell never aborts the sweep.
 */
public final class Sweep {

    private final List<Map.Entry<String, List<Object>>> axes;
    private final long[] seeds;
    private final List<Cell> explicit;     // null for a grid

    private Sweep(List<Map.Entry<String, List<Object>>> axes, long[] seeds, List<Cell> explicit) {
        this.axes = axes;
        this.seeds = seeds;
        this.explicit = explicit;
    }

    /** An empty grid (one cell with no parameters and seed 0) to which axes and seeds are added. */
    public static Sweep grid() {
        return new Sweep(List.of(), new long[] {0}, null);
    }

    /** A sweep over an explicit list of cells (ids must be distinct). */
    public static Sweep of(List<Cell> cells) {
        if (cells == null || cells.isEmpty()) {
            throw new IllegalArgumentException("cells must be a non-empty list");
        }
        Set<String> ids = new HashSet<>();
        for (Cell c : cells) {
            if (c == null) {
                throw new IllegalArgumentException("cells must not contain null");
            }
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate cell " + c);
            }
        }
        return new Sweep(List.of(), null, List.copyOf(cells));
    }

    /** This grid with one more axis: parameter {@code name} takes each of {@code values} (doubles). */
    public Sweep axis(String name, double... values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return axisOf(name, boxed);
    }

    /** This grid with one more integer axis. */
    public Sweep axis(String name, int... values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = (long) values[i];
        }
        return axisOf(name, boxed);
    }

    /** This grid with one more axis of any cell values (doubles, integers, Strings, booleans). */
    public Sweep axisOf(String name, Object... values) {
        requireGrid("axis");
        Cell.checkName(name);
        if ("seed".equals(name)) {
            throw new IllegalArgumentException("axis name 'seed' is reserved: use seeds(...)");
        }
        for (Map.Entry<String, List<Object>> a : axes) {
            if (a.getKey().equals(name)) {
                throw new IllegalArgumentException("axis '" + name + "' is already in this sweep");
            }
        }
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("axis '" + name + "' needs at least one value");
        }
        List<Object> vs = new ArrayList<>();
        for (Object v : values) {
            Object n = Cell.normalise(name, v);
            if (vs.contains(n)) {
                throw new IllegalArgumentException("axis '" + name + "' has the value " + v + " twice");
            }
            vs.add(n);
        }
        List<Map.Entry<String, List<Object>>> more = new ArrayList<>(axes);
        more.add(Map.entry(name, Collections.unmodifiableList(vs)));
        return new Sweep(Collections.unmodifiableList(more), seeds, null);
    }

    /** This grid with a parameter fixed at one value in every cell. */
    public Sweep fixed(String name, Object value) {
        return axisOf(name, value);
    }

    /** This grid with seeds 0 … count−1 for every parameter combination. */
    public Sweep seeds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("seed count must be >= 1, got " + count);
        }
        Check.memory(count, true, "seeds");
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = i;
        }
        return seeds(s);
    }

    /** This grid with these seeds (distinct) for every parameter combination. */
    public Sweep seeds(long... s) {
        requireGrid("seeds");
        if (s == null || s.length == 0) {
            throw new IllegalArgumentException("seeds must be non-empty");
        }
        if (Arrays.stream(s).distinct().count() != s.length) {
            throw new IllegalArgumentException("seeds must be distinct, were " + Arrays.toString(s));
        }
        return new Sweep(axes, s.clone(), null);
    }

    private void requireGrid(String what) {
        if (explicit != null) {
            throw new IllegalArgumentException(what + "(...) applies to a grid, not to a sweep of explicit cells");
        }
    }

    /** The cells, in run order. */
    public List<Cell> cells() {
        if (explicit != null) {
            return explicit;
        }
        List<Cell> out = new ArrayList<>(size());
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        enumerate(0, p, out);
        return Collections.unmodifiableList(out);
    }

    private void enumerate(int axis, LinkedHashMap<String, Object> p, List<Cell> out) {
        if (axis == axes.size()) {
            for (long s : seeds) {
                out.add(new Cell(p, s));
            }
            return;
        }
        Map.Entry<String, List<Object>> a = axes.get(axis);
        for (Object v : a.getValue()) {
            p.put(a.getKey(), v);
            enumerate(axis + 1, p, out);
        }
        p.remove(a.getKey());
    }

    /** Number of cells. */
    public int size() {
        if (explicit != null) {
            return explicit.size();
        }
        long n = seeds.length;
        for (Map.Entry<String, List<Object>> a : axes) {
            n *= a.getValue().size();
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sweep has " + n + " cells, more than " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /**
     * Runs every cell in this JVM on all cores (see {@link Parallel}), with a progress bar, and returns the table
     * described in the class documentation. Cancellation (■) stops every worker promptly and throws.
     */
    public Table run(Experiment experiment) {
        return run(experiment, Parallel.defaultThreads());
    }

    /** {@link #run(Experiment)} on {@code threads} threads. */
    public Table run(Experiment experiment, int threads) {
        if (experiment == null) {
            throw new IllegalArgumentException("experiment must not be null");
        }
        List<Cell> cells = cells();
        CellRecord[] records = new CellRecord[cells.size()];
        AtomicInteger failed = new AtomicInteger();
        try (ProgressBar bar = Progress.start("sweep", cells.size())) {
            Parallel.forEach(cells.size(), threads, i -> {
                records[i] = CellRecord.run(experiment, cells.get(i));
                if (!records[i].ok()) {
                    failed.incrementAndGet();
                }
                bar.step();
                if (failed.get() > 0) {
                    bar.message(failed.get() + " failed");
                }
            });
        }
        return ResultTable.of("sweep", Arrays.asList(records));
    }

    /**
     * Runs the sweep into a results directory on all cores: {@link #runIn(Path, Experiment, int)}.
     *
     * <pre>{@code
     * Table t = sweep.runIn(Path.of("results/uv-grid"), new MyExperiment());   // ■, then run it again: it resumes
     * }</pre>
     */
    public Table runIn(Path dir, Experiment experiment) {
        return runIn(dir, experiment, Parallel.defaultThreads());
    }

    /**
     * Runs the sweep into the results directory {@code dir} (created if absent) on {@code threads} threads. Every
     * finished cell is written at once, atomically, to {@code dir}; cells already finished ok there are skipped, so
     * running the same sweep again after ■, a crash or {@code kill -9} resumes where it stopped, with nothing lost
     * and nothing repeated; failed cells are run again. A failed cell records its error and never aborts the sweep.
     * A progress bar shows counts, failures and an ETA. Cancellation stops every worker at its next checkpoint and
     * throws; only complete results stay in the directory. A finished cell is on disk within a quarter second, and
     * on SIGTERM or SIGINT (Slurm's {@code scancel} and time limit) before the JVM exits. The directory is locked
     * while the sweep runs ({@code locks/}, naming host, pid and start time): a second runner, in this JVM or
     * another, is refused with an error naming the holder, and a holder that provably died on this host (kill -9)
     * is taken over; see {@code DirectoryLock} for one on another host.
     *
     * @return the table of {@link #run}, over every finished cell of the directory
     * @throws IllegalArgumentException naming it: the directory cannot be created or written, or holds the results
     *                                  of a different sweep or experiment; a parameter is unknown to, missing for,
     *                                  or of the wrong type for the experiment ({@link Experiment#parameters()})
     * @throws IllegalStateException    naming the holder, when another runner holds the directory
     */
    public Table runIn(Path dir, Experiment experiment, int threads) {
        return resultsIn(dir, experiment, threads).table();
    }

    /** {@link #runIn(Path, Experiment, int)} returning the directory's {@link SweepResults} (for trajectories). */
    public SweepResults resultsIn(Path dir, Experiment experiment, int threads) {
        if (experiment == null) {
            throw new IllegalArgumentException("experiment must not be null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<Cell> cells = cells();
        EmbeddedRunner.check(cells, experiment);
        ResultsDirectory rd = ResultsDirectory.create(dir, cells, EmbeddedRunner.nameOf(experiment));
        return EmbeddedRunner.run(rd, experiment, EmbeddedRunner.all(rd), threads, "sweep " + rd.dir().getFileName());
    }

    /** The table of a results directory's finished cells ({@link SweepResults#load}{@code (dir).table()}). */
    public static Table load(Path dir) {
        return SweepResults.load(dir).table();
    }

    /**
     * Submits this sweep to Slurm as a job array whose tasks run the cells that are not finished ok in {@code dir}
     * (a directory on a file system shared with the compute nodes). See {@link Slurm}.
     *
     * @param experiment a public class with a public no-argument constructor, on the class path of the tasks
     */
    public SlurmJob submit(Path dir, Experiment experiment, Slurm options) {
        return Slurm.submit(this, dir, experiment, options);
    }

    @Override
    public String toString() {
        if (explicit != null) {
            return "Sweep[" + explicit.size() + " cells]";
        }
        StringBuilder sb = new StringBuilder("Sweep[");
        for (Map.Entry<String, List<Object>> a : axes) {
            sb.append(a.getKey()).append(" × ").append(a.getValue().size()).append(", ");
        }
        return sb.append("seeds × ").append(seeds.length).append(" = ").append(size()).append(" cells]").toString();
    }
}
