package org.sharpnesslab.study.chaos;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.data.Transforms;
import org.sharpnesslab.dynamics.Periods;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.signal.PowerSpectrum;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.sweep.Experiment;

/**
 * The route to chaos of a trained network (000 §6.4, Fig. 5, App. G): train a network by GD at learning rate η,
 * discard a transient, and record the late-time sharpness λ^H_t every step; over a range of η this gives the
 * bifurcation diagram of the late-time sharpness, its period (period doubling on random data, dense bands on real
 * data), the late-time trajectories and their power spectra (000 App. B.5, {@link PowerSpectrum}).
 *
 * <pre>{@code
 * var route = new RouteToChaos(net, data, RouteToChaos.Setup.notebook());
 * ChaosDiagram d = route.diagram(Bifurcation.range(10, 30, 21));   // a Sweep over eta, one cell per eta
 * ChaosCharts.row(d.bifurcation(), d.trajectories(60, 20), d.spectra(20), "random data")
 * d.table()                                                              // eta, c, period, lambda_mean, ...
 * RouteToChaos.Flip f = route.firstFlip(15, 20, 1e-3);                    // period 1 -> 2 located by bisection
 * }</pre>
 *
 * <p>As an {@link Experiment}: cell parameter {@code eta} (&gt; 0); result columns {@code lambda0} (λ₀^H at θ₀),
 * {@code c} (η λ₀^H), {@code period} (of the last {@code keep} sharpness values: ≥ 1, 0 none up to
 * {@code maxPeriod}, −1 diverged), {@code lambda_mean}, {@code lambda_min}, {@code lambda_max} (over the last
 * {@code keep} values), {@code eta_lambda_half} (η·lambda_mean/2), {@code late_loss} (mean loss over the same
 * steps), {@code peak_frequency} (the dominant frequency ω/T of the power spectrum of the last {@code spectrum}
 * steps, cycles per step: 0.5 is a period-2 oscillation), {@code low_frequency_power} (the fraction of that
 * spectrum's power at frequencies below {@value #LOW_FREQUENCY} cycles per step, ω = 1…T−1: the long-range
 * correlations in time of 000 §6.4; a short cycle has none), {@code diverged}, {@code diverged_at}; the trajectory
 * (the recorded window: {@code step}, {@code loss}, {@code sharpness}, …) is attached.
 *
 * <p>Period detection ({@link Periods#ofSeries}) runs on the values divided by their mean, so {@code periodTol} is
 * relative. Why not {@code dynamics.FlipCascade}: the fixed points of GD on a network are not isolated (the minima
 * form manifolds, e.g. U → aU, v → v/a of a linear net), so Newton on M^p(θ) = θ is singular; the flip is
 * bracketed on the trained trajectories instead ({@link #firstFlip}).
 */
public final class RouteToChaos implements Experiment {

    /** Frequencies below this (cycles per step) count as low in {@code low_frequency_power}. */
    public static final double LOW_FREQUENCY = 0.05;

    private final Network net;
    private final Dataset data;
    private final Setup setup;
    private final long seed;

