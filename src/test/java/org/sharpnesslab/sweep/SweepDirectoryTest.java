package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.CancelledException;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

/** Sweep.runIn: the results directory, resume, failures, trajectories, cancellation and bad input. */
class SweepDirectoryTest {

    private static final Sweep GRID = Sweep.grid().axis("c", -0.5, 0.1, 0.25).axis("steps", 5, 20).seeds(3);

    @BeforeAll
    static void quiet() {
        Progress.silence();
    }

    private static long files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void everyCellIsWrittenAndTheTableHasTheExactValues(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("grid");
        Table t = GRID.runIn(dir, new TestExperiments.Quadratic(), 2);
        assertEquals(18, t.rowCount());
        assertEquals(18, SweepResults.load(dir).records().size());
        assertTrue(Files.isRegularFile(dir.resolve("manifest.txt")));
        for (int r = 0; r < t.rowCount(); r++) {
            double expected = TestExperiments.Quadratic.expected(t.doubleColumn("c").get(r),
                    (int) (long) t.longColumn("steps").get(r), t.longColumn("seed").get(r));
            assertEquals(expected, t.doubleColumn("x_final").get(r), 0.0, "exact round trip of a double");
            assertEquals("ok", t.stringColumn("status").get(r));
        }
        // loaded back: the same table; the trajectory of a cell
        Table back = Sweep.load(dir);
        assertEquals(t.toString(), back.toString());
        SweepResults res = SweepResults.load(dir);
        assertTrue(res.complete());
        Cell c = GRID.cells().get(7);
        Table traj = res.trajectory(c.id());
        assertEquals(c.i("steps") + 1, traj.rowCount());
        assertEquals(TestExperiments.Quadratic.expected(c.d("c"), c.i("steps"), c.seed()),
                traj.doubleColumn("x").get(traj.rowCount() - 1), 0.0);
        // the same as the in-memory run
        Table mem = GRID.run(new TestExperiments.Quadratic(), 2);
        assertEquals(mem.doubleColumn("x_final").asList(), t.doubleColumn("x_final").asList());
    }

