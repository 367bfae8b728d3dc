package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

/** Finished cells on disk at once, the directory's lock, file-system failures that name the path (issue 20). */
class SweepReliabilityTest {

    static int cellsOnDisk(Path dir) throws Exception {
        Path cells = dir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cells)) {
            int n = 0;
            for (Path f : s.toList()) {
                n += ResultsDirectory.parse(f).size();
            }
            return n;
        }
    }

    @Test
    void aFinishedCellIsOnDiskWithinAQuarterSecondWhileTheOtherWorkersRun(@TempDir Path tmp) throws Exception {
        Progress.silence();
        Path dir = tmp.resolve("d");
        // one cell of 60 ms, one of 2.5 s, on two threads: the short one must not wait for the long one
        Sweep sweep = Sweep.of(List.of(new Cell(java.util.Map.of("a", 1.0, "millis", 60L), 0),
                new Cell(java.util.Map.of("a", 2.0, "millis", 2500L), 0)));
        long t0 = System.nanoTime();
        CompletableFuture<Table> run = CompletableFuture.supplyAsync(
                () -> sweep.runIn(dir, new TestExperiments.Linear(), 2));
        long seen = -1;
        while (!run.isDone()) {
            if (cellsOnDisk(dir) >= 1) {
                seen = System.nanoTime() - t0;
                break;
            }
            Thread.sleep(5);
        }
        assertEquals(2, run.get(20, TimeUnit.SECONDS).rowCount());
        assertTrue(seen > 0 && seen < TimeUnit.MILLISECONDS.toNanos(1200),
                "the 60-ms cell reached disk " + seen / 1e6 + " ms after the start (the 2.5-s cell was running)");
    }

    @Test
    void aSecondRunnerIsRefusedNamingTheHolderAndRunsNothing(@TempDir Path tmp) throws Exception {
        Progress.silence();
        Path dir = tmp.resolve("d");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0).seeds(2);
        ResultsDirectory rd = ResultsDirectory.create(dir, sweep.cells(), EmbeddedRunner.nameOf(new TestExperiments.Linear()));
        try (DirectoryLock held = DirectoryLock.acquire(rd.dir(), "another runner")) {
            var e = assertThrows(IllegalStateException.class, () -> sweep.runIn(dir, new TestExperiments.Linear(), 2));
            assertTrue(e.getMessage().contains("in use by process " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("another runner"), e.getMessage());
            assertEquals(0, cellsOnDisk(dir), "the refused runner ran nothing");
            // a runner of the same scope (a task of the same submission) shares the directory
            try (DirectoryLock same = DirectoryLock.acquire(rd.dir(), "another runner")) {
                assertTrue(Files.exists(same.file()));
            }
        }
        assertEquals(4, sweep.runIn(dir, new TestExperiments.Linear(), 2).rowCount(), "released: runs");
        try (Stream<Path> s = Files.list(dir.resolve(DirectoryLock.LOCKS))) {
            assertEquals(0, s.count(), "every lock released");
        }
    }

    @Test
    void aStaleLockOfThisHostIsTakenOverAndOneOfAnotherHostIsNot(@TempDir Path tmp) throws Exception {
        Progress.silence();
        Path dir = tmp.resolve("d");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0);
        ResultsDirectory rd = ResultsDirectory.create(dir, sweep.cells(), EmbeddedRunner.nameOf(new TestExperiments.Linear()));
        Path locks = Files.createDirectories(dir.resolve(DirectoryLock.LOCKS));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = DirectoryLock.thisHost();
        // this host, a pid that is not alive: provably gone
        Path dead = Files.writeString(locks.resolve(host + "-" + gone.pid() + "-1.lock"),
                "host=" + host + "\npid=" + gone.pid() + "\nstart=2026-01-01T00:00:00Z\nscope=run x\nsince=x\n");
        // this host, a live pid (ours) with another start time: a reused pid, provably another process
        long me = ProcessHandle.current().pid();
        Path reused = Files.writeString(locks.resolve(host + "-" + me + "-99.lock"),
                "host=" + host + "\npid=" + me + "\nstart=1999-01-01T00:00:00Z\nscope=run y\nsince=x\n");
        assertEquals(2, sweep.runIn(dir, new TestExperiments.Linear(), 1).rowCount());
        assertFalse(Files.exists(dead), "the dead holder's lock was taken over");
        assertFalse(Files.exists(reused), "the reused pid's lock was taken over");

        // a holder on another host: never taken over, and the error says how to clear it
        Path remote = Files.writeString(locks.resolve("node-7-4242-1.lock"),
                "host=node-7\npid=4242\nstart=?\nscope=slurm batch b\nsince=x\n");
        var e = assertThrows(IllegalStateException.class, () -> sweep.runIn(dir, new TestExperiments.Linear(), 1));
        assertTrue(e.getMessage().contains("host node-7") && e.getMessage().contains("delete " + remote),
                e.getMessage());
        assertTrue(Files.exists(remote));
    }

    @Test
    void aFullDiskNamesTheFileTheDirectoryAndTheSpaceLeft(@TempDir Path tmp) throws Exception {
        Progress.silence();
        Path mnt = Files.createDirectories(tmp.resolve("tiny"));
        Assumptions.assumeTrue(mount(mnt, "size=96k"), "a tmpfs cannot be mounted here (needs root)");
        try {
            Path dir = mnt.resolve("d");
            // trajectories of 20 001 rows (~0.5 MB each) on a 96-kB file system
            Sweep sweep = Sweep.grid().axis("c", -0.5).fixed("steps", 20_000);
            var e = assertThrows(UncheckedIOException.class,
                    () -> sweep.runIn(dir, new TestExperiments.Quadratic(), 1));
            assertTrue(e.getMessage().contains(dir.resolve("trajectories").toString())
                    && e.getMessage().contains("bytes usable"), e.getMessage());
        } finally {
            umount(mnt);
        }
    }

    static boolean mount(Path at, String options) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void umount(Path at) throws Exception {
        new ProcessBuilder("umount", "-l", at.toString()).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void followCountsTheCellsOfCancelledTasksAsMissing(@TempDir Path tmp) throws Exception {
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0, 3.0);
        ResultsDirectory rd = ResultsDirectory.create(tmp.resolve("d"), sweep.cells(), "x");
        rd.write(List.of(CellRecord.run(new TestExperiments.Linear(), rd.cells().get(0))));
        // a cluster where the job has left the queue (its tasks cancelled): squeue no longer knows it
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("sbatch", "squeue")) {
            Path t = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho 'Invalid job id specified' >&2\nexit 1\n");
            t.toFile().setExecutable(true);
        }
        SlurmJob job = new SlurmJob(rd, Slurm.options().sbatch(bin.resolve("sbatch").toString()), "123", rd.ids(), 3);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(out, true);
        Progress.setFactory((label, total) -> new Progress.TextProgressBar(label, total, ps));
        try {
            job.follow();
        } finally {
            Progress.silence();
        }
        String s = out.toString();
        assertTrue(s.contains("1 ok, 0 failed, 2 missing") && s.contains("resubmit()"), s);
    }
}
