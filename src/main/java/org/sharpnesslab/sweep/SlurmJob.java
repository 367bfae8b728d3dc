package org.sharpnesslab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

import tech.tablesaw.api.Table;

/**
 * A submitted Slurm job array (see {@link Slurm}): follow it, collect its results, resubmit what is missing.
 * Following only watches: ■ stops {@link #follow()}, not the job on the cluster ({@link #cancel()} does that).
 */
public final class SlurmJob {

    private final ResultsDirectory rd;
    private final Slurm options;
    private final String jobId;
    private final List<String> cellIds;
    private final int tasks;

    SlurmJob(ResultsDirectory rd, Slurm options, String jobId, List<String> cellIds, int tasks) {
        this.rd = rd;
        this.options = options;
        this.jobId = jobId;
        this.cellIds = List.copyOf(cellIds);
        this.tasks = tasks;
    }

    /** Slurm's job id, or {@code null} when nothing needed to run (every cell already finished ok). */
    public String jobId() {
        return jobId;
    }

    /** Number of array tasks. */
    public int tasks() {
        return tasks;
    }

    /** The ids of the cells this job runs. */
    public List<String> cellIds() {
        return cellIds;
    }

    /** The results directory. */
    public Path dir() {
        return rd.dir();
    }

    /** The array's tasks by state, from {@code squeue} (e.g. {@code {PENDING=3, RUNNING=2}}); empty when none is left. */
    public Map<String, Integer> states() {
        Map<String, Integer> m = new TreeMap<>();
        if (jobId == null) {
            return m;
        }
        try {
            Slurm.Result r = Slurm.exec(new ProcessBuilder(sibling("squeue"), "-h", "-r", "-j", jobId, "-o", "%T"), 30);
            if (r.code() != 0) {
                return m;     // the job left the queue (squeue: "Invalid job id specified")
            }
            for (String line : r.out().split("\n")) {
                if (!line.isBlank()) {
                    m.merge(line.strip(), 1, Integer::sum);
                }
            }
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("squeue failed for job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** Whether some task of the array is still queued or running. */
    public boolean active() {
        return !states().isEmpty();
    }

    /** Cells of this job finished so far: {ok, failed}. */
    public int[] finished() {
        int ok = 0;
        int failed = 0;
        Map<String, CellRecord> done = rd.finished();
        for (String id : cellIds) {
            CellRecord r = done.get(id);
            if (r != null) {
                if (r.ok()) {
                    ok++;
                } else {
                    failed++;
                }
            }
        }
        return new int[] {ok, failed};
    }

    /**
     * Waits until no task of the array is queued or running, with a progress bar of the finished cells, the
     * tasks' states and the failures; then returns the directory's results. ■ stops waiting (the job goes on).
     */
    public SweepResults follow() {
        try (ProgressBar bar = Progress.start("Slurm job " + jobId, cellIds.size())) {
            while (true) {
                Map<String, Integer> st = states();
                int[] f = finished();
                bar.stepTo(f[0] + f[1]);
                StringBuilder msg = new StringBuilder();
                st.forEach((k, v) -> msg.append(v).append(' ').append(k.toLowerCase()).append(", "));
                msg.append(f[1]).append(" failed");
                if (st.isEmpty()) {
                    bar.message(summary(f));
                    break;
                }
                bar.message(msg.toString());
                sleep(1000);
            }
        }
        return results();
    }

    /**
     * What the job left once no task is queued or running: {@code "25 ok, 0 failed, 25 missing (tasks cancelled,
     * killed or past their time limit: resubmit() runs them)"}; the missing count is never left out.
     */
    String summary(int[] f) {
        int missing = cellIds.size() - f[0] - f[1];
        return f[0] + " ok, " + f[1] + " failed, " + missing + " missing"
                + (missing > 0 ? " (tasks cancelled, killed or past their time limit: resubmit() runs them)" : "");
    }

    private static void sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            Cancellation.checkpoint();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Cancellation.checkpoint();
            }
        }
    }

    /** The directory's results now. */
    public SweepResults results() {
        return SweepResults.load(rd.dir());
    }

    /** The directory's table now (same columns as {@link Sweep#runIn}). */
    public Table table() {
        return results().table();
    }

    /**
     * Submits the cells of the directory that are still missing or failed, with the same options.
     *
     * @throws IllegalStateException while a task of this job is still queued or running (its cells would be
     *                               submitted twice): {@link #follow()} or {@link #cancel()} first
     */
    public SlurmJob resubmit() {
        Map<String, Integer> st = jobId == null ? Map.of() : states();
        if (!st.isEmpty()) {
            throw new IllegalStateException("job " + jobId + " still has tasks " + st + ": resubmitting now would run "
                    + "its unfinished cells twice; wait for it (follow()) or cancel() it, then resubmit()");
        }
        Path sb = Slurm.resolve(options.sbatch());
        if (sb == null) {
            throw new IllegalStateException("sbatch not found: '" + options.sbatch() + "' is not on the PATH");
        }
        return Slurm.submitPending(rd, options, sb);
    }

    /** Cancels the job's remaining tasks ({@code scancel}); finished cells stay. */
    public void cancel() {
        if (jobId == null) {
            return;
        }
        try {
            Slurm.Result r = Slurm.exec(new ProcessBuilder(sibling("scancel"), jobId), 30);
            if (r.code() != 0) {
                throw new IllegalStateException("scancel " + jobId + " failed: " + r.err().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("scancel failed for job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** The log file of one array task. */
    public Path log(int task) {
        return rd.dir().resolve("slurm/logs/" + jobId + "_" + task + ".out");
    }

    /** squeue / scancel beside the sbatch in use (a path), else from the PATH. */
    private String sibling(String tool) {
        Path sb = Slurm.resolve(options.sbatch());
        if (sb != null && options.sbatch().contains("/")) {
            Path p = sb.resolveSibling(tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return tool;
    }

    @Override
    public String toString() {
        return jobId == null ? "SlurmJob[nothing to run: " + rd.dir() + " is complete]"
                : "SlurmJob[" + jobId + ": " + cellIds.size() + " cells in " + tasks + " tasks, " + rd.dir() + "]";
    }
}
