package org.sharpnesslab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Experiment;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Slurm;
import org.sharpnesslab.sweep.SlurmJob;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.task.Parallel;
import org.sharpnesslab.task.Progress;

/**
 * Overhead of the sweep runner (printed, not a test; bench/sweeps runs it):
 * <ol>
 * <li>10,000 tiny cells (a recurrence of {@code work} steps each, default 20,000 ≈ 0.1 ms) through
 *     {@code sweep.runIn(dir, …)} — a file per cell, written atomically — against a plain {@code Parallel.forEach}
 *     over the same work, and against the in-memory {@code sweep.run}; the median of {@code rounds} rounds.</li>
 * <li>The per-task overhead of the Slurm path: a {@code SweepMain run-task} JVM that runs one tiny cell (start-up,
 *     reading the directory, writing the cell), and, when a Slurm controller answers ({@code Slurm.reachable()}),
 *     an array of 4 such tasks through the scheduler, from sbatch to the last result.</li>
 * </ol>
 * Args: [cells=10000] [work=20000] [rounds=3] [threads=cores].
 */
public final class SweepBench {

    private SweepBench() {
    }

    /** x ← x²/2 + c for {@code steps} steps from the cell's seed: the "work" of one cell. */
    static double work(double c, long seed, int steps) {
        double x = (seed % 7) / 10.0;
        for (int t = 0; t < steps; t++) {
            x = x * x / 2 + c;
        }
        return x;
    }

    /** The benchmark's experiment (a public class, so the Slurm tasks can make it). */
    public static final class Tiny implements Experiment {
        public Tiny() {
        }

        @Override
        public Outcome run(Cell cell) {
            return Outcome.of("x", work(cell.d("c"), cell.seed(), cell.i("work")));
        }
    }

    public static void main(String[] args) throws Exception {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int work = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Parallel.defaultThreads();
        Progress.silence();
        double[] cs = new double[cells / 100];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = -0.5 + 0.5 * i / cs.length;
        }
        Sweep sweep = Sweep.grid().axis("c", cs).fixed("work", work).seeds(100);
        List<Cell> list = sweep.cells();
        System.out.printf("sweep overhead: %d cells of %d steps (x <- x^2/2 + c), %d threads, median of %d rounds%n",
                list.size(), work, threads, rounds);
        double[] plain = new double[rounds];
        double[] dir = new double[rounds];
        double[] mem = new double[rounds];
        Path root = Files.createTempDirectory("sweep-bench");
        for (int r = -1; r < rounds; r++) {          // round -1 warms up
            double[] out = new double[list.size()];
            long t0 = System.nanoTime();
            Parallel.forEach(list.size(), threads, i -> {
                Cell c = list.get(i);
                out[i] = work(c.d("c"), c.seed(), c.i("work"));
            });
            double tPlain = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            sweep.run(new Tiny(), threads);
            double tMem = (System.nanoTime() - t0) / 1e9;
            Path d = root.resolve("round" + r);
            t0 = System.nanoTime();
            sweep.runIn(d, new Tiny(), threads);
            double tDir = (System.nanoTime() - t0) / 1e9;
            delete(d);
            if (r >= 0) {
                plain[r] = tPlain;
                mem[r] = tMem;
                dir[r] = tDir;
            }
        }
        double p = median(plain);
        double m = median(mem);
        double f = median(dir);
        System.out.printf("  plain Parallel.forEach      %7.3f s  (%.1f us per cell)%n", p, 1e6 * p * threads / cells);
        System.out.printf("  sweep.run (in memory)       %7.3f s  overhead %+.1f %%%n", m, 100 * (m / p - 1));
        System.out.printf("  sweep.runIn (results dir)   %7.3f s  overhead %+.1f %%  (%.0f us per cell written)%n", f,
                100 * (f / p - 1), 1e6 * (f - p) * threads / cells);
        slurmPath(root);
        delete(root);
    }

    private static void slurmPath(Path root) throws Exception {
        Path d = root.resolve("task");
        Sweep one = Sweep.grid().axis("c", 0.1, 0.2, 0.3, 0.4).fixed("work", 1000);
        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // one SweepMain run-task JVM, no scheduler: the cost a task adds to its cells
        one.runIn(d, new Tiny(), 1);   // creates the directory; then clear the cells and rerun one through the CLI
        delete(d.resolve("cells"));
        Files.createDirectories(d.resolve("cells"));
        Path batch = Files.writeString(d.resolve("batch.txt"), "cells_per_task=1\n" + one.cells().get(0).id() + "\n");
        double[] t = new double[3];
        for (int r = 0; r < t.length; r++) {
            Files.deleteIfExists(d.resolve("cells/" + one.cells().get(0).id() + ".txt"));
            long t0 = System.nanoTime();
            Process pr = new ProcessBuilder(java, "-cp", cp, "org.sharpnesslab.sweep.SweepMain", "run-task",
                    d.toString(), "0", batch.toString()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("task.log").toFile()).start();
            int code = pr.waitFor();
            t[r] = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                System.out.println("  run-task failed: " + Files.readString(root.resolve("task.log")));
                return;
            }
        }
        System.out.printf("slurm path: one SweepMain run-task JVM (start, read the directory, 1 cell, write) %.2f s "
                + "(median of 3)%n", median(t));
        if (!Slurm.reachable()) {
            System.out.println("slurm path: no Slurm here (sbatch or squeue missing, or no controller answers), "
                    + "scheduler overhead not measured");
            return;
        }
        Path s = root.resolve("slurm");
        long t0 = System.nanoTime();
        SlurmJob job = one.submit(s, new Tiny(), Slurm.options().cellsPerTask(1).classpath(cp));
        job.follow();
        double all = (System.nanoTime() - t0) / 1e9;
        System.out.printf("slurm path: array of %d one-cell tasks through sbatch, submit to last result %.2f s "
                + "(%.2f s per task on %d cores)%n", job.tasks(), all, all / job.tasks() * Parallel.defaultThreads(),
                Parallel.defaultThreads());
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void delete(Path d) throws IOException {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> w = Files.walk(d)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
