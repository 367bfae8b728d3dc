package org.sharpnesslab.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.task.Progress;

/** A diverged run says so: in its one-line summary and on its progress bar (not a stale loss, not NaN). */
class DivergedRunTextTest {

    @AfterEach
    void quiet() {
        Progress.silence();
    }

    @Test
    void theSummaryAndTheBarSayDiverged() {
        List<String> messages = new ArrayList<>();
        Progress.setFactory((label, total) -> new Progress.TextProgressBar(label, total, null) {
            @Override
            public synchronized void message(String m) {
                messages.add(m);
                super.message(m);
            }
        });
        TrainingRun run = Training.gd(TrainingTest.NET, TrainingTest.DATA).c(40).steps(200).sharpnessEvery(5)
                .progress(true).run(3);
        assertTrue(run.diverged(), run.toString());
        String s = run.toString();
        assertTrue(s.contains("DIVERGED at step " + run.divergedAt()) && s.contains("last finite loss="), s);
        assertFalse(s.contains("final sharpness") || s.contains("=NaN"), s);
        String last = messages.get(messages.size() - 1);
        assertTrue(last.startsWith("DIVERGED at step " + run.divergedAt()), "the bar's last message: " + last);
    }

    @Test
    void aFinishedRunWithoutMeasuredSharpnessSaysNotMeasured() {
        TrainingRun run = Training.gd(TrainingTest.NET, TrainingTest.DATA).eta(0.01).steps(3).sharpnessEvery(0).run(1);
        assertFalse(run.diverged());
        assertTrue(run.toString().contains("final loss="), run.toString());
        assertFalse(run.toString().contains("NaN"), run.toString());
    }
}
