package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-threaded sweep with cells of different durations ({@link HarshSweep}, 36 cells of 20/150/600 ms on 3
 * threads) killed again and again in child JVMs, alternately by kill -9 and SIGTERM (what Slurm sends on scancel and
 * at a time limit), then finished: nothing finished is lost beyond the promise (a quarter second, and nothing at all
 * on SIGTERM), nothing is recorded twice; two runners on one directory run each cell once; a read-only directory is
 * refused by name (issue 20).
 */
class HarshKillTest {

    /** A cell that ended this long before a kill -9 must be on disk: the 250-ms promise plus the time of a write. */
    static final long KILL9_MS = 250 + 150;

    static Process child(Path dir, Path log, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", SlurmSweepTest.testClassPath(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dharsh.log=" + log, HarshSweep.class.getName(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    }

    /** cell id → how many records cells/ holds for it. */
    static Map<String, Integer> recorded(Path dir) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        Path cells = dir.resolve("cells");
        if (Files.isDirectory(cells)) {
            try (Stream<Path> s = Files.list(cells)) {
                for (Path f : s.toList()) {
                    for (CellRecord r : ResultsDirectory.parse(f)) {
                        m.merge(r.cell().id(), 1, Integer::sum);
                    }
                }
            }
        }
        return m;
    }

    /** The log's end lines: {cell id, epoch ms}. */
    static List<String[]> ends(Path log) throws Exception {
        List<String[]> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                String[] p = line.split(" ");
                if (p.length == 4 && p[0].equals("end")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void repeatedKillsLoseNothingBeyondThePromiseAndRecordNothingTwice(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sweep");
        Path log = tmp.resolve("ends.log");
        Path out = tmp.resolve("child.log");
        Random rnd = new Random(20);
        StringBuilder figures = new StringBuilder();
        int lostTotal = 0;
        long worstLag = 0;
        for (int round = 0; round < 6; round++) {
            boolean term = round % 2 == 1;
            int endsBefore = ends(log).size();
            Process p = child(dir, log, out);
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ends(log).size() == endsBefore && p.isAlive() && System.nanoTime() < wait) {
                Thread.sleep(10);
            }
            Thread.sleep(150 + rnd.nextInt(500));
            if (!p.isAlive()) {
                break;                          // the sweep finished before this kill
            }
            long killedAt = System.currentTimeMillis();
            if (term) {
                p.destroy();                    // SIGTERM
            } else {
                p.destroyForcibly();            // SIGKILL
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the child ended");
            Map<String, Integer> onDisk = recorded(dir);
            int lost = 0;
            List<String[]> ended = ends(log);
            for (String[] e : ended.subList(endsBefore, ended.size())) {      // the cells of this round
                long lag = killedAt - Long.parseLong(e[2]);
                if (!onDisk.containsKey(e[1]) && lag > 0) {
                    lost++;
                    worstLag = Math.max(worstLag, lag);
                    assertTrue(!term, "SIGTERM lost cell " + e[1] + " that ended " + lag + " ms before it");
                    assertTrue(lag <= KILL9_MS, "kill -9 lost cell " + e[1] + " that ended " + lag + " ms before it");
                }
            }
            lostTotal += lost;
            figures.append(String.format("round %d %s: %d on disk, %d finished-but-lost%n", round,
                    term ? "SIGTERM" : "kill -9", onDisk.size(), lost));
            onDisk.forEach((id, n) -> assertEquals(1, n, "cell " + id + " recorded once"));
        }
        Process last = child(dir, log, out);
        assertTrue(last.waitFor(60, TimeUnit.SECONDS), "the last run finished");
        assertEquals(0, last.exitValue(), Files.readString(out));
        Map<String, Integer> onDisk = recorded(dir);
        assertEquals(36, onDisk.size(), "every cell");
        onDisk.forEach((id, n) -> assertEquals(1, n, "cell " + id + " recorded once"));
        Map<String, Integer> runs = new HashMap<>();
        for (String[] e : ends(log)) {
            runs.merge(e[1], 1, Integer::sum);
        }
        long rerun = runs.values().stream().filter(n -> n > 1).count();
        System.out.printf("HarshKillTest: %s%d cells finished but lost in all (worst %d ms before a kill -9), "
                + "%d cells finished more than once (only those lost)%n", figures, lostTotal, worstLag, rerun);
        assertTrue(rerun <= lostTotal, "only lost cells ran again: " + rerun + " > " + lostTotal);
    }

    @Test
    void twoRunnersOnOneDirectoryRunEachCellOnce(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sweep");
        Path log = tmp.resolve("ends.log");
        Path out = tmp.resolve("child.log");
        ResultsDirectory.create(dir, HarshSweep.SWEEP.cells(), HarshSweep.Recorded.class.getName());
        Process a = child(dir, log, out);
        Process b = child(dir, log, out);
        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
        String said = Files.readString(out);
        assertEquals(1, (a.exitValue() == 0 ? 1 : 0) + (b.exitValue() == 0 ? 1 : 0), "one runs, one is refused: " + said);
        assertTrue(said.contains("is in use by process"), said);
        Map<String, Integer> runs = new HashMap<>();
        for (String[] e : ends(log)) {
            runs.merge(e[1], 1, Integer::sum);
        }
        assertEquals(36, runs.size());
        runs.forEach((id, n) -> assertEquals(1, n, "cell " + id + " ran once"));
        recorded(dir).forEach((id, n) -> assertEquals(1, n, "cell " + id + " recorded once"));
    }

    @Test
    void aReadOnlyDirectoryIsRefusedByName(@TempDir Path tmp) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("ro"));
        Assumptions.assumeTrue(SweepReliabilityTest.mount(mnt, "size=1m"), "a tmpfs cannot be mounted here (needs root)");
        try {
            Path dir = mnt.resolve("sweep");
            ResultsDirectory.create(dir, HarshSweep.SWEEP.cells(), HarshSweep.Recorded.class.getName());
            Process ro = new ProcessBuilder("mount", "-o", "remount,ro", mnt.toString()).start();
            assertTrue(ro.waitFor(10, TimeUnit.SECONDS) && ro.exitValue() == 0);
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> HarshSweep.SWEEP.runIn(dir, new HarshSweep.Recorded(), 2));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("not writable"),
                    e.getMessage());
        } finally {
            SweepReliabilityTest.umount(mnt);
        }
    }
}
