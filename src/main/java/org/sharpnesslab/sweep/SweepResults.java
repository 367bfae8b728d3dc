package org.sharpnesslab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.Table;

/**
 * A sweep's results directory read back (written by {@link Sweep#runIn} or by Slurm tasks): what finished, what
 * failed, what is missing, and the one table.
 *
 * <pre>{@code
 * SweepResults r = SweepResults.load(Path.of("results/uv-grid"));
 * Table t = r.table();                       // same columns as Sweep.run
 * Table traj = r.trajectory(t.stringColumn("cell_id").get(0));
 * }</pre>
 */
public final class SweepResults {

    private final ResultsDirectory dir;
    private final List<CellRecord> records;

    private SweepResults(ResultsDirectory dir, List<CellRecord> records) {
        this.dir = dir;
        this.records = records;
    }

    /**
     * Reads a results directory.
     *
     * @throws IllegalArgumentException naming the directory when it is not a sweep's results directory
     */
    public static SweepResults load(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("results directory must not be null");
        }
        ResultsDirectory rd = ResultsDirectory.open(dir);
        return new SweepResults(rd, rd.readAll());
    }

    static SweepResults of(ResultsDirectory rd, List<CellRecord> records) {
        return new SweepResults(rd, records);
    }

    /** The directory. */
    public Path dir() {
        return dir.dir();
    }

    /** The sweep that wrote the directory (its cells, in order). */
    public Sweep sweep() {
        return Sweep.of(dir.cells());
    }

    /** The experiment's name as the manifest records it (its class name; {@code "lambda"} for a lambda). */
    public String experiment() {
        return dir.experiment();
    }

    /**
     * The finished cells (ok and failed) in the sweep's order: the parameter columns, {@code seed},
     * {@code cell_id}, the result columns, {@code status} ({@code "ok"}/{@code "failed"}), {@code error}, as
     * {@link Sweep#run}. Missing cells have no row.
     */
    public Table table() {
        return ResultTable.of(dir.dir().getFileName().toString(), records);
    }

    /** The finished cells' records. */
    public List<CellRecord> records() {
        return records;
    }

    /** Number of cells of the sweep. */
    public int total() {
        return dir.cells().size();
    }

    /** Cells that finished with an outcome. */
    public int ok() {
        return (int) records.stream().filter(CellRecord::ok).count();
    }

    /** The cells that failed (their errors are in {@link #table()}). */
    public List<Cell> failed() {
        List<Cell> out = new ArrayList<>();
        for (CellRecord r : records) {
            if (!r.ok()) {
                out.add(r.cell());
            }
        }
        return out;
    }

    /** The cells with no result file yet. */
    public List<Cell> missing() {
        Map<String, CellRecord> done = new HashMap<>();
        for (CellRecord r : records) {
            done.put(r.cell().id(), r);
        }
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < dir.cells().size(); i++) {
            if (!done.containsKey(dir.ids().get(i))) {
                out.add(dir.cells().get(i));
            }
        }
        return out;
    }

    /** Whether every cell finished ok. */
    public boolean complete() {
        return ok() == total();
    }

    /**
     * The trajectory a cell's outcome kept ({@link Outcome#withTrajectory}), read from its CSV file.
     *
     * @throws IllegalArgumentException when the cell is not in the sweep or kept no trajectory
     */
    public Table trajectory(String cellId) {
        if (!dir.ids().contains(cellId)) {
            throw new IllegalArgumentException("cell_id '" + cellId + "' is not a cell of the sweep in " + dir.dir());
        }
        boolean ok = records.stream().anyMatch(r -> r.ok() && r.cell().id().equals(cellId));
        Table t = ok ? dir.trajectory(cellId) : null;
        if (t == null) {
            throw new IllegalArgumentException("cell " + cellId + " has no trajectory in " + dir.dir()
                    + " (not finished, or its outcome kept none)");
        }
        return t;
    }

    /** The trajectory of a cell. */
    public Table trajectory(Cell cell) {
        return trajectory(cell.id());
    }

    @Override
    public String toString() {
        return "SweepResults[" + dir.dir() + ": " + ok() + " ok, " + failed().size() + " failed, "
                + missing().size() + " missing of " + total() + "]";
    }
}