    @Test
    void cancelledSweepResumesWithNothingLostAndNothingRepeated(@TempDir Path tmp) {
        Path dir = tmp.resolve("resume");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0, 3.0, 4.0, 5.0).fixed("millis", 20).seeds(8);  // 40 cells
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        Cancellation.Token token = Cancellation.newToken();
        Experiment counting = cell -> {
            if (started.incrementAndGet() == 10) {
                token.cancel("interrupted");
            }
            Outcome o = new TestExperiments.Linear().run(cell);
            runs.computeIfAbsent(cell.id(), k -> new AtomicInteger()).incrementAndGet();
            return o;
        };
        assertThrows(CancelledException.class, () -> Cancellation.within(token, () -> sweep.runIn(dir, counting, 2)));
        SweepResults partial = SweepResults.load(dir);
        int before = partial.records().size();
        assertTrue(before >= 5 && before < 40, "finished before the cancel: " + before);
        assertEquals(40 - before, partial.missing().size());
        for (CellRecord r : partial.records()) {
            assertEquals(1, runs.get(r.cell().id()).get(), "a written cell ran once");
        }
        Table t = sweep.runIn(dir, counting, 2);
        assertEquals(40, t.rowCount());
        assertEquals(40, t.stringColumn("cell_id").unique().size());
        for (CellRecord r : partial.records()) {
            assertEquals(1, runs.get(r.cell().id()).get(), "a cell finished before the cancel is not run again");
        }
        for (int r = 0; r < 40; r++) {
            assertEquals(2 * t.doubleColumn("a").get(r) + t.longColumn("seed").get(r), t.doubleColumn("value").get(r));
        }
    }

    @Test
    void aFailedCellRecordsItsErrorAndIsRetriedOnTheNextRun(@TempDir Path tmp) {
        Path dir = tmp.resolve("fail");
        Path flags = tmp.resolve("flags");
        Sweep sweep = Sweep.of(List.of(Cell.of(0, "a", 1.0, "fail", false), Cell.of(0, "a", 2.0, "fail", true),
                Cell.of(0, "a", 3.0, "fail", false)));
        System.setProperty("sweeptest.flags", flags.toString());
        try {
            Table t = sweep.runIn(dir, new TestExperiments.Linear(), 2);
            assertEquals(List.of("ok", "failed", "ok"), t.stringColumn("status").asList());
            assertEquals("IllegalStateException: cell a=2.0 fails on purpose", t.stringColumn("error").get(1));
            assertTrue(t.doubleColumn("value").isMissing(1));
            assertEquals(List.of(sweep.cells().get(1)), SweepResults.load(dir).failed());
            Table again = sweep.runIn(dir, new TestExperiments.Linear(), 2);
            assertEquals(List.of("ok", "ok", "ok"), again.stringColumn("status").asList());
            assertEquals(4.0, again.doubleColumn("value").get(1));
        } finally {
            System.clearProperty("sweeptest.flags");
        }
    }

    @Test
    void cancellationStopsEveryWorkerWithinASecond(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("cancel");
        Sweep sweep = Sweep.grid().axis("a", 1.0, 2.0).fixed("millis", 5_000).seeds(4);
        Cancellation.Token token = Cancellation.newToken();
        var run = Cancellation.submit(token, () -> sweep.runIn(dir, new TestExperiments.Linear(), 4));
        Thread.sleep(400);
        long t0 = System.nanoTime();
        token.cancel("interrupted");
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> run.get(1, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancelledException, e.toString());
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms < 1000, "stopped after " + ms + " ms");
        assertFalse(LibraryThreads.running("TestExperiments"), LibraryThreads.dump("TestExperiments"));
        assertEquals(0, files(dir.resolve("cells")), "no cell finished, none written");
    }

    @Test
    void unknownMissingOrMistypedParametersAreRejectedBeforeAnyCellRuns(@TempDir Path tmp) {
        Experiment q = new TestExperiments.Quadratic();
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> Sweep.grid().axis("c", 0.1).axis("steps", 3).axis("stpes", 4).runIn(tmp.resolve("u"), q));
        assertTrue(unknown.getMessage().contains("unknown parameter 'stpes'"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> Sweep.grid().axis("c", 0.1).runIn(tmp.resolve("m"), q));
        assertTrue(missing.getMessage().contains("parameter 'steps' is missing"), missing.getMessage());
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> Sweep.grid().axis("c", 0.1).axis("steps", 2.5).runIn(tmp.resolve("w"), q));
        assertTrue(wrong.getMessage().contains("parameter 'steps' must be Long") && wrong.getMessage().contains("2.5"),
                wrong.getMessage());
        assertFalse(Files.exists(tmp.resolve("u")), "nothing written");
        // an experiment that declares nothing: the cell fails with the accessor's message, naming the parameter
        Table t = Sweep.grid().axis("b", 1.0).runIn(tmp.resolve("n"), new TestExperiments.Linear(), 1);
        assertEquals("IllegalArgumentException: unknown parameter 'a'; this cell has [b]", t.stringColumn("error").get(0));
    }

    @Test
    void aDirectoryOfAnotherSweepIsRejectedAndKept(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("other");
        GRID.runIn(dir, new TestExperiments.Quadratic(), 1);
        Sweep different = Sweep.grid().axis("c", -0.5, 0.1).axis("steps", 5, 20).seeds(3);
        var e = assertThrows(IllegalArgumentException.class, () -> different.runIn(dir, new TestExperiments.Quadratic()));
        assertTrue(e.getMessage().contains("was written by a different sweep") && e.getMessage().contains(dir.toString())
                && e.getMessage().contains("18 cells"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> GRID.runIn(dir, cell -> Outcome.of("x_final", 0.0)));
        assertTrue(e2.getMessage().contains("experiment lambda"), e2.getMessage());
        assertEquals(18, SweepResults.load(dir).ok(), "nothing lost");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("notes.txt"), "mine");
        var e3 = assertThrows(IllegalArgumentException.class, () -> GRID.runIn(plain, new TestExperiments.Quadratic()));
        assertTrue(e3.getMessage().contains("has no manifest.txt"), e3.getMessage());
        assertEquals("mine", Files.readString(plain.resolve("notes.txt")));
    }

    @Test
    void anUnwritableDirectoryIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        var e = assertThrows(IllegalArgumentException.class,
                () -> GRID.runIn(file.resolve("results"), new TestExperiments.Quadratic()));
        assertTrue(e.getMessage().contains(file.resolve("results").toString()) && e.getMessage().contains("cannot be created"),
                e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> GRID.runIn(file, new TestExperiments.Quadratic()));
        assertTrue(e2.getMessage().contains("is a file"), e2.getMessage());
        // a directory whose permissions forbid writing (only meaningful when not running as root)
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        if (ro.toFile().setWritable(false, false) && !Files.isWritable(ro)) {
            var e3 = assertThrows(IllegalArgumentException.class,
                    () -> GRID.runIn(ro.resolve("sub"), new TestExperiments.Quadratic()));
            assertTrue(e3.getMessage().contains("sub"), e3.getMessage());
        }
        ro.toFile().setWritable(true, false);
    }

    @Test
    void textFormatRoundTripsEveryValueType() {
        Cell c = Cell.of(-3, "x", -0.1 + 0.2, "n", 42L, "name", "tab\there\nnew \\ line", "flag", true);
        assertEquals(c, CellText.parseCell(CellText.cell(c)));
        assertEquals(c.id(), CellText.parseCell(CellText.cell(c)).id());
        Outcome o = Outcome.of("v", Double.NaN, "w", 1e-300, "s", "a=b:c");
        Map<String, Object> back = CellText.parseValues(CellText.values(o.values()));
        assertTrue(Double.isNaN((Double) back.get("v")));
        assertEquals(1e-300, back.get("w"));
        assertEquals("a=b:c", back.get("s"));
    }
}
