package org.sharpnesslab.uv;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A gradient-descent run of the UV model in parameter space. Arrays hold t = 0 … T; a diverged run stops before
 * the first step whose loss the divergence rule ({@link UVModel#DIVERGENCE}, the library's
 * {@link org.sharpnesslab.task.Divergence}) declares diverged.
 *
 * @param config     the configuration
 * @param seed       the initialisation seed (−1 if the parameters were given)
 * @param eta        the learning rate used
 * @param steps      the number of steps asked for
 * @param df         Δf_t = f_t − y
 * @param lambda     λ_t = Tr H_t, the scalar NTK
 * @param lambdaH    λ^H_t, the top Hessian eigenvalue (closed form, {@link UVModel#sharpness})
 * @param loss       ½Δf_t²
 * @param normU      ‖U_t‖_F
 * @param normV      ‖v_t‖
 * @param diverged   whether the run diverged
 * @param divergedAt the step at which it diverged, or −1
 * @param last       the final model (null if diverged)
 */
public record UVRun(UVConfig config, long seed, double eta, int steps, double[] df, double[] lambda,
        double[] lambdaH, double[] loss, double[] normU, double[] normV, boolean diverged, int divergedAt,
        UVModel last) {

    /**
     * The run as a table with columns step, df, lambda, lambda_h, loss, norm_u, norm_v, eta_lambda (= ηλ_t).
     */
    public Table table() {
        int m = df.length;
        int[] st = new int[m];
        double[] el = new double[m];
        for (int i = 0; i < m; i++) {
            st[i] = i;
            el[i] = eta * lambda[i];
        }
        return Table.create("uv-run eta=" + eta,
                IntColumn.create("step", st), DoubleColumn.create("df", df), DoubleColumn.create("lambda", lambda),
                DoubleColumn.create("lambda_h", lambdaH), DoubleColumn.create("loss", loss),
                DoubleColumn.create("norm_u", normU), DoubleColumn.create("norm_v", normV),
                DoubleColumn.create("eta_lambda", el));
    }

    /** The function-space map with this run's effective parameters (η, ‖x‖, y, n_eff). */
    public UVMap map() {
        return UVMap.of(eta, config.xNorm(), config.y(), config.nEff());
    }

    @Override
    public String toString() {
        int m = df.length;
        return String.format("UVRun[η=%.5g, steps=%d, %s, final Δf=%.4g λ=%.5g λ^H=%.5g, n=%d, n_eff=%.4g, seed=%d]",
                eta, steps, diverged ? "DIVERGED at step " + divergedAt : "finished",
                m > 0 ? df[m - 1] : Double.NaN, m > 0 ? lambda[m - 1] : Double.NaN,
                m > 0 ? lambdaH[m - 1] : Double.NaN, config.n(), config.nEff(), seed);
    }
}
