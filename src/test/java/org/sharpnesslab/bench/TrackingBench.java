package org.sharpnesslab.bench;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.training.Sharpness;
import org.sharpnesslab.training.Training;
import org.sharpnesslab.training.TrainingRun;
import org.sharpnesslab.spectrum.Lanczos;
import org.sharpnesslab.spectrum.LanczosOptions;
import org.sharpnesslab.task.Progress;

/**
 * Which warm-started solver tracks λ^H more cheaply at a given accuracy: Lanczos against power iteration, both
 * stopped at a relative residual, and the papers' 20 fixed power steps, on a 10-output ReLU FCN trained by GD at a
 * fixed η (so every option sees the same θ_t). The reference at each step is a run tracked by Lanczos to 10⁻¹⁰.
 * Prints one {@code key=value} line per option: mean and max products per measurement, seconds, and the largest
 * relative error against the reference. Usage: {@code TrackingBench [n] [d] [width] [steps] [c]}.
 */
public final class TrackingBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        double c = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        Progress.silence();
        Dataset data = Datasets.gaussian(n, d, 10, 1);
        FCN net = FCN.builder().input(d).width(width).depth(3).output(10).relu().sp().sigmaW2(2.0).build();
        double lambda0 = Lanczos.run(Hessian.at(net, net.init(1), data, Loss.MSE),
                LanczosOptions.DEFAULTS.withTolerance(1e-12)).value(0);
        double eta = c / lambda0;
        System.out.printf("network=%s P=%d n=%d steps=%d lambda0=%.6f eta=%.6g%n", net, net.numParams(), n, steps,
                lambda0, eta);
        Training base = Training.gd(net, data).eta(eta).steps(steps).sharpnessEvery(1).progress(false);
        TrainingRun ref = base.sharpness(Sharpness.lanczos(1e-10, 400)).run(1);
        Sharpness[] options = {
            Sharpness.papers20(),
            Sharpness.powerUntil(1e-3, 5000), Sharpness.lanczos(1e-3, 400),
            Sharpness.powerUntil(1e-4, 5000), Sharpness.lanczos(1e-4, 400),
            Sharpness.powerUntil(1e-6, 20000), Sharpness.lanczos(1e-6, 400),
        };
        for (Sharpness s : options) {
            long t0 = System.nanoTime();
            TrainingRun run = base.sharpness(s).run(1);
            double sec = (System.nanoTime() - t0) / 1e9;
            double maxErr = 0;
            double sumProducts = 0;
            int maxProducts = 0;
            for (int t = 0; t < run.rows(); t++) {
                maxErr = Math.max(maxErr, Math.abs(run.sharpness()[t] - ref.sharpness()[t]) / ref.sharpness()[t]);
                sumProducts += run.sharpnessIterations()[t];
                maxProducts = Math.max(maxProducts, run.sharpnessIterations()[t]);
            }
            System.out.printf("option=\"%s\" products_at_init=%d mean_products=%.2f max_products=%d seconds=%.2f "
                            + "max_relative_error=%.2e error_at_init=%.2e%n", s, run.sharpnessIterations()[0],
                    sumProducts / run.rows(), maxProducts, sec, maxErr,
                    Math.abs(run.sharpness()[0] - ref.sharpness()[0]) / ref.sharpness()[0]);
        }
    }
}
