package org.sharpnesslab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.uv.EoSMap;
import org.sharpnesslab.uv.UVBifurcation;
import org.sharpnesslab.uv.UVConfig;
import org.sharpnesslab.uv.UVMap;
import org.sharpnesslab.uv.UVModel;
import org.sharpnesslab.uv.UVRun;

class UVChartsTest {

    @Test
    void phasePortraitHoldsFigureTwosLayersAndRenders() throws Exception {
        UVMap map = UVMap.of(0.3, 1, 2, 1);
        UVRun run = UVModel.init(UVConfig.builder().n(16).muP().build(), 1).train(0.3, 200);
        PhasePortrait p = PhasePortrait.of(map).withTrajectory(run.table());
        for (String s : new String[] {"sharpness reduction", "progressive sharpening", "divergent", "forbidden", "Ĝ",
            "Δf nullcline", "λ nullcline (= SR/PS boundary)", "ηλ = 2", "line I, stable (ηλ<2)", "line I, unstable",
            "fixed points II, III, IV", "trajectory", "trajectory start"}) {
            assertTrue(p.getSeriesMap().containsKey(s), "missing layer " + s + ": " + p.getSeriesMap().keySet());
        }
        // fixed points II-IV at the closed forms of Table 1
        double[] fx = p.getSeriesMap().get("fixed points II, III, IV").getXData();
        assertEquals(-2.0, fx[0], 1e-12);
        assertEquals(-2 / 0.3, fx[1], 1e-12);
        assertTrue(BitmapEncoder.getBitmapBytes(p, BitmapEncoder.BitmapFormat.PNG).length > 10_000);
        PhasePortrait two = PhasePortrait.twoStep(UVMap.of(0.6, 1, 2, 1), -2.5, 2.5, 3).withTwoStepTrajectory(
                UVModel.init(UVConfig.builder().n(16).muP().build(), 1).train(0.6, 200).table());
        assertTrue(BitmapEncoder.getBitmapBytes(two, BitmapEncoder.BitmapFormat.PNG).length > 10_000);
    }

    @Test
    void bifurcationWithLyapunovBeneath() {
        EoSMap eos = EoSMap.of(0.3, 1, 2, 1);
        var d = UVBifurcation.eosMap(eos, Bifurcation.range(0.3, 0.9, 60), 2000, 50);
        Figure f = UVCharts.bifurcation(d, eos::lambdaOf, 0.5, "3a");
        assertTrue(f.getSeriesMap().containsKey("2/η") && f.getSeriesMap().containsKey("η_c"));
        BufferedImage img = UVCharts.withLyapunov(d, eos::lambdaOf, 0.5, "3a");
        assertTrue(img.getHeight() > f.getHeight());
    }
}
