package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.task.Progress;

import tech.tablesaw.api.Table;

/** kill -9 of a JVM in the middle of an embedded sweep, then the same sweep again: every cell exactly once. */
class KillAndResumeTest {

    private static List<Path> cellFiles(Path dir) throws Exception {
        Path cells = dir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cells)) {
            return s.toList();
        }
    }

    private static int cellsIn(List<Path> files) {
        int n = 0;
        for (Path f : files) {
            n += ResultsDirectory.parse(f).size();
        }
        return n;
    }

    @Test
    void aKilledSweepResumesWithEveryCellExactlyOnceAndNoPartialFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", SlurmSweepTest.testClassPath(), "-Xmx256m",
                KillableSweep.class.getName(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cellsIn(cellFiles(dir)) < 30 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the child was still running when killed: " + Files.readString(tmp.resolve("child.log")));
        } finally {
            child.destroyForcibly();                    // SIGKILL: no shutdown hook, no finally block runs
            child.waitFor(10, TimeUnit.SECONDS);
        }
        List<Path> files = cellFiles(dir);
        int before = cellsIn(files);
        assertTrue(before >= 30 && before < 200, "cells finished before the kill: " + before);
        for (Path f : files) {
            assertTrue(f.getFileName().toString().matches("[0-9a-f]{16}-.*\\.txt"), "only complete cell files: " + f);
            List<String> lines = Files.readAllLines(f);
            assertEquals("end", lines.get(lines.size() - 1), "complete file " + f);
        }
        SweepResults partial = SweepResults.load(dir);          // every file parses
        assertEquals(before, partial.records().size());
        assertEquals(200 - before, partial.missing().size());

        java.util.Map<Path, String> written = new java.util.HashMap<>();
        for (Path f : files) {
            written.put(f, Files.readString(f) + Files.getLastModifiedTime(f));
        }

        Progress.silence();
        Table t = KillableSweep.SWEEP.runIn(dir, new TestExperiments.Linear(), 2);
        assertEquals(200, t.rowCount());
        assertEquals(200, t.stringColumn("cell_id").unique().size());
        assertEquals(200, cellsIn(cellFiles(dir)), "every cell in exactly one file");
        for (int r = 0; r < 200; r++) {
            assertEquals("ok", t.stringColumn("status").get(r));
            assertEquals(2 * t.doubleColumn("a").get(r) + t.longColumn("seed").get(r), t.doubleColumn("value").get(r));
        }
        for (var e : written.entrySet()) {      // nothing repeated: a cell finished before the kill was not rerun
            assertEquals(e.getValue(), Files.readString(e.getKey()) + Files.getLastModifiedTime(e.getKey()));
        }
        // and again through the command-line entry point: nothing left to do
        assertEquals(0, SweepMain.run(new String[] {"run", dir.toString(), "2"}, System.out, System.err));
        assertEquals(200, cellsIn(cellFiles(dir)));
    }
}
