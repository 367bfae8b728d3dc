package org.sharpnesslab.sweep;

import java.nio.file.Path;

import org.sharpnesslab.task.Progress;

/** The sweep {@link KillAndResumeTest} runs in a child JVM and kills with kill -9: 200 cells of ~30 ms. */
public final class KillableSweep {

    static final Sweep SWEEP = Sweep.grid().axis("a", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)
            .fixed("millis", 30).seeds(20);

    private KillableSweep() {
    }

    public static void main(String[] args) {
        Progress.silence();
        SWEEP.runIn(Path.of(args[0]), new TestExperiments.Linear(), 2);
    }
}
