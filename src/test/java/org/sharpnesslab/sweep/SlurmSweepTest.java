package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

/**
 * The Slurm backend. The end-to-end test needs {@code sbatch} (start a localhost Slurm with .ci/slurm-up.sh); it
 * is skipped with a message when sbatch is missing, unless {@code SHARPNESS_REQUIRE_SLURM=1} makes it mandatory.
 */
class SlurmSweepTest {

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    /** The class path of this test JVM (surefire may hide it behind a manifest-only jar). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void requireSlurm() throws Exception {
        String msg;
        if (!Slurm.available("sbatch") || !Slurm.available("squeue")) {
            msg = "sbatch/squeue not on the PATH";
        } else if (Slurm.exec(new ProcessBuilder("squeue", "-h"), 30).code() != 0) {
            msg = "sbatch is installed but no Slurm controller answers (squeue fails)";
        } else {
            return;
        }
        msg += ": the Slurm end-to-end test is skipped (start a localhost Slurm with .ci/slurm-up.sh; "
                + "SHARPNESS_REQUIRE_SLURM=1 makes this a failure)";
        if ("1".equals(System.getenv("SHARPNESS_REQUIRE_SLURM"))) {
            fail(msg);
        }
        Assumptions.abort(msg);
    }

    @Test
    void anArraySweepRunsThroughSbatchAndResubmitsOnlyTheFailedCells(@TempDir Path tmp) throws Exception {
        requireSlurm();
        Path dir = tmp.resolve("slurm-grid");
        Path flags = tmp.resolve("flags");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0, 3.0).axisOf("fail", false, true).seeds(2);   // 12 cells
        Slurm opts = Slurm.options().classpath(testClassPath()).cellsPerTask(4).maxConcurrent(2).time("00:05:00")
                .jvmOptions("-Dsweeptest.flags=" + flags, "-Xmx256m").extra("--comment=sharpness-lab-test");
        SlurmJob job = sweep.submit(dir, new TestExperiments.Linear(), opts);
        assertEquals(3, job.tasks());
        String script = Files.readString(dir.resolve("slurm/job-001.sh"));
        assertTrue(script.contains("#SBATCH --array=0-2%2\n") && script.contains("#SBATCH --time=00:05:00\n")
                && script.contains("#SBATCH --comment=sharpness-lab-test\n"), script);
        SweepResults r = job.follow();
        assertEquals(12, r.records().size(), "every cell finished: " + r + "\n" + logs(job));
        assertEquals(6, r.failed().size(), "cells with fail=true failed once");
        Table t = r.table();
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("status").get(i).equals("ok")) {
                assertEquals(2 * t.doubleColumn("a").get(i) + t.longColumn("seed").get(i),
                        t.doubleColumn("value").get(i));
            }
        }
        SlurmJob again = job.resubmit();
        assertEquals(6, again.cellIds().size(), "only the failed cells are resubmitted");
        SweepResults r2 = again.follow();
        assertTrue(r2.complete(), r2 + "\n" + logs(again));
        assertEquals(12, r2.table().stringColumn("cell_id").unique().size());
        assertNull(again.resubmit().jobId(), "nothing left to run");
    }

    private static String logs(SlurmJob job) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < job.tasks(); i++) {
            Path p = job.log(i);
            sb.append(p).append(":\n").append(Files.exists(p) ? Files.readString(p) : "(none)").append('\n');
        }
        return sb.toString();
    }

    @Test
    void sbatchMissingIsNamedAndNothingIsWritten(@TempDir Path tmp) {
        Path dir = tmp.resolve("none");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0);
        var e = assertThrows(IllegalStateException.class, () -> sweep.submit(dir, new TestExperiments.Linear(),
                Slurm.options().sbatch("sbatch-not-installed-here")));
        assertTrue(e.getMessage().contains("sbatch not found") && e.getMessage().contains("sbatch-not-installed-here"),
                e.getMessage());
        assertFalse(Files.exists(dir));
        var e2 = assertThrows(IllegalStateException.class, () -> sweep.submit(dir, new TestExperiments.Linear(),
                Slurm.options().sbatch("/nonexistent/bin/sbatch")));
        assertTrue(e2.getMessage().contains("/nonexistent/bin/sbatch"), e2.getMessage());
    }

    @Test
    void experimentsATaskCannotMakeAreRejected(@TempDir Path tmp) throws Exception {
        Path fake = Files.writeString(tmp.resolve("sbatch"), "#!/bin/sh\necho 1\n");
        fake.toFile().setExecutable(true);
        Slurm o = Slurm.options().sbatch(fake.toString());
        Sweep sweep = Sweep.grid().axis("a", 1.0);
        var e = assertThrows(IllegalArgumentException.class, () -> sweep.submit(tmp.resolve("d"), c -> null, o));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> sweep.submit(tmp.resolve("d"), new Hidden(), o));
        assertTrue(e2.getMessage().contains(Hidden.class.getName()), e2.getMessage());
    }

    @Test
    void theScriptCarriesEveryOption(@TempDir Path tmp) throws Exception {
        Path fake = Files.writeString(tmp.resolve("sbatch"), "#!/bin/sh\necho '4242;cluster'\n");
        fake.toFile().setExecutable(true);
        Slurm o = Slurm.options().sbatch(fake.toString()).partition("cpu").account("proj-7").time("01:00:00")
                .memory("4G").cpusPerTask(4).maxConcurrent(10).cellsPerTask(3).extra("--qos=short")
                .extra("#SBATCH --constraint=avx2").jvmOptions("-Xmx3g").classpath("/shared/lab.jar:/shared/it's.jar");
        SlurmJob job = Sweep.grid().axis("a", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0).submit(tmp.resolve("d"),
                new TestExperiments.Linear(), o);
        assertEquals("4242", job.jobId());
        assertEquals(3, job.tasks());
        List<String> lines = Files.readAllLines(tmp.resolve("d/slurm/job-001.sh"));
        for (String want : List.of("#SBATCH --array=0-2%10", "#SBATCH --cpus-per-task=4", "#SBATCH --partition=cpu",
                "#SBATCH --account=proj-7", "#SBATCH --time=01:00:00", "#SBATCH --mem=4G", "#SBATCH --qos=short",
                "#SBATCH --constraint=avx2")) {
            assertTrue(lines.contains(want), want + " in " + lines);
        }
        String exec = lines.get(lines.size() - 1);
        assertTrue(exec.contains("'-Xmx3g' -cp '/shared/lab.jar:/shared/it'\\''s.jar' "
                + "org.sharpnesslab.sweep.SweepMain run-task"), exec);
        List<String> batch = Files.readAllLines(tmp.resolve("d/slurm/batch-001.txt"));
        assertEquals("cells_per_task=3", batch.get(0));
        assertEquals(8, batch.size());
        assertThrows(IllegalArgumentException.class, () -> Slurm.options().partition("cpu; rm -rf /"));
        assertThrows(IllegalArgumentException.class, () -> Slurm.options().cpusPerTask(0));
    }

    /** Not public: a task could not make it. */
    static final class Hidden implements Experiment {
        @Override
        public Outcome run(Cell cell) {
            return Outcome.of("v", 1.0);
        }
    }
}
