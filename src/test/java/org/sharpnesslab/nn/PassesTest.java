package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's bookkeeping ({@link Passes}): a product written over v's copy (one micro-batch), summed in its own
 * buffer (several), or summed example by example; the gradient completed lazily, once or twice; the inputs' one
 * native copy; products on several threads; closed operators and reused memory. The reference of each check is
 * the same operator with one example per micro-batch (every block of every product is then a sum of n terms, set
 * by the first and added by the others), whose values the finite-difference tests ({@link DerivativesTest},
 * {@link ConvDerivativesTest}) check.
 */
class PassesTest {

    /** The reference: the same network's operator with micro-batches of one example. */
    static Hessian perExample(Network net, double[] theta, Dataset data, Loss loss) {
        return Hessian.at(net, theta, data, loss, 1);
    }

    @Test
    void wholeAndMicroBatchedOperatorsEqualThePerExampleSumsForEveryPartActivationLossBiasAndCentring() {
        for (Activation act : Activation.values()) {
            for (Loss loss : Loss.values()) {
                for (boolean bias : new boolean[]{false, true}) {
                    for (boolean centred : new boolean[]{false, true}) {
                        FCN plain = FCN.builder().input(7).width(6).depth(3).output(3).bias(bias).activation(act)
                                .build();
                        Network net = centred ? plain.centredAt(TestNets.params(plain, 2)) : plain;
                        Dataset data = TestNets.dataFor(loss, 11, 7, 3, 3);
                        double[] theta = TestNets.params(plain, 5);
                        double[] v = TestNets.randomVector(net.numParams(), 9);
                        double[] u = TestNets.randomVector(data.size() * 3, 10);
                        String what = act + " " + loss + " bias=" + bias + " centred=" + centred;
                        Hessian ref = perExample(net, theta, data, loss);
                        for (int micro : new int[]{11, 4}) { // H v over v; micro-batches of 4, 4, 3
                            Hessian h = Hessian.at(net, theta, data, loss, micro);
                            for (int part = 0; part < 3; part++) {
                                Hessian a = part == 0 ? ref : part == 1 ? ref.gaussNewton() : ref.functional();
                                Hessian b = part == 0 ? h : part == 1 ? h.gaussNewton() : h.functional();
                                double err = Vectors.relativeError(a.apply(v), b.apply(v));
                                assertTrue(err < 1e-13, what + " " + a.part() + ": " + err);
                            }
                            assertTrue(Vectors.relativeError(ref.gradient(), h.gradient()) < 1e-13, what + " gradient");
                            assertTrue(Vectors.relativeError(ref.jvp(v), h.jvp(v)) < 1e-13, what + " J v");
                            assertTrue(Vectors.relativeError(ref.vjp(u), h.vjp(u)) < 1e-13, what + " J^T u");
                            assertTrue(Vectors.relativeError(ref.outputs(), h.outputs()) < 1e-13, what + " f");
                            assertTrue(Math.abs(ref.loss() - h.loss()) <= 1e-13 * Math.abs(ref.loss()), what + " L");
                            assertArrayEquals(h.gradient(), h.gradient(), 0.0, what + " gradient asked twice");
                        }
                    }
                }
            }
        }
    }

    /**
     * The engine's micro-batches read the inputs' one native copy at an offset, and the kept native inputs follow
     * the dataset's array: a second dataset of the same shape, then the first again, each get their own products.
     */
    @Test
    void microBatchedOperatorsOnAlternatingDatasetsReadTheirOwnInputs() {
        for (Activation act : new Activation[]{Activation.RELU, Activation.TANH}) { // δ_1 made lazily / eagerly
            FCN net = FCN.builder().input(7).width(6).depth(3).output(3).activation(act).bias(true).build();
            double[] theta = TestNets.params(net, 5);
            double[] v = TestNets.randomVector(net.numParams(), 9);
            Dataset a = TestNets.dataFor(Loss.MSE, 11, 7, 3, 3);
            Dataset b = TestNets.dataFor(Loss.MSE, 11, 7, 3, 4);
            assertTrue(Vectors.relativeError(a.inputs(), b.inputs()) > 0.1, "the two datasets differ");
            for (Dataset data : List.of(a, b, a)) {
                Hessian ref = perExample(net, theta, data, Loss.MSE);
                double[] expected = ref.apply(v);
                double[] gradient = ref.gradient();
                for (int micro : new int[]{4, 11}) {
                    Hessian h = Hessian.at(net, theta, data, Loss.MSE, micro);
                    double err = Vectors.relativeError(expected, h.apply(v));
                    assertTrue(err < 1e-13, "micro-batch " + micro + ": " + err);
                    double gerr = Vectors.relativeError(gradient, h.gradient());
                    assertTrue(gerr < 1e-13, "gradient, micro-batch " + micro + ": " + gerr);
                }
            }
        }
    }

