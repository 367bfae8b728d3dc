package org.sharpnesslab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sharpnesslab.task.Progress;

/**
 * The command-line entry point of the library jar for sweeps (what a Slurm task runs):
 * <pre>
 * java -cp sharpness-lab.jar:my-experiments.jar org.sharpnesslab.sweep.SweepMain run-task DIR TASK_ID BATCH
 * java -cp ... org.sharpnesslab.sweep.SweepMain run DIR [THREADS]
 * java -cp ... org.sharpnesslab.sweep.SweepMain status DIR
 * </pre>
 * {@code run-task} runs the cells {@code [TASK_ID·k, (TASK_ID+1)·k)} of the batch file (its first line
 * {@code cells_per_task=k}, then one cell id per line) on {@code $SLURM_CPUS_PER_TASK} threads; {@code run} runs
 * every unfinished cell of the directory here; {@code status} prints the counts. The experiment is the class the
 * directory's manifest names, made with its public no-argument constructor. Exit code 0 when the cells ran (failed
 * cells are recorded in the directory), 2 on a usage error, 1 on any other error.
 */
public final class SweepMain {

    private SweepMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without the exit: returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            return usage(err, "missing command and directory");
        }
        try {
            Path dir = Path.of(args[1]);
            switch (args[0]) {
                case "run-task" -> {
                    if (args.length != 4) {
                        return usage(err, "run-task needs DIR TASK_ID BATCH");
                    }
                    return runTask(dir, Integer.parseInt(args[2]), Path.of(args[3]), out);
                }
                case "run" -> {
                    int threads = args.length > 2 ? Integer.parseInt(args[2])
                            : Runtime.getRuntime().availableProcessors();
                    ResultsDirectory rd = ResultsDirectory.open(dir);
                    SweepResults r = EmbeddedRunner.run(rd, instantiate(rd.experiment()), EmbeddedRunner.all(rd), threads,
                            "sweep " + rd.dir().getFileName());
                    out.println(r);
                    return 0;
                }
                case "status" -> {
                    out.println(SweepResults.load(dir));
                    return 0;
                }
                default -> {
                    return usage(err, "unknown command '" + args[0] + "'");
                }
            }
        } catch (NumberFormatException e) {
            return usage(err, "not a number: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            err.println("SweepMain " + String.join(" ", args) + ": " + e);
            return 1;
        }
    }

    private static int usage(PrintStream err, String why) {
        err.println("SweepMain: " + why + "\nusage: SweepMain run-task DIR TASK_ID BATCH | run DIR [THREADS] | "
                + "status DIR");
        return 2;
    }

    static int runTask(Path dir, int task, Path batch, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        ResultsDirectory rd = ResultsDirectory.open(dir);
        List<String> lines = Files.readAllLines(batch, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("cells_per_task=")) {
            throw new IllegalArgumentException("batch file " + batch + " does not start with cells_per_task=k");
        }
        int k = Integer.parseInt(lines.get(0).substring("cells_per_task=".length()));
        List<String> ids = lines.subList(1, lines.size()).stream().filter(s -> !s.isBlank()).toList();
        int from = task * k;
        if (task < 0 || from >= ids.size()) {
            throw new IllegalArgumentException("task " + task + " is outside the batch " + batch + " ("
                    + ids.size() + " cells, " + k + " per task)");
        }
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < rd.ids().size(); i++) {
            byId.put(rd.ids().get(i), i);
        }
        List<Integer> mine = new ArrayList<>();
        List<Cell> mineCells = new ArrayList<>();
        for (String id : ids.subList(from, Math.min(ids.size(), from + k))) {
            Integer c = byId.get(id);
            if (c == null) {
                throw new IllegalArgumentException("cell " + id + " of batch " + batch + " is not in " + dir);
            }
            mine.add(c);
            mineCells.add(rd.cells().get(c));
        }
        String cpus = System.getenv("SLURM_CPUS_PER_TASK");
        int threads = cpus == null || cpus.isBlank() ? 1 : Math.max(1, Integer.parseInt(cpus.strip()));
        Experiment e = instantiate(rd.experiment());
        Progress.silence();
        // the tasks of one submission share its batch file: they share the directory's lock (DirectoryLock)
        SweepResults r = EmbeddedRunner.run(rd, e, mine, threads, "task " + task,
                "slurm batch " + batch.toAbsolutePath().normalize());
        int failed = 0;
        for (CellRecord rec : r.records()) {
            if (!rec.ok() && mineCells.contains(rec.cell())) {
                failed++;
                out.println("cell " + rec.cell().id() + " failed: " + rec.error());
            }
        }
        out.printf("task %d: %d cells (%d failed) on %d threads in %.2f s; sweep %s%n", task, mine.size(), failed,
                threads, (System.nanoTime() - t0) / 1e9, r);
        return 0;
    }

    /** Makes the experiment named in a manifest. */
    static Experiment instantiate(String className) {
        if ("lambda".equals(className)) {
            throw new IllegalArgumentException("this directory was written with a lambda as experiment: only the JVM "
                    + "that wrote it can resume it (sweep.runIn with the same lambda); a task started by name needs a "
                    + "public class with a public no-argument constructor");
        }
        try {
            Object o = Class.forName(className).getConstructor().newInstance();
            if (!(o instanceof Experiment e)) {
                throw new IllegalArgumentException("class " + className + " is not an Experiment");
            }
            return e;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("experiment class " + className + " is not on the class path ("
                    + System.getProperty("java.class.path") + ")", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make experiment " + className
                    + " with its public no-argument constructor: " + e, e);
        }
    }
}
