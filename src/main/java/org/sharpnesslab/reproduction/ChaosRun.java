package org.sharpnesslab.reproduction;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.signal.PowerSpectrum;
import org.sharpnesslab.spectrum.PowerOptions;
import org.sharpnesslab.study.chaos.RouteToChaos;
import org.sharpnesslab.study.early.EarlyNetwork;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Experiment;
import org.sharpnesslab.sweep.Outcome;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;

/**
 * One learning rate of 000 Figs. 23–24 (App. G.1): a ReLU FCN in SP (criticality, σ_w² = 2) trained by GD with
 * MSE on the first {@code n} standardised examples of MNIST or Fashion-MNIST, the late-time sharpness recorded
 * every step ({@link RouteToChaos}: 20 warm-started power steps shifted by 2/η, 000 App. B.4) and its power
 * spectrum (000 App. B.5). A public class with a no-argument constructor, so a sweep of it runs on Slurm.
 *
 * <p>Cell parameters: {@code data} ("mnist" or "fashion-mnist", from the data cache), {@code n}, {@code width},
 * {@code depth} (weight layers; the paper's 4), {@code c} (η = c/λ₀^H), {@code transient}, {@code window},
 * {@code keep}, {@code spectrum} (as {@link RouteToChaos.Setup}); the cell's seed seeds θ₀.
 *
 * <p>Outcome: the columns of {@link RouteToChaos} ({@code lambda0}, {@code c}, {@code period},
 * {@code lambda_mean}, …, {@code peak_frequency}, {@code low_frequency_power}) plus {@code eta} and
 * {@code high_frequency_power}, {@code cpu_seconds} (the cell thread's CPU time) (the fraction of the spectrum's power at frequencies ≥ {@value #HIGH_FREQUENCY}
 * cycles per step: period-2 and period-4 oscillations); the late trajectory is attached.
 */
public final class ChaosRun implements Experiment {

    /** Frequencies at or above this (cycles per step) count as high in {@code high_frequency_power}. */
    public static final double HIGH_FREQUENCY = 0.25;

    public ChaosRun() {
    }

    /** The network a cell describes. */
    static Network network(Cell cell, Dataset data) {
        return FCN.builder().input(data.inputDim()).width(cell.i("width")).depth(cell.i("depth"))
                .output(data.outputDim()).relu().sp().build();
    }

    @Override
    public Outcome run(Cell cell) {
        long cpu0 = cpuNanos();
        Dataset data = EarlyNetwork.dataset(cell);
        Network net = network(cell, data);
        RouteToChaos.Setup setup = new RouteToChaos.Setup(cell.i("transient"), cell.i("window"), cell.i("keep"),
                cell.i("spectrum"), 32, 1e-3, PowerOptions.defaults());
        RouteToChaos route = new RouteToChaos(net, data, setup, cell.seed());
        double lambda0 = Training.gd(net, data).steps(0).sharpnessEvery(1).sharpness(Sharpness.power(setup.power())).progress(false)
                .run(cell.seed()).lambda0();
        double eta = cell.d("c") / lambda0;
        Outcome o = route.run(Cell.of(cell.seed(), "eta", eta, "lambda0", lambda0));
        double high = Double.NaN;
        if (o.trajectory() != null && !Boolean.TRUE.equals(o.values().get("diverged"))) {
            double[] s = o.trajectory().doubleColumn("sharpness").asDoubleArray();
            high = highFrequencyPower(PowerSpectrum.ofLast(s, setup.spectrum()));
        }
        java.util.LinkedHashMap<String, Object> v = new java.util.LinkedHashMap<>(o.values());
        v.remove("c"); // the cell's parameter
        v.put("eta", eta);
        v.put("high_frequency_power", high);
        v.put("cpu_seconds", (cpuNanos() - cpu0) / 1e9);
        return new Outcome(v, o.trajectory());
    }

    /** This thread's CPU time (ns), or 0 where the JVM cannot tell. */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : 0;
    }

    /** Σ P(ω) over ω/T ≥ {@value #HIGH_FREQUENCY} (and mirrors) over Σ_{ω≠0} P(ω); NaN for a constant signal. */
    static double highFrequencyPower(PowerSpectrum ps) {
        if (!(ps.variance() > 0)) {
            return Double.NaN;
        }
        double[] p = ps.power();
        int t = p.length;
        double high = 0;
        double all = 0;
        for (int w = 1; w < t; w++) {
            double f = Math.min(w, t - w) / (double) t;
            all += p[w];
            if (f >= HIGH_FREQUENCY) {
                high += p[w];
            }
        }
        return all > 0 ? high / all : Double.NaN;
    }
}
