package org.sharpnesslab.nn;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sharpnesslab.training.Teachers;

/** Parameterisations (000 App. B.2.1), initialisation, centring, zero last layer, teacher-student data. */
class NetworkTest {

    @Test
    void initVariancesAndMultipliersFollowTheParameterisationTable() {
        int din = 200;
        int n = 300;
        double s2 = 1.7;
        for (Parameterization p : new Parameterization[]{Parameterization.sp(), Parameterization.ntp(),
                Parameterization.muP(), Parameterization.interpolating(0.3)}) {
            FCN net = FCN.builder().input(din).width(n).depth(3).output(50).parameterization(p).sigmaW2(s2).build();
            double[] theta = net.init(42);
            int off = 0;
            for (int l = 1; l <= 3; l++) {
                DenseLayer layer = (DenseLayer) net.layers().get(l - 1);
                int np = layer.numParams();
                double ss = 0;
                for (int i = off; i < off + np; i++) {
                    ss += theta[i] * theta[i];
                }
                off += np;
                double expected = p.initVariance(l, 3, din, n, s2);
                // sample variance of ≥ 15000 Gaussians: relative standard error ≤ sqrt(2/15000) ≈ 1.2 %
                assertEquals(expected, ss / np, 0.05 * expected, p + " layer " + l);
                assertEquals(layer.gamma(), p.multiplier(l, 3, din, n, s2), 0.0);
            }
        }
        // the table, exactly: NTP first layer γ = σ_w/√d_in, hidden σ_w/√n, last 1/√n; μP γ₁ = √n, γ_d = 1/√n
        Parameterization ntp = Parameterization.ntp();
        assertEquals(Math.sqrt(s2 / din), ntp.multiplier(1, 3, din, n, s2), 1e-15);
        assertEquals(Math.sqrt(s2 / n), ntp.multiplier(2, 3, din, n, s2), 1e-15);
        assertEquals(1 / Math.sqrt(n), ntp.multiplier(3, 3, din, n, s2), 1e-15);
        Parameterization mup = Parameterization.muP();
        assertEquals(Math.sqrt(n), mup.multiplier(1, 3, din, n, s2), 1e-12);
        assertEquals(s2 / n, mup.initVariance(1, 3, din, n, s2), 1e-15);
        assertEquals(1 / Math.sqrt(n), mup.multiplier(3, 3, din, n, s2), 1e-15);
        // SP and NTP give the same effective weight variance γ²σ² in every layer (same function at init in law)
        Parameterization sp = Parameterization.sp();
        for (int l = 1; l <= 3; l++) {
            double a = Math.pow(sp.multiplier(l, 3, din, n, s2), 2) * sp.initVariance(l, 3, din, n, s2);
            double b = Math.pow(ntp.multiplier(l, 3, din, n, s2), 2) * ntp.initVariance(l, 3, din, n, s2);
            assertEquals(a, b, 1e-15 * a);
        }
    }

    @Test
    void zeroLastLayerAndCentringGiveZeroOutputAtInit() {
        Dataset data = TestNets.regression(7, 5, 3, 1);
        FCN zero = FCN.builder().input(5).width(8).depth(3).output(3).zeroLastLayer(true).build();
        for (double f : zero.forward(zero.init(3), data.inputs())) {
            assertEquals(0.0, f, 0.0);
        }
        FCN net = FCN.builder().input(5).width(8).depth(3).output(3).tanh().alpha(2.5).build();
        double[] theta0 = net.init(4);
        FCN centred = net.centredAt(theta0);
        for (double f : centred.forward(theta0, data.inputs())) {
            assertEquals(0.0, f, 0.0);
        }
        double[] theta1 = TestNets.params(net, 5);
        double[] fc = centred.forward(theta1, data.inputs());
        double[] f1 = net.forward(theta1, data.inputs());
        double[] f0 = net.forward(theta0, data.inputs());
        for (int i = 0; i < fc.length; i++) {
            assertEquals(f1[i] - f0[i], fc[i], 1e-14);
        }
        // output scale: f_alpha = alpha f
        double[] fa = net.withAlpha(1.0).forward(theta1, data.inputs());
        for (int i = 0; i < fa.length; i++) {
            assertEquals(2.5 * fa[i], f1[i], 1e-12);
        }
    }

    @Test
    void configsAreValidatedWithTheParameterNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FCN.builder().input(3).depth(1).build());
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parameterization.interpolating(1.5));
        assertTrue(e.getMessage().contains("s must be in [0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FCN.builder().input(3).sigmaW2(-1).build());
        assertTrue(e.getMessage().contains("sigmaW2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FCN.builder().width(3).build());
        assertTrue(e.getMessage().contains("input"), e.getMessage());
    }

    @Test
    void teacherStudentTargetsAreTheTeachersOutputs() {
        FCN teacher = FCN.builder().input(6).width(16).depth(3).output(2).build();
        Dataset d = Teachers.teacherStudent(teacher, 40, 9);
        assertEquals(40, d.size());
        assertEquals(6, d.inputDim());
        assertEquals(2, d.outputDim());
        assertArrayEquals(teacher.forward(teacher.init(9), d.inputs()), d.targets(), 0.0);
        // inputs N(0, 1)
        double s = 0;
        for (double x : d.inputs()) {
            s += x * x;
        }
        assertEquals(1.0, s / d.inputs().length, 0.2);
        // deterministic
        assertArrayEquals(d.targets(), Teachers.teacherStudent(teacher, 40, 9).targets(), 0.0);
    }
}
