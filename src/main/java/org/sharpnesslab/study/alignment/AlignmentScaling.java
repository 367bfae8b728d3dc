package org.sharpnesslab.study.alignment;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Dice;
import org.sharpnesslab.alignment.AlignmentOptions;
import org.sharpnesslab.alignment.AlignmentTrajectory;
import org.sharpnesslab.alignment.EulerOptions;
import org.sharpnesslab.alignment.EulerRun;
import org.sharpnesslab.alignment.ExponentialEuler;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.MLP;
import org.sharpnesslab.task.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Objects;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One run of 004's dataset-size study (§3, §5, Table 1–2) as a sweep cell: a random subset of D training examples
 * (data seed), an {@link MLP} initialised with the cell's seed, trained by {@link ExponentialEuler} to the loss
 * target of 004 §3, the decomposition at every snapshot ({@link AlignmentTrajectory}), and the peak alignment
 * max P_{Δ,J}¹ after the transient (004 §5: the first ten iterations are ignored).
 *
 * <pre>{@code
 * Table runs = AlignmentScaling.sweep(new int[]{468, 937, 1875, 3750, 7500}, 4, 4).run(new AlignmentScaling());
 * PowerLawFit fit = AlignmentScaling.fit(runs, 1000, 0);          // Table 2: c₁, c₂, R²
 * }</pre>
 *
 * <p>Cell parameters (defaults are 004 §3's): {@code n} (D, required), {@code data_seed} (0), {@code width} (512),
 * {@code depth} (6), {@code loss} ("cross_entropy" or "mse"), {@code eta} (η, {@link EulerOptions#DEFAULTS}),
 * {@code max_steps} (20,000), {@code snapshot_every} (100), {@code dataset} ("dice", or "cifar10" with
 * {@code data_dir}), {@code pool_per_class} (dice images per class the subsets are drawn from: 10,000, 004 §7.3's
 * training half), {@code downsample} (dice only: average-pool the 32×32 images by this factor, 1 = none; a
 * notebook-scale device, not 004's), {@code spectra} (compute λ₁ of ∇²L, G, H and the counterfactual bound:
 * true).
 *
 * <p>Results: {@code peak_p_delta_j_1}, {@code peak_step}, {@code p_delta_j_1_start} (at the first
 * snapshot after the transient), {@code steps}, {@code time}, {@code final_loss}, {@code reached_target},
 * {@code diverged}, {@code max_sharpness} (λ₁ met by the solver), {@code max_eta_sharpness} (η λ₁: GD at this η
 * would have been unstable above 2), {@code eta_cf} (2 / max λ₁^cf, the counterfactual stable η of 004 §5; missing
 * without spectra); the trajectory is the alignment table of the snapshots ({@link AlignmentTrajectory#of}) with the columns
 * {@code n} and {@code cell_id} in front.
 */
public final class AlignmentScaling implements Experiment {

    private static Object poolKey;
    private static Dataset pool;

    /** For sweeps (also on Slurm). */
    public AlignmentScaling() {
    }

    /** A grid over dataset sizes × data seeds 0..dataSeeds−1 × initialisation seeds 0..initSeeds−1 (004: 4 × 4). */
    public static Sweep sweep(int[] sizes, int dataSeeds, int initSeeds) {
        Check.notNull("sizes", sizes);
        if (dataSeeds < 1) {
            throw Check.range("dataSeeds", ">= 1", dataSeeds);
        }
        Check.memory(dataSeeds, true, "data seeds");
        Check.memory(initSeeds, true, "initialisation seeds");
        int[] ds = new int[dataSeeds];
        for (int i = 0; i < dataSeeds; i++) ds[i] = i;
        return Sweep.grid().axis("n", sizes).axis("data_seed", ds).seeds(initSeeds);
    }

    @Override
    public Outcome run(Cell cell) {
        Dataset data = dataset(cell);
        Loss loss = loss(cell);
        MLP net = network(cell, data);
        EulerOptions o = options(cell, loss, data.outputDim());
        EulerRun run = ExponentialEuler.train(net, data, loss, o, cell.seed());
        boolean spectra = !cell.has("spectra") || cell.b("spectra");
        Table traj = AlignmentTrajectory.of(net, data, loss, run.snapshots(),
                AlignmentOptions.DEFAULTS.withSpectra(spectra), false);
        IntColumn step = traj.intColumn("step");
        DoubleColumn p1 = traj.doubleColumn("p_delta_j_1");
        double peak = Double.NaN;
        int peakStep = -1;
        double start = Double.NaN;
        for (int r = 0; r < traj.rowCount(); r++) {
            if (step.get(r) < AlignmentTrajectory.TRANSIENT_STEPS) continue;
            if (Double.isNaN(start)) start = p1.get(r);
            if (Double.isNaN(peak) || p1.get(r) > peak) {
                peak = p1.get(r);
                peakStep = step.get(r);
            }
        }
        double etaCf = Double.NaN;
        if (spectra && !Double.isNaN(start)) {
            etaCf = AlignmentTrajectory.stableEta(AlignmentTrajectory.counterfactual(traj,
                    AlignmentTrajectory.TRANSIENT_STEPS));
        }
        double maxSharp = run.maxSharpness();
        return Outcome.of("peak_p_delta_j_1", peak, "peak_step", peakStep,
                        "p_delta_j_1_start", start, "steps", run.stepCount(), "time", run.time(),
                        "final_loss", run.finalLoss(), "reached_target", run.reachedTarget(),
                        "diverged", run.diverged(), "max_sharpness", maxSharp,
                        "max_eta_sharpness", o.eta() * maxSharp, "eta_cf", etaCf)
                .withTrajectory(tagged(traj, data.size(), cell.id()));
    }

    /** The trajectory with the columns {@code n} and {@code cell_id} in front, so trajectories can be stacked. */
    private static Table tagged(Table traj, int n, String id) {
        int rows = traj.rowCount();
        int[] ns = new int[rows];
        String[] ids = new String[rows];
        java.util.Arrays.fill(ns, n);
        java.util.Arrays.fill(ids, id);
        Table t = Table.create(traj.name(), IntColumn.create("n", ns), StringColumn.create("cell_id", ids));
        return t.addColumns(traj.columnArray());
    }

    /** The training subset of a cell: D random examples of the pool, drawn with the cell's {@code data_seed}. */
    public static Dataset dataset(Cell cell) {
        int n = cell.i("n");
        if (n < 2) throw new IllegalArgumentException("n must be >= 2, got " + n);
        long dataSeed = cell.has("data_seed") ? cell.l("data_seed") : 0L;
        Dataset p = pool(cell);
        if (n > p.size()) {
            throw new IllegalArgumentException("n = " + n + " exceeds the pool of " + p.size() + " examples");
        }
        return Datasets.randomN(p, n, dataSeed);
    }

    /** The MLP of a cell (004 §3: depth 6, width 512, ELU, Xavier × √2, bias). */
    public static MLP network(Cell cell, Dataset data) {
        int width = cell.has("width") ? cell.i("width") : 512;
        int depth = cell.has("depth") ? cell.i("depth") : 6;
        return MLP.of(data.inputDim(), width, depth, data.outputDim());
    }

    /** The criterion of a cell: "cross_entropy" (default) or "mse". */
    public static Loss loss(Cell cell) {
        String s = cell.has("loss") ? cell.s("loss") : "cross_entropy";
        switch (s) {
            case "cross_entropy": return Loss.CROSS_ENTROPY;
            case "mse": return Loss.MSE;
            default: throw new IllegalArgumentException("loss must be cross_entropy or mse, got " + s);
        }
    }

    /** The solver options of a cell: 004 §3's targets, snapshots every {@code snapshot_every}, no progress bar. */
    public static EulerOptions options(Cell cell, Loss loss, int k) {
        EulerOptions o = EulerOptions.paper(loss, k).withProgress(false);
        if (cell.has("eta")) o = o.withEta(cell.d("eta"));
        if (cell.has("max_steps")) o = o.withMaxSteps(cell.i("max_steps"));
        if (cell.has("snapshot_every")) o = o.withSnapshotEvery(cell.i("snapshot_every"));
        return o;
    }

    /** The pool the subsets are drawn from; the last one is kept (one entry: every cell of a sweep shares it). */
    private static synchronized Dataset pool(Cell cell) {
        String name = cell.has("dataset") ? cell.s("dataset") : "dice";
        Object key;
        switch (name) {
            case "dice": {
                int perClass = cell.has("pool_per_class") ? cell.i("pool_per_class") : Dice.PAPER_PER_CLASS / 2;
                int down = cell.has("downsample") ? cell.i("downsample") : 1;
                key = "dice/" + perClass + "/" + down;
                if (!Objects.equals(key, poolKey)) {
                    pool = downsample(Datasets.dice(perClass, 0), Dice.SIZE, down);
                    poolKey = key;
                }
                return pool;
            }
            case "cifar10": {
                if (!cell.has("data_dir")) {
                    throw new IllegalArgumentException("dataset cifar10 needs the parameter data_dir (the folder of "
                            + "data_batch_1.bin ...)");
                }
                String dir = cell.s("data_dir");
                int limit = cell.has("pool_size") ? cell.i("pool_size") : 50_000;
                key = "cifar10/" + dir + "/" + limit;
                if (!Objects.equals(key, poolKey)) {
                    pool = Datasets.cifar10(Path.of(dir), limit);
                    poolKey = key;
                }
                return pool;
            }
            default:
                throw new IllegalArgumentException("dataset must be dice or cifar10, got " + name);
        }
    }

    /**
     * Square grey images (side × side, row-major) average-pooled by {@code factor} (side/factor squared features).
     * A notebook-scale device: fewer input features, the same classes.
     */
    public static Dataset downsample(Dataset data, int side, int factor) {
        Check.notNull("data", data);
        if (factor < 1 || side % factor != 0) {
            throw new IllegalArgumentException("downsample factor must divide " + side + ", got " + factor);
        }
        if (data.inputDim() != side * side) {
            throw new IllegalArgumentException("inputs must be " + side + "×" + side + ", had " + data.inputDim());
        }
        if (factor == 1) return data;
        int s = side / factor;
        double[] out = new double[data.size() * s * s];
        double w = 1.0 / (factor * factor);
        for (int i = 0; i < data.size(); i++) {
            int in = i * side * side;
            int o = i * s * s;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    out[o + (r / factor) * s + c / factor] += w * data.inputs()[in + r * side + c];
                }
            }
        }
        return new Dataset(data.name() + " pooled " + factor + "×" + factor, data.size(), s * s, data.outputDim(),
                out, data.targets(), data.labels());
    }

    /** The power law of 004 Eq. (9) over the cells that reached the target: peak P_{Δ,J}¹ against n. */
    public static PowerLawFit fit(Table results, int bootstrap, long seed) {
        Table ok = results.where(results.booleanColumn("reached_target").isTrue());
        return PowerLawFit.fit(ok, "n", "peak_p_delta_j_1", bootstrap, seed);
    }
}
