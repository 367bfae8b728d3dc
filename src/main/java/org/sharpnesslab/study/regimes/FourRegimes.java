package org.sharpnesslab.study.regimes;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Downsample;
import org.sharpnesslab.data.Transforms;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Parameterization;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.training.WeightNorms;

import tech.tablesaw.api.Table;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * The four regimes of training (000 §3, Fig. 1; NTP App. D.1, Fig. 10; SGD against GD App. D.2, Figs. 11–12) and
 * the sharpness–weight-norm correlation (000 §6.2, App. E, Figs. 15–19) as a sweep {@link Experiment}: one cell
 * trains one ReLU FCN with η = c/λ₀^H and MSE, tracking λ^H every {@code every} steps (converged, warm-started,
 * {@link Sharpness}), and reports the regimes found by {@link RegimeSegmentation} and the weight-norm summary of
 * {@link WeightNorms}.
 *
 * <pre>{@code
 * FourRegimes exp = new FourRegimes();
 * Table t = Sweep.grid().axisOf("parameterization", "sp", "mup").axis("sigma_w2", 0.5, 2.0).axis("c", 0.5, 2.0)
 *         .fixed("steps", 1000).run(exp);
 * TrainingRun run = exp.runOf(Sweep.grid()...cells().get(0));      // the full trajectory of a cell
 * }</pre>
 *
 * <p>Cell parameters (all optional; defaults in brackets, from 000 App. B.2/B.3 where the paper fixes them, scaled
 * down otherwise): {@code parameterization} "sp" | "ntp" | "mup" ["sp"]; {@code sigma_w2} [2.0]; {@code c} [1.0];
 * {@code width} [64]; {@code depth} (weight layers) [4]; {@code steps} [1000]; {@code every} [1];
 * {@code batch} (0 = GD) [0]; {@code zero_last_layer} [false] (App. E.1); {@code tolerance} (relative residual of
 * the tracked λ^H; 0 = the papers' 20 power steps) [1e-3]; the data: {@code dataset} "gaussian" | "dice" |
 * "mnist" | "fashion-mnist" | "cifar10" ["gaussian"], {@code n} examples [256], {@code d} input dimension and
 * {@code k} outputs of the Gaussian data [32, 10], {@code data_dir} (a folder of your own copy of a file dataset; without it the verified data cache), {@code data_seed} [0],
 * {@code pool} [1]: square single-channel images averaged over pool×pool blocks ({@link Downsample#blocks}; a
 * notebook-scale economy, the paper uses the full images). Inputs are normalised
 * per example to ‖x‖² = d_in (SP, NTP: 000 Eqs. 7–8) or ‖x‖ = 1 (μP: Eq. 9). The cell's seed seeds θ₀, the SGD
 * batches and the solver's start.
 *
 * <p>Result columns: {@code lambda0}, {@code eta}, {@code diverged}, {@code diverged_at} (−1 if not),
 * {@code final_loss}, {@code final_sharpness}, {@code late_half_eta_sharpness} (η λ̄/2, λ̄ the mean over the last
 * 10 % of measured states; ≥ 1 − 0.1 is the edge of stability), {@code t2_start}, {@code t3_start},
 * {@code t4_start} (first step of T2, T3, T4; missing when that regime is absent), {@code regimes} (the present
 * ones, e.g. "T1 T2 T3 T4"), {@code min_sharpness_ratio}, {@code weight_norm_drop}, {@code final_pearson} (Eq. 45),
 * {@code mean_products} (Hessian-vector products per measurement), {@code seconds} (wall time of the cell). The
 * trajectory ({@link TrainingRun#table()}) is attached to the outcome.
 *
 * <p>An instance keeps the runs of the cells it computed (keyed by cell id, for {@link #runOf}); use one instance
 * per sweep and drop it with the sweep.
 */
public final class FourRegimes implements Experiment {

    private final Map<String, TrainingRun> runs = new ConcurrentHashMap<>();

    /** An experiment with an empty store of runs. */
    public FourRegimes() {
    }

    @Override
    public Outcome run(Cell cell) {
        long t0 = System.nanoTime();
        TrainingRun run = train(cell);
        double seconds = (System.nanoTime() - t0) / 1e9;
        runs.put(cell.id(), run);
        return outcome(run, seconds).withTrajectory(run.table());
    }

    /** The run of a cell this instance computed (null if it did not). */
    public TrainingRun runOf(Cell cell) {
        return runs.get(cell.id());
    }

    /** Trains the network of a cell on its data (no sweep needed). */
    public static TrainingRun train(Cell cell) {
        Dataset data = dataset(cell);
        FCN net = network(cell, data);
        int batch = intOr(cell, "batch", 0);
        Training tr = batch == 0 ? Training.gd(net, data) : Training.sgd(net, data, batch);
        double tol = doubleOr(cell, "tolerance", Sharpness.DEFAULT_TOLERANCE);
        return tr.c(doubleOr(cell, "c", 1.0)).steps(intOr(cell, "steps", 1000))
                .sharpnessEvery(intOr(cell, "every", 1))
                .sharpness(tol == 0 ? Sharpness.papers20() : Sharpness.converged(tol))
                .progress(false).run(cell.seed());
    }

    /** The cell's network: ReLU FCN, no bias (000 App. B.2). */
    public static FCN network(Cell cell, Dataset data) {
        return FCN.builder().input(data.inputDim()).output(data.outputDim()).width(intOr(cell, "width", 64))
                .depth(intOr(cell, "depth", 4)).relu().parameterization(parameterization(cell))
                .sigmaW2(doubleOr(cell, "sigma_w2", 2.0)).zeroLastLayer(boolOr(cell, "zero_last_layer", false))
                .build();
    }

    /** The cell's parameterisation: "sp", "ntp" or "mup". */
    public static Parameterization parameterization(Cell cell) {
        String p = stringOr(cell, "parameterization", "sp");
        return switch (p.toLowerCase()) {
            case "sp" -> Parameterization.sp();
            case "ntp" -> Parameterization.ntp();
            case "mup", "μp" -> Parameterization.muP();
            default -> throw new IllegalArgumentException("parameterization must be sp, ntp or mup, got '" + p + "'");
        };
    }

    /** The cell's training data, inputs normalised per example for its parameterisation. */
    public static Dataset dataset(Cell cell) {
        String name = stringOr(cell, "dataset", "gaussian");
        int n = intOr(cell, "n", 256);
        long dataSeed = cell.has("data_seed") ? cell.l("data_seed") : 0L;
        Path dir = cell.has("data_dir") && !cell.s("data_dir").isEmpty() ? Path.of(cell.s("data_dir")) : null;
        Dataset raw = switch (name.toLowerCase()) {
            case "gaussian" -> Datasets.gaussian(n, intOr(cell, "d", 32), intOr(cell, "k", 10), dataSeed);
            case "dice" -> Datasets.firstN(Datasets.dice((n + 5) / 6, dataSeed), n);
            case "mnist" -> dir == null ? Datasets.mnist(n) : Datasets.mnist(dir, n);
            case "fashion-mnist" -> dir == null ? Datasets.fashionMnist(n) : Datasets.fashionMnist(dir, n);
            case "cifar10" -> dir == null ? Datasets.cifar10(n) : Datasets.cifar10(dir, n);
            default -> throw new IllegalArgumentException("dataset must be gaussian, dice, mnist, fashion-mnist or "
                    + "cifar10, got '" + name + "'");
        };
        int pool = intOr(cell, "pool", 1);
        if (pool != 1) {
            raw = Downsample.blocks(raw, pool);                    // notebook scale: fewer input features
        }
        Dataset std = Datasets.standardizePerExample(raw);          // ‖x‖² = d_in (000 Eqs. 7-8)
        boolean unit = parameterization(cell).kind() == Parameterization.Kind.INTERPOLATING;
        return unit ? Transforms.scaleInputs(std, 1 / Math.sqrt(std.inputDim())) : std;   // ‖x‖ = 1 (Eq. 9)
    }

    /** The result values of a run (see the class documentation). */
    static Outcome outcome(TrainingRun run, double seconds) {
        Outcome o = Outcome.of("lambda0", run.lambda0(), "eta", run.eta(), "diverged", run.diverged(),
                "diverged_at", run.divergedAt(), "final_loss", run.finalLoss(),
                "final_sharpness", run.finalSharpness(), "late_half_eta_sharpness", lateHalfEtaSharpness(run));
        Table reg = RegimeSegmentation.segment(run);
        StringBuilder present = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            boolean p = reg.booleanColumn("present").get(k);
            if (k > 0) {
                o = o.with("t" + (k + 1) + "_start", p ? reg.doubleColumn("start_step").get(k) : Double.NaN);
            }
            if (p) {
                present.append(present.length() > 0 ? " " : "").append("T").append(k + 1);
            }
        }
        o = o.with("regimes", present.toString());
        boolean measured0 = run.rows() > 0 && Double.isFinite(run.sharpness()[0]);
        if (measured0) {
            Table s = WeightNorms.summary(run);
            o = o.with("min_sharpness_ratio", s.doubleColumn("min_sharpness_ratio").get(0))
                    .with("weight_norm_drop", s.doubleColumn("weight_norm_drop").get(0))
                    .with("final_pearson", s.doubleColumn("final_pearson").get(0));
        }
        double products = 0;
        int m = 0;
        for (int it : run.sharpnessIterations()) {
            if (it >= 0) {
                products += it;
                m++;
            }
        }
        return o.with("mean_products", m == 0 ? Double.NaN : products / m).with("seconds", seconds);
    }

    /** η λ̄/2 with λ̄ the mean of the last 10 % (at least one) of the measured sharpness values. */
    public static double lateHalfEtaSharpness(TrainingRun run) {
        int m = 0;
        for (double s : run.sharpness()) {
            if (Double.isFinite(s)) {
                m++;
            }
        }
        int keep = Math.max(1, m / 10);
        double sum = 0;
        int seen = 0;
        for (int t = run.rows() - 1; t >= 0 && seen < keep; t--) {
            if (Double.isFinite(run.sharpness()[t])) {
                sum += run.sharpness()[t];
                seen++;
            }
        }
        return seen == 0 ? Double.NaN : run.eta() * sum / seen / 2;
    }

    private static int intOr(Cell cell, String name, int def) {
        return cell.has(name) ? cell.i(name) : def;
    }

    private static double doubleOr(Cell cell, String name, double def) {
        return cell.has(name) ? cell.d(name) : def;
    }

    private static boolean boolOr(Cell cell, String name, boolean def) {
        return cell.has(name) ? cell.b(name) : def;
    }

    private static String stringOr(Cell cell, String name, String def) {
        return cell.has(name) ? cell.s(name) : def;
    }
}
