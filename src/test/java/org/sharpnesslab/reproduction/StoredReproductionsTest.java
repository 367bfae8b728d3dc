package org.sharpnesslab.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.study.early.CGrid;
import org.sharpnesslab.study.early.CriticalConstants;
import org.sharpnesslab.study.early.EarlyNetwork;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;

/**
 * Re-runs a slice of every stored reproduction ({@code reproductions/NAME/NAME.csv}, at the scale its
 * {@code provenance.json} names) and requires the stored values bit for bit, so the committed tables cannot drift
 * from the code. The slice is chosen to take seconds: for 002, the row of the smallest width and depth, seed 0:
 * λ₀^H and L₀ exactly, and the runs on both sides of each stored boundary (the loss rises at c_loss and not one
 * grid value below; training survives c_max and diverges one grid value above; for the FCNs the sharpness rises at
 * c_sharp); for 000, the smallest c: λ₀^H exactly and the first 8 late-time sharpness values exactly. Needs the
 * real data: skipped, naming the command that fetches them, when the data cache lacks them.
 */
class StoredReproductionsTest {

    private static final Path DIR = Path.of("reproductions");

    @ParameterizedTest
    @ValueSource(strings = {"002-fig3a", "002-fig3b", "002-fig3def", "000-fig23", "000-fig24"})
    void storedRowsAreRecomputedBitForBit(String fig) throws IOException {
        Path csv = DIR.resolve(fig).resolve(fig + ".csv");
        assertTrue(Files.exists(csv), "no stored table " + csv);
        Path data = org.sharpnesslab.data.DataCache.directory(Reproduction.dataset(fig));
        assumeTrue(Files.exists(data.resolve("train-images-idx3-ubyte")),
                () -> "the data cache lacks " + Reproduction.dataset(fig) + " (looked in " + data
                        + "): run kernel-install/fetch-data.sh, or set SHARPNESS_DATA");
        Reproduction.Options o = Reproduction.parse(command(fig));
        List<Map<String, String>> rows = readCsv(csv);
        assertFalse(rows.isEmpty(), csv + " is empty");
        // OpenBLAS splits some products differently on more threads (the last bits change): recompute on the
        // BLAS threads the cells ran on
        int before = Math.max(1, Blas.threads());   // -1 before the library has chosen its threads
        Blas.setThreads(blasThreads(fig));
        try {
            if (Reproduction.early(fig)) {
                early(fig, o, rows);
            } else {
                chaos(o, rows, readCsv(DIR.resolve(fig).resolve(fig + "-late.csv")));
            }
        } finally {
            Blas.setThreads(before);
        }
    }

    private static void early(String fig, Reproduction.Options o, List<Map<String, String>> rows) {
        Map<String, String> row = rows.stream().filter(r -> r.get("seed").equals("0"))
                .min((a, b) -> a.get("width").equals(b.get("width"))
                        ? Integer.compare(Integer.parseInt(a.get("depth")), Integer.parseInt(b.get("depth")))
                        : Integer.compare(Integer.parseInt(a.get("width")), Integer.parseInt(b.get("width"))))
                .orElseThrow();
        Cell cell = Reproduction.sweep(o).cells().stream()
                .filter(c -> c.seed() == 0 && c.l("width") == Long.parseLong(row.get("width"))
                        && c.l("depth") == Long.parseLong(row.get("depth"))).findFirst().orElseThrow();
        EarlyNetwork setup = EarlyNetwork.from(cell);
        TrainingRun r0 = setup.training(1).steps(0).run(0);
        bits(row, "lambda0", r0.lambda0());
        bits(row, "loss0", r0.lossValues()[0]);
        double lambda0 = r0.lambda0();
        double[] grid = CGrid.from(cell).values();
        double cLoss = Double.parseDouble(row.get("c_loss"));
        double cMax = Double.parseDouble(row.get("c_max"));
        double cSharp = Double.parseDouble(row.get("c_sharp"));
        if (Boolean.parseBoolean(row.get("loss_seen"))) {
            int i = index(grid, cLoss);
            assertTrue(lossRose(setup, grid[i], lambda0), "the loss does not rise at the stored c_loss " + cLoss);
            if (i > 0) {
                assertFalse(lossRose(setup, grid[i - 1], lambda0), "the loss rises below the stored c_loss " + cLoss);
            }
        }
        if (!Boolean.parseBoolean(row.get("max_censored"))) {
            int i = index(grid, cMax);
            assertFalse(run(setup, grid[i], lambda0, false).diverged(), "diverged at the stored c_max " + cMax);
            assertTrue(run(setup, grid[i + 1], lambda0, false).diverged(), "no divergence above c_max " + cMax);
        }
        if (!fig.equals("002-fig3b") && Boolean.parseBoolean(row.get("sharp_seen"))) {
            TrainingRun r = run(setup, grid[index(grid, cSharp)], lambda0, true);
            double[] s = r.sharpness();
            double max = Arrays.stream(s, 1, r.rows()).max().orElseThrow() / s[0];
            assertTrue(CriticalConstants.risen(max, CriticalConstants.PAPER_DECIMALS),
                    "the sharpness does not rise at the stored c_sharp " + cSharp + ": max ratio " + max);
        }
    }

