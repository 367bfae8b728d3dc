package org.sharpnesslab.study.early;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Downsample;
import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Myrtle;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Divergence;
import org.sharpnesslab.sweep.Cell;

/**
 * The network side of 002's early-training experiments: a ReLU FCN (002 App. A) on a standardised dataset with
 * one-hot targets, trained with MSE by SGD (batch B, the paper's 512) or full-batch GD for T₁ steps at η = c/λ₀^H,
 * the sharpness measured at every step by the library's default tracker (warm-started Lanczos to 1e-3), all through
 * {@link Training}'s public API. Built from a sweep {@link Cell}, so the experiments that use it run on a cluster.
 *
 * <p>Cell parameters (all optional but {@code width}; defaults in brackets):
 * <ul>
 * <li>data: {@code data} ["dice": the built-in dice images, no download; "gaussian": x ~ N(0, I), one-hot random
 *     labels; "mnist", "fashion-mnist", "cifar10": the verified data cache, or the files in {@code data_dir} when given], {@code n} [256] examples,
 *     {@code data_seed} [0], {@code pool} [1: square single-channel images averaged over pool×pool blocks,
 *     {@link Downsample#blocks}, a notebook-scale economy; 002 App. A uses the full images]. Inputs are standardised per feature (002 App. A).</li>
 * <li>network: {@code arch} ["fcn"; "myrtle": the Myrtle CNN of 002 App. A item 2 on the 28×28 images of MNIST and
 *     Fashion-MNIST, SP, He initialisation, width = channels, depth 5, 7 or 10], {@code width}, {@code depth}
 *     [4 weight layers], {@code param} ["sp" or "ntp", 002 App. A; the CNN is SP only],
 *     {@code variant} ["vanilla", "centred" (f − f(θ₀)), "zero_last" (last layer zero), 002 §4, App. G],
 *     {@code alpha} [1: output scale, App. H].</li>
 * <li>training: {@code batch} [the paper's SGD batch 512 (002 App. A), or full-batch GD (0) when the dataset has
 *     at most 512 examples; 0 = full-batch GD, else SGD with this batch size], {@code steps} [T₁ = 10],
 *     {@code divergence} [K = 10⁵], {@code barrier_points} [21 values of s in Def. 2].</li>
 * </ul>
 *
 * @param net           the network (not centred; centring is a training option)
 * @param data          the dataset
 * @param batch         the batch size (0: full batch)
 * @param steps         T₁
 * @param rule          the divergence rule
 * @param centred       whether the centred network f − f(θ₀) is trained
 * @param barrierPoints number of s values in [0, 1] for the interpolated loss
 * @param sharpness     how λ^H is measured (cell parameter {@code sharpness}: "converged" [default,
 *                      {@link Sharpness#DEFAULT}] or "power20", the 20 warm-started power steps of 002 App. A)
 */
