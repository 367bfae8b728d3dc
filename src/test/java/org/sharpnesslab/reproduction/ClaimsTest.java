package org.sharpnesslab.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The claims tables of the reproductions are computed from the result rows: on hand-made rows where a claim of
 * 002 §2.1 or 000 §6.4 holds the table says "yes", on rows where it fails "no", and "n/a" where the rows cannot
 * test it (one width; no learning rate at the edge of stability).
 */
class ClaimsTest {

    @TempDir
    Path dir;

    private Table csv(String name, String... lines) throws IOException {
        Path f = dir.resolve(name + ".csv");
        Files.write(f, List.of(lines));
        return Reproduction.read(f);
    }

    private static String holds(Table claims, int row) {
        return claims.stringColumn("holds").get(row);
    }

    private static final String HEAD = String.join(",", PhaseDiagramFigure.COLUMNS);

    private static String early(int w, int seed, double loss, double sharp, double max) {
        return w + ",8," + seed + "," + loss + "," + sharp + "," + max + ",100.0,1.0,true,true,false,10,5,1.0";
    }

    @Test
    void phaseDiagramClaimsFollowTheRows() throws IOException {
        // 002 §2.1: ⟨c⟩ increase with 1/w, c_loss ≈ 2 at the largest width, c_loss ≤ c_sharp ≤ c_max
        Table paperLike = csv("002-fig3a", HEAD, early(512, 0, 2.1, 3.0, 12.0), early(512, 1, 2.3, 3.2, 13.0),
                early(64, 0, 20.0, 25.0, 30.0), early(64, 1, 22.0, 27.0, 32.0));
        Table c = PhaseDiagramFigure.claims(paperLike, "002-fig3a");
        assertEquals(6, c.rowCount());
        for (int r = 0; r < c.rowCount(); r++) {
            assertEquals("yes", holds(c, r), c.row(r).toString());
        }
        assertTrue(c.stringColumn("measured").get(1).contains("2.20"), c.stringColumn("measured").get(1));

        // the same rows with c_loss above 2·√2 at the widest width, the trend of c_max reversed, and one run with
        // c_sharp below c_loss
        Table off = csv("002-fig3a", HEAD, early(512, 0, 4.0, 5.0, 40.0), early(512, 1, 4.2, 3.0, 41.0),
                early(64, 0, 20.0, 25.0, 30.0), early(64, 1, 22.0, 27.0, 32.0));
        Table d = PhaseDiagramFigure.claims(off, "002-fig3a");
        assertEquals("no", holds(d, 0));            // c_loss ≤ c_sharp ≤ c_max in 3 of 4 runs
        assertEquals("no", holds(d, 1));            // ⟨c_loss⟩ = 4.1 at w = 512
        assertEquals("yes", holds(d, 2));           // ⟨c_loss⟩ still increases with 1/w
        assertEquals("no", holds(d, 4));            // ⟨c_max⟩ decreases with 1/w

        Table one = csv("002-fig3a", HEAD, early(64, 0, 20.0, 25.0, 30.0));
        assertEquals("n/a", holds(PhaseDiagramFigure.claims(one, "002-fig3a"), 2));
    }

    private static final String ROUTE = "c,eta,lambda0,period,lambda_mean,lambda_min,lambda_max,eta_lambda_half,"
            + "late_loss,peak_frequency,low_frequency_power,high_frequency_power,diverged,cpu_seconds";

    private static String route(double c, double etaLambdaHalf, int period, double low, double high) {
        return c + ",0.01,200.0," + period + ",1.0,0.5,1.5," + etaLambdaHalf + ",0.1,0.01," + low + "," + high
                + ",false,1.0";
    }

    @Test
    void routeClaimsAreReadAtTheLearningRatesExhibitingEoS() throws IOException {
        // 000 §6.4: low-frequency modes at the smallest c at EoS, high-frequency modes emerging at the largest
        Table t = csv("000-fig23", ROUTE, route(2.0, 0.4, 0, 0.9, 0.0), route(2.8, 0.98, 0, 0.6, 0.2),
                route(4.0, 1.02, 0, 0.1, 0.7), "8.0,0.04,200.0,0,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,true,1.0");
        Table c = RouteFigure.claims(t);
        assertEquals("no", holds(c, 0));            // c = 2 is trainable but not at EoS (0.4)
        assertEquals("yes", holds(c, 1));           // read at c = 2.8, not at c = 2
        assertTrue(c.stringColumn("measured").get(1).startsWith("c = 2.80"), c.stringColumn("measured").get(1));
        assertEquals("yes", holds(c, 2));
        assertEquals("yes", holds(c, 3));

        Table periodic = csv("000-fig23", ROUTE, route(2.8, 0.98, 0, 0.2, 0.6), route(4.0, 1.02, 2, 0.1, 0.5));
        Table p = RouteFigure.claims(periodic);
        assertEquals("yes", holds(p, 0));
        assertEquals("no", holds(p, 1));            // high above low at the smallest c at EoS
        assertEquals("no", holds(p, 2));            // high-frequency power falls with c
        assertEquals("no", holds(p, 3));            // period 2 at c = 4: not dense bands

        Table converged = csv("000-fig23", ROUTE, route(2.0, 0.3, 0, 0.9, 0.0), route(4.0, 0.5, 0, 0.1, 0.7));
        Table n = RouteFigure.claims(converged);
        assertEquals("no", holds(n, 0));
        for (int r = 1; r < n.rowCount(); r++) {
            assertEquals("n/a", holds(n, r));
            assertTrue(n.stringColumn("measured").get(r).contains("no trainable c reached EoS"));
        }
    }
}
