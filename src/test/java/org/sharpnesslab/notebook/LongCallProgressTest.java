package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.Maps;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.uv.UVBifurcation;
import org.sharpnesslab.uv.UVConfig;

/** Calls that take seconds at notebook scale show a progress bar that reaches its total: bifurcation diagrams. */
class LongCallProgressTest {

    private final List<Progress.TextProgressBar> bars = new ArrayList<>();

    @AfterEach
    void quiet() {
        Progress.silence();
    }

    private void record() {
        Progress.setFactory((label, total) -> {
            Progress.TextProgressBar b = new Progress.TextProgressBar(label, total, null);
            synchronized (bars) {
                bars.add(b);
            }
            return b;
        });
    }

    @Test
    void aBifurcationDiagramCountsItsParameterValues() {
        record();
        Bifurcation.diagram(Maps::logistic, Bifurcation.range(2.5, 4, 300), new double[] {0.5},
                0, Bifurcation.Options.DEFAULT.withTransient(200).withKeep(20).withParallel(true));
        assertEquals(1, bars.size());
        assertEquals(true, bars.get(0).render().startsWith("bifurcation diagram"), bars.get(0).render());
        assertEquals(300, bars.get(0).total());
        assertEquals(300, bars.get(0).done());
    }

    @Test
    void theFullUVModelsDiagramCountsItsLearningRates() {
        record();
        UVBifurcation.fullModel(UVConfig.builder().n(16).build(), Bifurcation.range(0.1, 0.3, 12), 100, 20, 1);
        assertEquals(1, bars.size());
        assertEquals(12, bars.get(0).done());
    }
}