public record EarlyNetwork(Network net, Dataset data, int batch, int steps, Divergence rule, boolean centred,
                           int barrierPoints, Sharpness sharpness) {

    /** The SGD batch size of 002 App. A. */
    public static final int PAPER_BATCH = 512;

    private static final Map<String, Dataset> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Dataset> e) {
            return size() > 4; // bounded: a sweep uses one or two datasets
        }
    };

    /** The set-up a cell describes (see the class documentation). */
    public static EarlyNetwork from(Cell cell) {
        Dataset data = dataset(cell);
        int depth = cell.has("depth") ? cell.i("depth") : 4;
        String param = cell.has("param") ? cell.s("param") : "sp";
        String variant = cell.has("variant") ? cell.s("variant") : "vanilla";
        if (!variant.equals("vanilla") && !variant.equals("centred") && !variant.equals("zero_last")) {
            throw new IllegalArgumentException("variant must be vanilla, centred or zero_last, got '" + variant + "'");
        }
        String arch = cell.has("arch") ? cell.s("arch") : "fcn";
        if (arch.equals("myrtle")) {
            if (!param.equals("sp") || !variant.equals("vanilla")) {
                throw new IllegalArgumentException("arch 'myrtle' is SP and vanilla only, was param '" + param
                        + "', variant '" + variant + "'");
            }
            if (data.inputDim() != ImageShape.MNIST.size()) {
                throw new IllegalArgumentException("arch 'myrtle' needs 28x28 images (mnist or fashion-mnist), "
                        + "data has input dimension " + data.inputDim());
            }
            Network cnn = Myrtle.of(ImageShape.MNIST, depth, cell.i("width"), data.outputDim());
            return new EarlyNetwork(cnn, data, batch(cell, data), steps(cell), rule(cell), false, points(cell),
                    sharpness(cell));
        }
        if (!arch.equals("fcn")) {
            throw new IllegalArgumentException("arch must be 'fcn' or 'myrtle', was '" + arch + "'");
        }
        FCN.Builder b = FCN.builder().input(data.inputDim()).width(cell.i("width")).depth(depth)
                .output(data.outputDim()).relu().zeroLastLayer(variant.equals("zero_last"))
                .alpha(cell.has("alpha") ? cell.d("alpha") : 1.0);
        switch (param) {
            case "sp" -> b.sp();
            case "ntp" -> b.ntp();
            default -> throw new IllegalArgumentException("param must be 'sp' or 'ntp', got '" + param + "'");
        }
        return new EarlyNetwork(b.build(), data, batch(cell, data), steps(cell), rule(cell),
                variant.equals("centred"), points(cell), sharpness(cell));
    }

    private static int batch(Cell cell, Dataset data) {
        int batch = cell.has("batch") ? cell.i("batch") : data.size() > PAPER_BATCH ? PAPER_BATCH : 0;
        if (batch < 0 || batch > data.size()) {
            throw new IllegalArgumentException("batch must be in [0, " + data.size() + "], got " + batch);
        }
        return batch;
    }

    private static int steps(Cell cell) {
        return cell.has("steps") ? cell.i("steps") : 10;
    }

    private static Divergence rule(Cell cell) {
        return cell.has("divergence") ? Divergence.above(cell.d("divergence")) : Divergence.DEFAULT;
    }

    private static Sharpness sharpness(Cell cell) {
        String s = cell.has("sharpness") ? cell.s("sharpness") : "converged";
        return switch (s) {
            case "converged" -> Sharpness.DEFAULT;
            case "power20" -> Sharpness.papers20();
            default -> throw new IllegalArgumentException("sharpness must be 'converged' or 'power20', was '" + s
                    + "'");
        };
    }

    private static int points(Cell cell) {
        int points = cell.has("barrier_points") ? cell.i("barrier_points") : 21;
        if (points < 2) {
            throw new IllegalArgumentException("barrier_points must be >= 2, got " + points);
        }
        return points;
    }

    /** The standardised dataset of a cell (cached: at most four datasets are kept). */
    public static Dataset dataset(Cell cell) {
        String kind = cell.has("data") ? cell.s("data") : "dice";
        int n = cell.has("n") ? cell.i("n") : 256;
        long seed = cell.has("data_seed") ? cell.l("data_seed") : 0;
        String dir = cell.has("data_dir") ? cell.s("data_dir") : "";
        int pool = cell.has("pool") ? cell.i("pool") : 1;
        String key = kind + "|" + n + "|" + seed + "|" + dir + "|" + pool;
        synchronized (CACHE) {
            Dataset d = CACHE.get(key);
            if (d != null) {
                return d;
            }
        }
        Dataset raw = switch (kind) {
            case "dice" -> Datasets.randomN(Datasets.dice((n + 5) / 6, seed), n, seed);
            case "gaussian" -> gaussian(n, cell.has("input_dim") ? cell.i("input_dim") : 32, 10, seed);
            case "mnist" -> dir.isEmpty() ? Datasets.mnist(n) : Datasets.mnist(Path.of(dir), n);
            case "fashion-mnist" -> dir.isEmpty() ? Datasets.fashionMnist(n) : Datasets.fashionMnist(Path.of(dir), n);
            case "cifar10" -> dir.isEmpty() ? Datasets.cifar10(n) : Datasets.cifar10(Path.of(dir), n);
            default -> throw new IllegalArgumentException("data must be dice, gaussian, mnist, fashion-mnist or "
                    + "cifar10, got '" + kind + "'");
        };
        if (pool != 1) {
            raw = Downsample.blocks(raw, pool);                    // notebook scale: fewer input features
        }
        Dataset d = Datasets.standardize(raw);
        synchronized (CACHE) {
            CACHE.put(key, d);
        }
        return d;
    }

    private static Dataset gaussian(int n, int dim, int k, long seed) {
        Dataset x = Datasets.gaussian(n, dim, 1, seed);
        java.util.Random r = new java.util.Random(seed + 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k);
        }
        return new Dataset("gaussian, random labels", n, dim, k, x.inputs(), Datasets.oneHot(labels, k), labels);
    }

    /** The configured trainer at learning-rate constant c (η = c/λ₀^H). */
    public Training training(double c) {
        Training t = batch == 0 ? Training.gd(net, data) : Training.sgd(net, data, batch);
        return t.c(c).sharpness(sharpness).steps(steps).divergence(rule.threshold()).centred(centred).progress(false);
    }

    /**
     * One run at c with the sharpness measured at every step, as an {@link EarlyObservation}: the ratios of
     * Def. 1 over t ∈ [1, T₁] and the barrier of Def. 2 on {@code barrierPoints} values of s.
     */
    public EarlyObservation observe(double c, long seed) {
        TrainingRun r = training(c).sharpnessEvery(1).run(seed);
        double[] loss = r.lossValues();
        double[] sh = r.sharpness();
        double ml = Double.NEGATIVE_INFINITY;
        double ms = Double.NEGATIVE_INFINITY;
        int end = r.diverged() ? r.divergedAt() : r.rows();
        for (int t = 1; t < end; t++) {
            ml = Math.max(ml, loss[t] / loss[0]);
            ms = Math.max(ms, sh[t] / sh[0]);
        }
        if (r.diverged()) {
            ml = Double.POSITIVE_INFINITY;
            ms = Double.POSITIVE_INFINITY;
        }
        double barrier = r.diverged() ? Double.NaN : barrierRatio(r, seed);
        return new EarlyObservation(c, ml, ms, Double.NaN, Double.NaN, barrier, r.diverged());
    }

    /** max_{s} L((1−s)θ₀ + sθ_{T₁})/L(θ₀) on {@code barrierPoints} equally spaced s ∈ [0, 1] (002 Def. 2). */
    double barrierRatio(TrainingRun r, long seed) {
        double[] th0 = net.init(seed);
        double[] th1 = r.finalParams();
        Network model = r.network();
        double l0 = loss(model, th0);
        double max = l0;
        double[] th = new double[th0.length];
        for (int i = 1; i < barrierPoints; i++) {
            Cancellation.checkpoint();
            double s = (double) i / (barrierPoints - 1);
            for (int j = 0; j < th.length; j++) {
                th[j] = (1 - s) * th0[j] + s * th1[j];
            }
            max = Math.max(max, loss(model, th));
        }
        return max / l0;
    }

    /** The full-batch MSE loss L(θ) = (1/n) Σ ½‖f(xᵢ) − yᵢ‖². */
    double loss(Network model, double[] theta) {
        double[] f = model.forward(theta, data.inputs());
        int k = data.outputDim();
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += Loss.MSE.value(f, i * k, data.targets(), i * k, k);
        }
        return s / data.size();
    }
}