    private static void chaos(Reproduction.Options o, List<Map<String, String>> rows,
                              List<Map<String, String>> late) {
        Map<String, String> row = rows.get(0);
        Cell cell = Reproduction.sweep(o).cells().stream()
                .filter(c -> c.d("c") == Double.parseDouble(row.get("c"))).findFirst().orElseThrow();
        Dataset data = EarlyNetwork.dataset(cell);
        Network net = ChaosRun.network(cell, data);
        double lambda0 = Training.gd(net, data).steps(0).sharpnessEvery(1).sharpness(Sharpness.power(PowerOptions.defaults()))
                .progress(false).run(cell.seed()).lambda0();
        bits(row, "lambda0", lambda0);
        double eta = cell.d("c") / lambda0;
        bits(row, "eta", eta);
        if (Boolean.parseBoolean(row.get("diverged"))) {
            return;
        }
        int k = 8;
        TrainingRun a = Training.gd(net, data).eta(eta).steps(cell.i("transient")).progress(false).run(cell.seed());
        TrainingRun b = Training.gd(net, data).eta(eta).from(a.finalParams()).steps(k).sharpnessEvery(1)
                .sharpness(Sharpness.power(PowerOptions.defaults().withShift(2 / eta))).progress(false).run(cell.seed());
        List<Map<String, String>> mine = late.stream().filter(r -> r.get("c").equals(row.get("c"))).toList();
        for (int t = 0; t < k; t++) {
            assertEquals(Double.parseDouble(mine.get(t).get("sharpness")), b.sharpness()[t + 1], 0.0,
                    "late sharpness at step " + mine.get(t).get("step"));
        }
    }

    private static TrainingRun run(EarlyNetwork setup, double c, double lambda0, boolean sharpness) {
        return setup.training(c).eta(c / lambda0).sharpnessEvery(sharpness ? 1 : 0).run(0);
    }

    private static boolean lossRose(EarlyNetwork setup, double c, double lambda0) {
        TrainingRun r = run(setup, c, lambda0, false);
        if (r.diverged()) {
            return true;
        }
        double[] l = r.lossValues();
        double max = Arrays.stream(l, 1, r.rows()).max().orElseThrow() / l[0];
        return CriticalConstants.risen(max, CriticalConstants.PAPER_DECIMALS);
    }

    private static int index(double[] grid, double c) {
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] == c) {
                return i;
            }
        }
        throw new AssertionError(c + " is not a value of the grid " + Arrays.toString(grid));
    }

    private static void bits(Map<String, String> row, String col, double value) {
        assertEquals(Double.parseDouble(row.get(col)), value, 0.0, col + " differs from the stored value");
    }

    /** The BLAS threads of each cell (provenance.json: machine.blas_threads_per_cell; 1 when absent). */
    private static int blasThreads(String fig) throws IOException {
        String json = Files.readString(DIR.resolve(fig).resolve("provenance.json"));
        Matcher m = Pattern.compile("\"blas_threads_per_cell\": (\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** The arguments of the stored command (provenance.json: "reproductions/run NAME ..."). */
    private static String[] command(String fig) throws IOException {
        String json = Files.readString(DIR.resolve(fig).resolve("provenance.json"));
        Matcher m = Pattern.compile("\"command\": \"reproductions/run ([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "no command in provenance.json of " + fig);
        return m.group(1).trim().split("\\s+");
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            String[] v = l.split(",", -1);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < head.length; i++) {
                m.put(head[i], v[i]);
            }
            out.add(m);
        }
        return out;
    }
}
