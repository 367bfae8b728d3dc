package org.sharpnesslab.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.sharpnesslab.task.Progress;

/**
 * The sweep {@link HarshKillTest} runs in child JVMs and kills: 36 cells of 20, 150 and 600 ms on 3 threads, each
 * finished cell appending {@code end <cell_id> <epoch ms> <pid>} to the log named by {@code -Dharsh.log}.
 * Exit code 0 when the sweep ran, 3 when it was refused or failed (the error on stderr).
 */
public final class HarshSweep {

    static final Sweep SWEEP = Sweep.grid().axis("millis", 20, 150, 600).seeds(12);

    private HarshSweep() {
    }

    /** Busy for {@code millis}, then logs its end. */
    public static final class Recorded implements Experiment {
        public Recorded() {
        }

        @Override
        public Outcome run(Cell cell) throws Exception {
            TestExperiments.busy(cell.l("millis"));
            String log = System.getProperty("harsh.log");
            if (log != null) {
                Files.writeString(Path.of(log), "end " + cell.id() + " " + System.currentTimeMillis() + " "
                        + ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return Outcome.of("value", (double) cell.l("millis") + cell.seed());
        }
    }

    public static void main(String[] args) {
        Progress.silence();
        try {
            SWEEP.runIn(Path.of(args[0]), new Recorded(), 3);
        } catch (RuntimeException e) {
            System.err.println("refused or failed: " + e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