    /**
     * Products on several threads at once (each with its own work buffers and R-pass state) equal the products made
     * one by one, for a dense stack and a CNN.
     */
    @Test
    void concurrentProductsEqualSequentialOnes() throws Exception {
        FCN fcn = FCN.builder().input(12).width(16).depth(3).output(4).activation(Activation.TANH).build();
        Myrtle cnn = Myrtle.of(org.sharpnesslab.data.ImageShape.of(1, 8, 8), 5, 4, 10);
        for (Network net : List.of(fcn, cnn)) {
            Dataset data = TestNets.dataFor(Loss.MSE, 40, net.inputDim(), net.outputDim(), 5);
            try (Hessian h = Hessian.at(net, TestNets.params(net, 3), data, Loss.MSE, 16)) {
                concurrentProductsEqualSequentialOnes(net, h);
            }
        }
    }

    private static void concurrentProductsEqualSequentialOnes(Network net, Hessian h) throws Exception {
        int threads = 4;
        double[][] vs = new double[threads][];
        double[][] expected = new double[threads][];
        for (int i = 0; i < threads; i++) {
            vs[i] = TestNets.randomVector(net.numParams(), 20 + i);
            expected[i] = h.apply(vs[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> got = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < threads; i++) {
                    double[] v = vs[i];
                    got.add(pool.submit(() -> h.apply(v)));
                }
            }
            for (int j = 0; j < got.size(); j++) {
                assertArrayEquals(expected[j % threads], got.get(j).get(), "product " + j);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A network of one dense layer (a linear model: its Hessian is the Gauss-Newton part). */
    private record OneLayer(List<Layer> layers, Activation activation, double[] centre) implements Network {
        @Override
        public Network centredAt(double[] theta0) {
            return new OneLayer(layers, activation, theta0.clone());
        }
    }

    /**
     * With one micro-batch the product overwrites v's native copy block by block; with several it has its own sum.
     * Both give the per-example sums for every part, depth (the functional part of a one-layer network is
     * zero) and bias, and a second product on the same operator reads its v anew.
     */
    @Test
    void oneAndSeveralMicroBatchesGiveThePerExampleProductsAtEveryDepth() {
        for (int depth = 1; depth <= 3; depth++) {
            for (boolean bias : new boolean[]{false, true}) {
                for (Activation act : new Activation[]{Activation.RELU, Activation.TANH}) {
                    Network net = depth == 1 ? new OneLayer(List.of(new DenseLayer(7, 3, bias, 0.4, 1.0, 1.0, false)),
                            act, null) : FCN.builder().input(7).width(6).depth(depth).output(3).bias(bias)
                            .activation(act).build();
                    Dataset data = TestNets.dataFor(Loss.MSE, 11, 7, 3, 3);
                    double[] theta = TestNets.params(net, 5);
                    double[] v = TestNets.randomVector(net.numParams(), 9);
                    double[] v2 = TestNets.randomVector(net.numParams(), 19);
                    Hessian ref = perExample(net, theta, data, Loss.MSE);
                    for (int micro : new int[]{11, 4}) {
                        Hessian h = Hessian.at(net, theta, data, Loss.MSE, micro);
                        for (int part = 0; part < 3; part++) {
                            Hessian a = part == 0 ? ref : part == 1 ? ref.gaussNewton() : ref.functional();
                            Hessian b = part == 0 ? h : part == 1 ? h.gaussNewton() : h.functional();
                            for (double[] x : new double[][]{v, v2}) {
                                double[] expected = a.apply(x);
                                double[] got = b.apply(x);
                                String what = "depth " + depth + " bias " + bias + " " + act + " micro " + micro
                                        + " " + a.part();
                                if (depth == 1 && part == 2) {
                                    assertArrayEquals(new double[x.length], got, 0.0, what + ": zero");
                                } else {
                                    double err = Vectors.relativeError(expected, got);
                                    assertTrue(err < 1e-13, what + ": " + err);
                                }
                            }
                        }
                        h.close();
                    }
                }
            }
        }
    }

    /**
     * A closed operator refuses products, gradients and J v (loss and outputs stay readable), and its native
     * memory serves the next operator of the same shapes: that operator's products and gradient equal, bit for bit,
     * those of an operator built on fresh memory.
     */
    @Test
    void closedOperatorsRefuseProductsAndTheirMemoryServesTheNextOperatorExactly() {
        FCN net = FCN.builder().input(9).width(8).depth(3).output(3).bias(true).build();
        Dataset data = TestNets.dataFor(Loss.MSE, 13, 9, 3, 3);
        double[] theta = TestNets.params(net, 5);
        double[] other = TestNets.params(net, 6);
        double[] v = TestNets.randomVector(net.numParams(), 9);
        Hessian fresh = Hessian.at(net, theta, data, Loss.MSE);
        double[] expected = fresh.apply(v);
        double[] gradient = fresh.gradient();
        Hessian first = Hessian.at(net, other, data, Loss.MSE); // fills θ, activations, deltas with other values
        first.gradient();
        double loss = first.loss();
        first.close();
        first.close(); // twice does nothing
        assertThrows(IllegalStateException.class, () -> first.apply(v));
        assertThrows(IllegalStateException.class, () -> first.gaussNewton().apply(v));
        assertThrows(IllegalStateException.class, first::gradient);
        assertThrows(IllegalStateException.class, () -> first.jvp(v));
        assertEquals(loss, first.loss(), 0.0);
        try (Hessian next = Hessian.at(net, theta, data, Loss.MSE)) {
            assertArrayEquals(expected, next.apply(v), 0.0);
            assertArrayEquals(gradient, next.gradient(), 0.0);
        }
    }

    /**
     * The inputs' native copy of a dataset that is no longer the most recent stays alive while an open operator
     * reads it (another dataset's copy of the same size must not take its memory), and is given back when that
     * operator closes.
     */
    @Test
    void anOpenOperatorKeepsItsInputsCopyWhenAnotherDatasetTakesOver() {
        FCN net = FCN.builder().input(9).width(8).depth(3).output(3).build();
        Dataset a = TestNets.dataFor(Loss.MSE, 13, 9, 3, 3);
        Dataset b = TestNets.dataFor(Loss.MSE, 13, 9, 3, 4);
        double[] theta = TestNets.params(net, 5);
        double[] v = TestNets.randomVector(net.numParams(), 9);
        double[] onA = perExample(net, theta, a, Loss.MSE).apply(v);
        double[] onB = perExample(net, theta, b, Loss.MSE).apply(v);
        Hessian ha = Hessian.at(net, theta, a, Loss.MSE);
        try (Hessian hb = Hessian.at(net, theta, b, Loss.MSE)) { // b's copy is now the kept one
            assertTrue(Vectors.relativeError(onA, ha.apply(v)) < 1e-13, "a's operator still reads a");
            assertTrue(Vectors.relativeError(onB, hb.apply(v)) < 1e-13, "b's operator reads b");
        }
        ha.close();
        try (Hessian again = Hessian.at(net, theta, a, Loss.MSE)) {
            assertTrue(Vectors.relativeError(onA, again.apply(v)) < 1e-13, "a after its copy was given back");
        }
    }
}