    /**
     * The schedule of one learning rate.
     *
     * @param transientSteps GD steps before recording, ≥ 0
     * @param window         steps recorded with λ^H every step, ≥ keep and ≥ spectrum (the paper: 1000)
     * @param keep           late values kept for the bifurcation diagram and the period, ≥ 2
     * @param spectrum       last steps of the window whose power spectrum is taken, ≥ 2 (the paper: 1000)
     * @param maxPeriod      longest period looked for, ≥ 1
     * @param periodTol      relative tolerance of the period detection, &gt; 0
     * @param power          the sharpness solver's options (default: the papers' 20 warm-started power steps). With
     *                       no shift given, the window is measured with the shift σ = 2/η: power iteration finds
     *                       the eigenvalue of largest magnitude, and in the chaotic range a negative Hessian
     *                       eigenvalue can outgrow λ_max (seen on teacher–student data: "sharpness" −0.3);
     *                       iterating H + σI finds the top algebraic eigenvalue as long as λ_min &gt; −λ_max − 4/η
     */
    public record Setup(int transientSteps, int window, int keep, int spectrum, int maxPeriod, double periodTol,
                        PowerOptions power) {
        public Setup {
            if (transientSteps < 0) {
                throw new IllegalArgumentException("transientSteps must be >= 0, got " + transientSteps);
            }
            if (keep < 2) {
                throw new IllegalArgumentException("keep must be >= 2, got " + keep);
            }
            if (spectrum < 2) {
                throw new IllegalArgumentException("spectrum must be >= 2, got " + spectrum);
            }
            if (window < keep || window < spectrum) {
                throw new IllegalArgumentException("window must be >= keep = " + keep + " and >= spectrum = "
                        + spectrum + ", got " + window);
            }
            if (maxPeriod < 1) {
                throw new IllegalArgumentException("maxPeriod must be >= 1, got " + maxPeriod);
            }
            if (!(periodTol > 0)) {
                throw new IllegalArgumentException("periodTol must be > 0, got " + periodTol);
            }
            if (power == null) {
                throw new IllegalArgumentException("power must not be null");
            }
        }

        /** 000 App. B.3 (Fig. 5): 10,000 GD steps, spectra over the last 1000; 200 values per η in the diagram. */
        public static Setup paper() {
            return new Setup(9_000, 1_000, 200, 1_000, 32, 1e-4, PowerOptions.defaults());
        }

        /** Notebook scale: 800 transient steps, 256 recorded, 64 kept, spectra over 256. */
        public static Setup notebook() {
            return new Setup(800, 256, 64, 256, 16, 1e-4, PowerOptions.defaults());
        }

        public Setup withTransient(int t) {
            return new Setup(t, window, keep, spectrum, maxPeriod, periodTol, power);
        }

        public Setup withWindow(int w, int k, int s) {
            return new Setup(transientSteps, w, k, s, maxPeriod, periodTol, power);
        }

        public Setup withPeriodTol(double tol) {
            return new Setup(transientSteps, window, keep, spectrum, maxPeriod, tol, power);
        }

        public Setup withPower(PowerOptions p) {
            return new Setup(transientSteps, window, keep, spectrum, maxPeriod, periodTol, p);
        }
    }

    /** Late-time behaviour at one learning rate (the values behind one column of the diagram). */
    public record Late(double eta, double lambda0, double[] sharpness, double[] loss, int period, boolean diverged,
                       int divergedAt) {

        /** The last {@code k} sharpness values. */
        public double[] last(int k) {
            return Arrays.copyOfRange(sharpness, Math.max(0, sharpness.length - k), sharpness.length);
        }
    }

    /**
     * @param net   the network (000 Fig. 5: a 2-layer linear FCN)
     * @param data  the training set
     * @param setup the schedule
     * @param seed  seeds θ₀ (and the power iteration's start): the same network for every η
     */
    public RouteToChaos(Network net, Dataset data, Setup setup, long seed) {
        if (net == null || data == null || setup == null) {
            throw new IllegalArgumentException("net, data and setup must not be null");
        }
        this.net = net;
        this.data = data;
        this.setup = setup;
        this.seed = seed;
    }

    /**
     * 000 Fig. 5 (first row) at notebook scale, for sweeps run in another JVM: a 2-layer linear FCN of width 20
     * in SP with σ_w² = 0.1 on the random dataset (000 App. B.1) of 200 examples, d = 20 (inputs scaled to
     * ‖x‖ ≈ 1), one output; {@link Setup#notebook()}, seed 0.
     */
    public RouteToChaos() {
        this(FCN.builder().input(20).width(20).depth(2).output(1).linear().sigmaW2(0.1).build(),
                Transforms.scaleInputs(Datasets.gaussian(200, 20, 1, 0), 1 / Math.sqrt(20)), Setup.notebook(), 0);
    }

    /** With seed 0. */
    public RouteToChaos(Network net, Dataset data, Setup setup) {
        this(net, data, setup, 0);
    }

    /** λ₀^H at θ₀ (the trainer's power iteration). */
    public double lambda0() {
        return Training.gd(net, data).steps(0).sharpnessEvery(1).sharpness(Sharpness.power(setup.power()))
                .progress(false).run(seed).lambda0();
    }

    /** Trains at η and records the late window (see the class comment). */
    public Late late(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        double[] theta = net.init(seed);
        if (setup.transientSteps() > 0) {
            TrainingRun a = Training.gd(net, data).eta(eta).steps(setup.transientSteps()).progress(false).run(seed);
            if (a.diverged()) {
                return new Late(eta, Double.NaN, new double[0], new double[0], Periods.DIVERGED, true,
                        a.divergedAt());
            }
            theta = a.finalParams();
        }
        PowerOptions power = setup.power().shift() == 0 ? setup.power().withShift(2 / eta) : setup.power();
        TrainingRun b = Training.gd(net, data).eta(eta).from(theta).steps(setup.window()).sharpnessEvery(1)
                .sharpness(Sharpness.power(power)).progress(false).run(seed);
        if (b.diverged()) {
            return new Late(eta, Double.NaN, new double[0], new double[0], Periods.DIVERGED, true,
                    setup.transientSteps() + b.divergedAt());
        }
        double[] s = Arrays.copyOfRange(b.sharpness(), 1, b.rows()); // row 0: the cold-started hand-over state
        double[] l = Arrays.copyOfRange(b.lossValues(), 1, b.rows());
        return new Late(eta, Double.NaN, s, l, period(s), false, -1);
    }

