package org.sharpnesslab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.sharpnesslab.task.Cancellation;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Experiments for the sweep tests, as public classes with no-argument constructors (what a Slurm task makes). */
public final class TestExperiments {

    private TestExperiments() {
    }

    /**
     * The exact quadratic recurrence x_{t+1} = x_t² / 2 + c from x_0 = seed / 10 for {@code steps} steps: results
     * {@code x_final} and {@code steps_run} (integer); {@code x} over the steps as the trajectory. Busy for about
     * {@code millis} ms (with checkpoints) when the cell has it.
     */
    public static final class Quadratic implements Experiment {
        public Quadratic() {
        }

        @Override
        public Outcome run(Cell cell) {
            int steps = cell.i("steps");
            double c = cell.d("c");
            double x = cell.seed() / 10.0;
            double[] xs = new double[steps + 1];
            int[] ts = new int[steps + 1];
            xs[0] = x;
            for (int t = 1; t <= steps; t++) {
                x = x * x / 2 + c;
                xs[t] = x;
                ts[t] = t;
            }
            if (cell.has("millis")) {
                busy(cell.l("millis"));
            }
            Table traj = Table.create("x", IntColumn.create("step", ts), DoubleColumn.create("x", xs));
            return Outcome.of("x_final", x, "steps_run", steps).withTrajectory(traj);
        }

        @Override
        public Map<String, Class<?>> parameters() {
            return Map.of("c", Double.class, "steps", Long.class);
        }

        /** x_final computed the same way, for the checks. */
        public static double expected(double c, int steps, long seed) {
            double x = seed / 10.0;
            for (int t = 1; t <= steps; t++) {
                x = x * x / 2 + c;
            }
            return x;
        }
    }

    /** Spins about {@code millis} ms, checking the cancellation token every ~0.1 ms. */
    static void busy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        double sink = 0;
        while (System.nanoTime() < end) {
            Cancellation.checkpoint();
            for (int i = 0; i < 1000; i++) {
                sink += Math.sqrt(i + sink);
            }
        }
        if (sink == -1) {
            throw new IllegalStateException();
        }
    }

    /** {@code value = 2·a + seed}; busy {@code millis} ms; fails (once) on cells with {@code fail = true}. */
    public static final class Linear implements Experiment {
        public Linear() {
        }

        @Override
        public Outcome run(Cell cell) throws Exception {
            busy(cell.has("millis") ? cell.l("millis") : 0);
            if (cell.has("fail") && cell.b("fail")) {
                String flags = System.getProperty("sweeptest.flags");
                Path flag = flags == null ? null : Path.of(flags, cell.id());
                if (flag == null || !Files.exists(flag)) {
                    if (flag != null) {
                        Files.createDirectories(flag.getParent());
                        Files.writeString(flag, "failed once");
                    }
                    throw new IllegalStateException("cell a=" + cell.d("a") + " fails on purpose");
                }
            }
            return Outcome.of("value", 2 * cell.d("a") + cell.seed());
        }
    }
}
