package org.sharpnesslab.study.early;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;

class NetworkEarlyPhaseTest {

    private static Sweep small() {
        return CGrid.log2(0, 0.5).upTo(256).into(Sweep.grid().axis("width", 8).fixed("depth", 3)
                .fixed("data", "gaussian").fixed("n", 32).fixed("input_dim", 6).fixed("steps", 5));
    }

    @Test
    void scanAndPerRateCellsGiveTheSameConstantsBitForBit() {
        Table scan = small().seeds(2).run(new NetworkEarlyPhase(), 1);
        Table again = small().seeds(2).run(new NetworkEarlyPhase(), 1);
        double[] cs = CGrid.log2(0, 0.5).upTo(256).values();
        Table runs = small().axis("c", cs).seeds(2).run(new NetworkEarlyRun(), 1);
        Table agg = CriticalConstants.fromRuns(runs, 2, "width");
        for (String col : new String[] {"c_loss", "c_sharp", "c_max", "c_barrier"}) {
            for (int r = 0; r < 2; r++) {
                assertEquals(Double.doubleToRawLongBits(scan.doubleColumn(col).get(r)),
                        Double.doubleToRawLongBits(again.doubleColumn(col).get(r)), col);
                assertEquals(scan.doubleColumn(col).get(r), agg.doubleColumn(col).get(r), 0.0, col + "\n" + agg);
            }
        }
        for (int r = 0; r < 2; r++) {
            double l = scan.doubleColumn("c_loss").get(r);
            double m = scan.doubleColumn("c_max").get(r);
            assertTrue(l >= 1 && l <= m && !scan.booleanColumn("max_censored").get(r), scan.row(r).toString());
        }
    }

    /**
     * 002 footnote 8 (ε = 0.05 for centred and last-layer-zero networks) on both paths: the per-rate cells and
     * {@code fromRuns} give the constants of the scan, ε included (the sweep's fixed sharp_epsilon is a column).
     */
    @Test
    void epsilonReachesBothPathsForCentredAndZeroLastNetworks() {
        double[] cs = CGrid.log2(0, 0.5).upTo(256).values();
        int differ = 0;
        for (String v : new String[] {"centred", "zero_last"}) {
            Sweep s = small().fixed("variant", v).fixed("sharp_epsilon", 0.05);
            Table scan = s.seeds(2).run(new NetworkEarlyPhase(), 1);
            Table plain = small().fixed("variant", v).seeds(2).run(new NetworkEarlyPhase(), 1);
            Table agg = CriticalConstants.fromRuns(s.axis("c", cs).seeds(2).run(new NetworkEarlyRun(), 1), 2,
                    "width");
            for (int r = 0; r < 2; r++) {
                for (String col : new String[] {"c_loss", "c_sharp", "c_max"}) {
                    assertEquals(scan.doubleColumn(col).get(r), agg.doubleColumn(col).get(r), 0.0, v + " " + col);
                }
                if (scan.doubleColumn("c_sharp").get(r) != plain.doubleColumn("c_sharp").get(r)) differ++;
            }
        }
        assertTrue(differ > 0, "epsilon changed no c_sharp: the check would not see it ignored");
    }

    @Test
    void poolIsPartOfTheCachedDataset() {
        Cell dice = Cell.of(0, "data", "dice", "n", 12, "width", 4);
        assertEquals(32 * 32, EarlyNetwork.dataset(dice).inputDim());
        assertEquals(8 * 8, EarlyNetwork.dataset(dice.with("pool", 4)).inputDim());
        assertEquals(16 * 16, EarlyNetwork.dataset(dice.with("pool", 2)).inputDim());
        assertEquals(32 * 32, EarlyNetwork.dataset(dice).inputDim());
    }

    @Test
    void zeroLastLayerAndCentredNetworksStartAtZeroOutput() {
        for (String v : new String[] {"centred", "zero_last"}) {
            Cell cell = Cell.of(3, "width", 8, "depth", 3, "data", "gaussian", "n", 32, "input_dim", 6, "variant", v);
            EarlyNetwork e = EarlyNetwork.from(cell);
            var run = e.training(1.0).steps(0).run(3);
            double[] f = run.network().forward(run.finalParams(), e.data().inputs());
            for (double x : f) {
                assertEquals(0.0, x, 1e-12, v);
            }
        }
    }
}