    /** The period of the last {@code keep} values, relative tolerance {@code periodTol} (see the class comment). */
    int period(double[] s) {
        double[] v = Arrays.copyOfRange(s, s.length - setup.keep(), s.length);
        double m = 0;
        for (double x : v) {
            m += Math.abs(x);
        }
        m /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] /= m > 0 ? m : 1;
        }
        return Periods.ofSeries(v, 0, v.length, setup.maxPeriod(), setup.periodTol());
    }

    @Override
    public Outcome run(Cell cell) {
        double eta = cell.d("eta");
        double lambda0 = cell.has("lambda0") ? cell.d("lambda0") : lambda0();
        return outcome(late(eta), lambda0);
    }

    private Outcome outcome(Late r, double lambda0) {
        Outcome o = Outcome.of("lambda0", lambda0, "c", r.eta() * lambda0, "period", r.period());
        if (r.diverged()) {
            return o.with("lambda_mean", Double.NaN).with("lambda_min", Double.NaN).with("lambda_max", Double.NaN)
                    .with("eta_lambda_half", Double.NaN).with("late_loss", Double.NaN)
                    .with("peak_frequency", Double.NaN).with("low_frequency_power", Double.NaN).with("diverged", true).with("diverged_at", r.divergedAt());
        }
        double[] k = r.last(setup.keep());
        double mean = Arrays.stream(k).average().orElse(Double.NaN);
        double[] l = Arrays.copyOfRange(r.loss(), r.loss().length - setup.keep(), r.loss().length);
        PowerSpectrum ps = PowerSpectrum.ofLast(r.sharpness(), setup.spectrum());
        return o.with("lambda_mean", mean)
                .with("lambda_min", Arrays.stream(k).min().orElse(Double.NaN))
                .with("lambda_max", Arrays.stream(k).max().orElse(Double.NaN))
                .with("eta_lambda_half", r.eta() * mean / 2)
                .with("late_loss", Arrays.stream(l).average().orElse(Double.NaN))
                .with("peak_frequency", ps.variance() > 0 ? (double) ps.peak() / ps.length() : Double.NaN)
                .with("low_frequency_power", ps.variance() > 0 ? lowFrequencyPower(ps) : Double.NaN)
                .with("diverged", false).with("diverged_at", -1)
                .withTrajectory(trajectory(r));
    }

    /** Σ P(ω) over 0 &lt; ω/T &lt; {@value #LOW_FREQUENCY} and the mirror frequencies, over Σ P (= 1). */
    static double lowFrequencyPower(PowerSpectrum ps) {
        double[] p = ps.power();
        int t = p.length;
        double low = 0;
        double all = 0;
        for (int w = 1; w < t; w++) {
            double f = Math.min(w, t - w) / (double) t;
            all += p[w];
            if (f < LOW_FREQUENCY) {
                low += p[w];
            }
        }
        return all > 0 ? low / all : Double.NaN;
    }

    /**
     * The largest c = η λ₀^H in [lo, hi] at which training for {@code transientSteps + window} steps does not
     * diverge, by bisection on the divergence flag (plain GD, no sharpness measured) to relative width
     * {@code relTol}: where a bifurcation diagram ends (000 Corollary 5.1). Returns lo's value if hi trains.
     *
     * @throws IllegalArgumentException if training at lo already diverges
     */
    public double maxTrainableC(double lo, double hi, double relTol) {
        if (!(lo > 0 && hi > lo)) {
            throw new IllegalArgumentException("need 0 < lo < hi, were " + lo + ", " + hi);
        }
        double l0 = lambda0();
        int steps = setup.transientSteps() + setup.window();
        java.util.function.DoublePredicate ok = c -> !Training.gd(net, data).eta(c / l0).steps(steps)
                .progress(false).run(seed).diverged();
        if (!ok.test(lo)) {
            throw new IllegalArgumentException("training at c = " + lo + " already diverges");
        }
        if (ok.test(hi)) {
            return hi;
        }
        while (hi - lo > relTol * hi) {
            double m = 0.5 * (lo + hi);
            if (ok.test(m)) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private Table trajectory(Late r) {
        int n = r.sharpness().length;
        int[] step = new int[n];
        for (int t = 0; t < n; t++) {
            step[t] = setup.transientSteps() + 1 + t;
        }
        return Table.create("late time, eta=" + r.eta(), IntColumn.create("step", step),
                DoubleColumn.create("loss", r.loss()), DoubleColumn.create("sharpness", r.sharpness()));
    }

    /**
     * The bifurcation diagram over {@code etas}, run as a {@link Sweep} of one cell per η (all cores).
     */
    public ChaosDiagram diagram(double... etas) {
        if (etas == null || etas.length == 0) {
            throw new IllegalArgumentException("etas must be non-empty");
        }
        double lambda0 = lambda0();
        Map<Double, Late> lates = new ConcurrentHashMap<>();
        Table t = Sweep.grid().axis("eta", etas).seeds(seed).run(cell -> {
            Late r = late(cell.d("eta"));
            lates.put(cell.d("eta"), r);
            return outcome(r, lambda0);
        });
        List<Late> ordered = new ArrayList<>();
        for (double e : etas) {
            ordered.add(lates.get(e));
        }
        return new ChaosDiagram(t, ordered, setup);
    }

    /**
     * The first flip: between η_below (late-time period 1) and η_above (period 2).
     *
     * @param etaBelow       the largest η found with period 1
     * @param etaAbove       the smallest η found with period 2
     * @param lambdaBelow    the period-1 late sharpness at η_below
     * @param lambdaAbove    the two late values at η_above (sorted)
     * @param ratioBelow     η_below λ_below / 2: where the converged sharpness sits relative to 2/η at the flip
     * @param ratioAbove     η_above · mean(λ_above) / 2
     * @param bisections     number of bisection steps taken
     */
    public record Flip(double etaBelow, double etaAbove, double lambdaBelow, double[] lambdaAbove,
                       double ratioBelow, double ratioAbove, int bisections) {

        /** The flip's estimate (η_below + η_above)/2. */
        public double eta() {
            return 0.5 * (etaBelow + etaAbove);
        }

        /** One row: {@code eta_below}, {@code eta_above}, {@code lambda_below}, {@code lambda_above_low},
         * {@code lambda_above_high}, {@code ratio_below} (η λ/2 at period 1), {@code ratio_above}. */
        public Table table() {
            return Table.create("first flip", DoubleColumn.create("eta_below", etaBelow),
                    DoubleColumn.create("eta_above", etaAbove), DoubleColumn.create("lambda_below", lambdaBelow),
                    DoubleColumn.create("lambda_above_low", lambdaAbove[0]),
                    DoubleColumn.create("lambda_above_high", lambdaAbove[lambdaAbove.length - 1]),
                    DoubleColumn.create("ratio_below", ratioBelow), DoubleColumn.create("ratio_above", ratioAbove));
        }
    }

    /**
     * Locates the first period-doubling flip of the late-time sharpness by bisection in η: {@code lo} must give
     * period 1 and {@code hi} period 2 (else IllegalArgumentException); each step trains at the midpoint and keeps
     * the half whose ends have periods 1 and 2, until (hi − lo) ≤ relTol·hi. A midpoint with another period (0 or
     * ≥ 4: not converged within the window, or past the next flip) ends the search there.
     */
    public Flip firstFlip(double lo, double hi, double relTol) {
        if (!(lo > 0 && hi > lo)) {
            throw new IllegalArgumentException("need 0 < lo < hi, were " + lo + ", " + hi);
        }
        if (!(relTol > 0)) {
            throw new IllegalArgumentException("relTol must be > 0, got " + relTol);
        }
        Late a = late(lo);
        Late b = late(hi);
        if (a.period() != 1) {
            throw new IllegalArgumentException("lo = " + lo + " must give period 1, gave " + a.period());
        }
        if (b.period() != 2) {
            throw new IllegalArgumentException("hi = " + hi + " must give period 2, gave " + b.period());
        }
        int n = 0;
        while (b.eta() - a.eta() > relTol * b.eta()) {
            Late m = late(0.5 * (a.eta() + b.eta()));
            n++;
            if (m.period() == 1) {
                a = m;
            } else if (m.period() == 2) {
                b = m;
            } else {
                break;
            }
        }
        double la = a.sharpness()[a.sharpness().length - 1];
        double[] two = b.last(2);
        Arrays.sort(two);
        return new Flip(a.eta(), b.eta(), la, two, a.eta() * la / 2, b.eta() * (two[0] + two[1]) / 4, n);
    }

    @Override
    public String toString() {
        return "RouteToChaos[" + net + ", " + data.name() + ", " + setup + "]";
    }
}
