package org.sharpnesslab.alignment;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.LinearOperator;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.nn.Loss;
import org.sharpnesslab.nn.MLP;
import org.sharpnesslab.nn.TestNets;

/** 004 §7.2: the solver on a quadratic loss against the exact gradient flow θ(t) = θ* + e^{−At}(θ₀ − θ*). */
class ExponentialEulerTest {

    private static final double[] LAMBDA = {50, 20, 1.0, 0.5, 0.3, 0.1, -0.2};

    @Test
    void followsTheExactGradientFlowOfAQuadratic() {
        int n = LAMBDA.length;
        double[][] q = orthonormal(n, 3);
        double[] star = new double[n];
        double[] theta0 = new double[n];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            star[i] = r.nextGaussian();
            theta0[i] = r.nextGaussian();
        }
        ExponentialEuler.Objective quad = quadratic(q, star);
        double err1 = Double.NaN;
        for (double eta : new double[]{0.05, 0.025}) {
            int steps = (int) Math.round(2.0 / eta);
            EulerOptions o = EulerOptions.DEFAULTS.withEta(eta).withK(2).withMaxSteps(steps).withTargetLoss(0)
                    .withEigen(1e-12, 200, 2000);
            EulerRun run = ExponentialEuler.run(quad, theta0, o, 1);
            assertFalse(run.diverged());
            assertEquals(2.0, run.time(), 1e-9, "Δt = η since 1/|λ_3| = 1 > η");
            double[] exact = flow(q, star, theta0, run.time());
            // the top two directions are integrated exactly
            for (int m = 0; m < 2; m++) {
                double got = dot(q[m], run.finalParams()) - dot(q[m], star);
                double want = dot(q[m], exact) - dot(q[m], star);
                assertEquals(want, got, 1e-9, "top direction " + m);
            }
            // the bulk by Euler: first order in η
            double err = 0;
            for (int m = 2; m < n; m++) {
                err = Math.max(err, Math.abs(dot(q[m], run.finalParams()) - dot(q[m], exact)));
            }
            if (Double.isNaN(err1)) {
                err1 = err;
                assertTrue(err < 0.05, "bulk error " + err);
                assertTrue(run.maxSharpness() * eta > 2, "η λ₁ above 2: plain GD would diverge here");
            } else {
                assertEquals(0.5, err / err1, 0.05, "Euler error halves with η");
            }
        }
    }

    @Test
    void gradientDescentAtTheSameEtaDiverges() {
        int n = LAMBDA.length;
        double[][] q = orthonormal(n, 3);
        double[] star = new double[n];
        double[] theta = new double[n];
        theta[0] = 1;
        ExponentialEuler.Objective quad = quadratic(q, star);
        double eta = 0.05;
        for (int s = 0; s < 200; s++) {
            double[] g = quad.at(theta).gradient();
            for (int i = 0; i < n; i++) theta[i] -= eta * g[i];
        }
        assertTrue(quad.at(theta).loss() > 1e10, "GD with η λ₁ = 2.5 diverges");
    }

    @Test
    void repairedCoefficients() {
        assertEquals(0.01, ExponentialEuler.timeStep(-100, 1), 0.0);      // |λ_{k+1}| bounds the rest
        assertEquals(0.5, ExponentialEuler.timeStep(0, 0.5), 0.0);
        double dt = 0.1;
        assertEquals(-Math.expm1(-3 * dt) / 3, ExponentialEuler.coefficient(3, dt), 1e-15);
        assertEquals(dt, ExponentialEuler.coefficient(0, dt), 0.0);
        assertEquals(dt, ExponentialEuler.coefficient(-20, dt), 0.0);          // capped at the Euler step
        assertTrue(ExponentialEuler.coefficient(-1, dt) == dt && ExponentialEuler.coefficient(50, dt) < dt);
    }

    @Test
    void trainsAnMlpDownToTheTarget() {
        MLP net = MLP.of(6, 8, 3, 3);
        Dataset data = TestNets.classification(12, 6, 3, 2);
        EulerOptions o = EulerOptions.paper(Loss.CROSS_ENTROPY, 3).withEta(0.5).withMaxSteps(3000)
                .withSnapshotEvery(50);
        EulerRun run = ExponentialEuler.train(net, data, Loss.CROSS_ENTROPY, o, 7);
        assertTrue(run.reachedTarget(), run.toString());
        assertTrue(run.finalLoss() <= 0.01);
        assertEquals(0, run.snapshots().get(0).step());
        assertEquals(run.stepCount(), run.snapshots().get(run.snapshots().size() - 1).step());
        assertEquals(run.stepCount() + 1, run.table().rowCount());
    }

    static ExponentialEuler.Objective quadratic(double[][] q, double[] star) {
        int n = star.length;
        double[][] a = new double[n][n];
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] += LAMBDA[m] * q[m][i] * q[m][j];
        }
        LinearOperator op = LinearOperator.ofDense(a);
        return theta -> {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = theta[i] - star[i];
            double[] g = op.apply(d);
            return new ExponentialEuler.Point(0.5 * dot(d, g), g, op);
        };
    }

    static double[] flow(double[][] q, double[] star, double[] theta0, double t) {
        int n = star.length;
        double[] out = star.clone();
        for (int m = 0; m < n; m++) {
            double c = 0;
            for (int i = 0; i < n; i++) c += q[m][i] * (theta0[i] - star[i]);
            c *= Math.exp(-LAMBDA[m] * t);
            for (int i = 0; i < n; i++) out[i] += c * q[m][i];
        }
        return out;
    }

    static double[][] orthonormal(int n, long seed) {
        Random r = new Random(seed);
        double[][] q = new double[n][n];
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < n; i++) q[m][i] = r.nextGaussian();
            for (int p = 0; p < m; p++) {
                double c = dot(q[p], q[m]);
                for (int i = 0; i < n; i++) q[m][i] -= c * q[p][i];
            }
            double s = Math.sqrt(dot(q[m], q[m]));
            for (int i = 0; i < n; i++) q[m][i] /= s;
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
