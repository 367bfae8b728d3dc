package org.sharpnesslab.bench;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.Datasets;
import org.sharpnesslab.alignment.AlignmentOptions;
import org.sharpnesslab.alignment.AlignmentTrajectory;
import org.sharpnesslab.alignment.EulerOptions;
import org.sharpnesslab.alignment.EulerRun;
import org.sharpnesslab.alignment.ExponentialEuler;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.MLP;
import tech.tablesaw.api.Table;

/**
 * Times 004's pipeline (dice, MLP, exponential Euler to the target, decomposition at every snapshot) at a given
 * scale: {@code AlignmentBench n width depth eta [snapshotEvery]}.
 */
public final class AlignmentBench {
    private AlignmentBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        double eta = Double.parseDouble(args[3]);
        int every = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        long t0 = System.nanoTime();
        Dataset pool = Datasets.dice((n + 5) / 6, 0);
        Dataset data = Datasets.randomN(pool, n, 1);
        long t1 = System.nanoTime();
        MLP net = MLP.of(data.inputDim(), width, depth, data.outputDim());
        EulerRun run = ExponentialEuler.train(net, data, Loss.CROSS_ENTROPY,
                EulerOptions.paper(Loss.CROSS_ENTROPY, 6).withEta(eta).withSnapshotEvery(every).withProgress(false), 0);
        long t2 = System.nanoTime();
        System.out.println(run);
        System.out.println(run.table().print(40));
        Table traj = AlignmentTrajectory.of(net, data, Loss.CROSS_ENTROPY, run.snapshots(),
                AlignmentOptions.DEFAULTS, false);
        long t3 = System.nanoTime();
        System.out.println(traj.selectColumns("step", "loss", "lambda_hessian", "lambda_g", "lambda_h", "rho_k", "e_k2",
                "e_k2_1", "p_delta_j_1", "pi_j_1", "eq7_rel_error", "j_residual", "j_unconverged").print());
        System.out.printf("data %.2fs, train %.2fs (%d steps), alignment %.2fs (%d snapshots)%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, run.stepCount(), (t3 - t2) / 1e9, run.snapshots().size());
    }
}
