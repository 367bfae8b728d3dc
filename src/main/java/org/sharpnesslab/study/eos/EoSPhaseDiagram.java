package org.sharpnesslab.study.eos;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Dice;
import org.sharpnesslab.data.Downsample;
import org.sharpnesslab.data.Split;
import org.sharpnesslab.data.Transforms;
import org.sharpnesslab.nn.Activation;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Metrics;
import org.sharpnesslab.nn.Parameterization;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.TreeMap;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * One cell of the phase diagram of the edge of stability (000 §6.3, Fig. 4, App. F): an FCN in the interpolating
 * parameterisation s (000 Eq. 9; s = 0 standard-like, s = 1 μP) with weight variance σ_w², trained by GD with
 * η = c/λ₀^H, and the time-averaged late sharpness against 2/η.
 *
 * <pre>{@code
 * Table t = Sweep.grid().axis("sigma_w2", 0.5, 1, 2, 3).axis("c", 1, 2, 4, 8).seeds(1)
 *                       .run(new EoSPhaseDiagram(split, EoSPhaseDiagram.Setup.notebook()));
 * HeatMap.of(t, "sigma_w2", "c", "eta_lambda_half")                 // Fig. 4(a)
 * }</pre>
 *
 * <p>Cell parameters: {@code c} (required, &gt; 0), {@code sigma_w2} (default 2.0), {@code s} (default 0, in
 * [0, 1]); the {@link Setup} (width, depth, steps, averaging window, activation) can be overridden per cell by
 * {@code width}, {@code depth}, {@code steps}, {@code window} (integers).
 *
 * <p>Per cell: train {@code steps − window} GD steps with η = c/λ₀^H (λ₀^H by the trainer's power iteration at
 * θ₀), then {@code window} more steps at the same η with λ^H measured every step (warm-started power iteration,
 * 000 App. B.4), and λ̄^H the mean over those {@code window} steps (000 Fig. 4: the last 200 steps). Only the window
 * is measured, which keeps a cell as cheap as plain training plus {@code window} eigen-solves.
 *
 * <p>Result columns: {@code lambda0} (λ₀^H), {@code eta}, {@code lambda_bar} (λ̄^H), {@code eta_lambda_half}
 * (η λ̄^H/2: ≈ 1 at the EoS, the quantity of Fig. 4), {@code lambda_std} (standard deviation of λ^H over the
 * window), {@code train_loss}, {@code train_accuracy}, {@code test_accuracy} (arg-max accuracy on the test set
 * after the last step), {@code n_eff} (n^{1−s}), {@code c_star} and {@code predicted_eos} (Result 1, below),
 * {@code diverged}, {@code diverged_at} (−1 if not). A diverged cell has its measured columns missing.
 *
 * <p>Result 1's prediction (000 §5.2, Eq. 33): in the UV model EoS needs η &gt; η_c = √n_eff/(‖x‖y), i.e. with
 * η = c/λ₀, c &gt; c* = λ₀ √n_eff/(‖x‖y); with the UV model's mean initial sharpness λ₀ = 2σ_w²‖x‖² (000 §5.1)
 * this is c* = 2σ_w² ‖x‖ √n_eff / y. {@code c_star} is that value for the UV model with the cell's σ_w²,
 * n_eff = n^{1−s} (the UV model's n^{1−p} with p = s), ‖x‖ the RMS input norm (1 after the normalisation below)
 * and y the RMS target norm (1 for one-hot targets). The UV model is one example and two linear layers: this
 * mapping is our reading, and what 000 §6.3 claims is the trend (c* grows with σ_w² and falls with s), not the
 * constant.
 *
 * <p>Data: the inputs are normalised to ‖x‖ = 1 as 000 App. B.2.1 prescribes for the interpolating
 * parameterisation (each example centred and scaled across its features). The no-argument constructor (used
 * when the sweep runs in another JVM) uses the built-in dice images (004 §7.3), {@link Setup#notebook()}.
 *
 * <p>The window's sharpness is the library's default tracker (warm-started Lanczos converged to 1e-3), so λ̄^H
 * carries no bias from an unconverged solve.
 */
public final class EoSPhaseDiagram implements Experiment {

    /** Images per class of the default (built-in) training and test sets. */
    public static final int DEFAULT_PER_CLASS = 25;

    private final Dataset train;
    private final Dataset test;
    private final Setup setup;
    private final double xNorm;
    private final double yNorm;

    /**
     * The network and schedule of a cell.
     *
     * @param width      n ≥ 1
     * @param depth      number of weight layers ≥ 2
     * @param steps      total GD steps ≥ window + 1
     * @param window     the last steps over which λ^H is averaged, ≥ 1 (the paper: 200)
     * @param activation φ (the paper: ReLU)
     */
    public record Setup(int width, int depth, int steps, int window, Activation activation) {
        public Setup {
            if (width < 1) {
                throw new IllegalArgumentException("width must be >= 1, got " + width);
            }
            if (depth < 2) {
                throw new IllegalArgumentException("depth must be >= 2, got " + depth);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
            if (steps <= window) {
                throw new IllegalArgumentException("steps must be > window = " + window + ", got " + steps);
            }
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
        }

        /** 000 App. B.3 (Fig. 4): 3-layer ReLU FCN of width 512, 10,000 steps, λ̄ over the last 200. */
        public static Setup paper() {
            return new Setup(512, 3, 10_000, 200, Activation.RELU);
        }

        /** Notebook scale: width 32, depth 3, 300 steps, λ̄ over the last 30. */
        public static Setup notebook() {
            return new Setup(32, 3, 300, 30, Activation.RELU);
        }

        public Setup withWidth(int w) {
            return new Setup(w, depth, steps, window, activation);
        }

        public Setup withDepth(int d) {
            return new Setup(width, d, steps, window, activation);
        }

        public Setup withSteps(int s) {
            return new Setup(width, depth, s, window, activation);
        }

        public Setup withWindow(int w) {
            return new Setup(width, depth, steps, w, activation);
        }

        public Setup withActivation(Activation a) {
            return new Setup(width, depth, steps, window, a);
        }
    }

    /** The built-in dice images ({@value #DEFAULT_PER_CLASS} per class, train and test), notebook scale. */
    public EoSPhaseDiagram() {
        this(defaultData(), Setup.notebook());
    }

    /**
     * Cells on {@code data} (train and test; inputs normalised to unit norm here) with the given setup.
     */
    public EoSPhaseDiagram(Split data, Setup setup) {
        if (data == null || setup == null) {
            throw new IllegalArgumentException("data and setup must not be null");
        }
        this.train = unitNorm(data.train());
        this.test = unitNorm(data.test());
        this.setup = setup;
        this.xNorm = rmsNorm(train.inputs(), train.size());
        this.yNorm = rmsNorm(train.targets(), train.size());
    }

    /**
     * The built-in data: dice images (004 §7.3), {@value #DEFAULT_PER_CLASS} per class for training and as many
     * for testing, averaged over 2×2 blocks to 16×16 (256 inputs) to keep a notebook-scale cell at a few seconds.
     */
    public static Split defaultData() {
        return Downsample.blocks(Dice.trainTest(DEFAULT_PER_CLASS, 0), 2);
    }

    /** The training set as used (inputs of unit norm). */
    public Dataset train() {
        return train;
    }

    /** The setup. */
    public Setup setup() {
        return setup;
    }

    /** Every example centred and scaled across its features to ‖x‖ = 1 (000 App. B.2.1). */
    public static Dataset unitNorm(Dataset data) {
        Dataset s = Transforms.standardizePerExample(data);
        return Transforms.rename(Transforms.scaleInputs(s, 1 / Math.sqrt(data.inputDim())),
                data.name() + " |x|=1");
    }

    @Override
    public Outcome run(Cell cell) {
        double c = cell.d("c");
        double sigmaW2 = cell.has("sigma_w2") ? cell.d("sigma_w2") : 2.0;
        double s = cell.has("s") ? cell.d("s") : 0.0;
        Setup st = setup;
        if (cell.has("width")) {
            st = st.withWidth(cell.i("width"));
        }
        if (cell.has("depth")) {
            st = st.withDepth(cell.i("depth"));
        }
        if (cell.has("steps")) {
            st = st.withSteps(cell.i("steps"));
        }
        if (cell.has("window")) {
            st = st.withWindow(cell.i("window"));
        }
        FCN net = FCN.builder().input(train.inputDim()).width(st.width()).depth(st.depth())
                .output(train.outputDim()).activation(st.activation())
                .parameterization(Parameterization.interpolating(s)).sigmaW2(sigmaW2).build();
        double nEff = Math.pow(st.width(), 1 - s);
        TrainingRun a = Training.gd(net, train).c(c).steps(st.steps() - st.window()).progress(false)
                .run(cell.seed());
        double lambda0 = a.lambda0();
        double cStar = 2 * sigmaW2 * xNorm * Math.sqrt(nEff) / yNorm;   // 000 Result 1 with E λ₀ = 2σ_w²‖x‖² (§5.1)
        Outcome base = Outcome.of("lambda0", lambda0, "eta", a.eta());
        if (a.diverged()) {
            return missing(base, nEff, cStar, c, a.divergedAt());
        }
        TrainingRun b = Training.gd(net, train).eta(a.eta()).from(a.finalParams()).steps(st.window())
                .sharpnessEvery(1).reducedBasis(true).progress(false).run(cell.seed());
        if (b.diverged()) {
            return missing(base, nEff, cStar, c, st.steps() - st.window() + b.divergedAt());
        }
        double[] lam = b.sharpness();
        double mean = 0;
        for (int t = 1; t < lam.length; t++) {     // row 0 is the state handed over (cold-started solver)
            mean += lam[t];
        }
        mean /= lam.length - 1;
        double var = 0;
        for (int t = 1; t < lam.length; t++) {
            var += (lam[t] - mean) * (lam[t] - mean);
        }
        var /= lam.length - 1;
        int last = b.rows() - 1;
        return base.with("lambda_bar", mean)
                .with("eta_lambda_half", a.eta() * mean / 2)
                .with("lambda_std", Math.sqrt(var))
                .with("train_loss", b.lossValues()[last])
                .with("train_accuracy", b.accuracy()[last])
                .with("test_accuracy", Metrics.accuracy(net, b.finalParams(), test))
                .with("n_eff", nEff)
                .with("c_star", cStar)
                .with("predicted_eos", c > cStar)
                .with("diverged", false)
                .with("diverged_at", -1)
                .withTrajectory(b.table());
    }

    private static Outcome missing(Outcome base, double nEff, double cStar, double c, int at) {
        return base.with("lambda_bar", Double.NaN).with("eta_lambda_half", Double.NaN)
                .with("lambda_std", Double.NaN).with("train_loss", Double.NaN)
                .with("train_accuracy", Double.NaN).with("test_accuracy", Double.NaN)
                .with("n_eff", nEff).with("c_star", cStar).with("predicted_eos", c > cStar)
                .with("diverged", true).with("diverged_at", at);
    }

    /**
     * Result 1's predicted boundary per value of one axis: the mean of {@code c_star} over the sweep's rows with
     * that value (over c and seeds; λ₀^H does not depend on c). Columns: {@code axis} (named after the axis),
     * {@code c_star}.
     */
    public static Table prediction(Table sweep, String axis) {
        TreeMap<Double, double[]> acc = new TreeMap<>();
        DoubleColumn ax = sweep.numberColumn(axis).asDoubleColumn();
        DoubleColumn cs = sweep.numberColumn("c_star").asDoubleColumn();
        for (int r = 0; r < sweep.rowCount(); r++) {
            if (cs.isMissing(r)) {
                continue;
            }
            double[] a = acc.computeIfAbsent(ax.getDouble(r), k -> new double[2]);
            a[0] += cs.getDouble(r);
            a[1]++;
        }
        DoubleColumn x = DoubleColumn.create(axis);
        DoubleColumn y = DoubleColumn.create("c_star");
        acc.forEach((k, v) -> {
            x.append(k);
            y.append(v[0] / v[1]);
        });
        return Table.create("Result 1 prediction", x, y);
    }

    private static double rmsNorm(double[] a, int n) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s / n);
    }

    @Override
    public String toString() {
        return "EoSPhaseDiagram[" + train.name() + ", " + setup + "]";
    }
}
