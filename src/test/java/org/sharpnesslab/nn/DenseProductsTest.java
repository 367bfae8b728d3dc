package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The off-heap engine of dense networks gives the same products as the generic passes on Java arrays. */
class DenseProductsTest {

    @Test
    void offHeapProductsEqualTheGenericPassesForEveryPartActivationLossAndMicroBatching() {
        for (Activation act : Activation.values()) {
            for (Loss loss : Loss.values()) {
                for (boolean bias : new boolean[]{false, true}) {
                    FCN net = FCN.builder().input(7).width(6).depth(3).output(3).bias(bias).activation(act).build();
                    Dataset data = TestNets.dataFor(loss, 11, 7, 3, 3);
                    double[] theta = TestNets.params(net, 5);
                    double[] v = TestNets.randomVector(net.numParams(), 9);
                    double[][] w = Passes.blocks(net, theta);
                    List<Tape> tapes = new ArrayList<>();
                    int micro = 4; // three micro-batches of 4, 4, 3
                    for (int s = 0; s < data.size(); s += micro) {
                        int b = Math.min(micro, data.size() - s);
                        double[] x = Arrays.copyOfRange(data.inputs(), s * 7, (s + b) * 7);
                        double[] y = Arrays.copyOfRange(data.targets(), s * 3, (s + b) * 3);
                        tapes.add(Passes.tape(net, w, null, x, y, b, loss, 1.0 / data.size()));
                    }
                    DenseProducts engine = new DenseProducts(net, w, tapes);
                    for (Passes.Mode mode : Passes.Mode.values()) {
                        double[][] vb = Passes.zeros(net);
                        Passes.unpack(v, vb);
                        double[][] ob = Passes.zeros(net);
                        for (Tape t : tapes) {
                            Passes.curvatureProduct(net, w, vb, t, loss, 1.0 / data.size(), mode, ob);
                        }
                        double[] expected = new double[v.length];
                        Passes.pack(ob, expected);
                        double[] got = new double[v.length];
                        engine.apply(v, got, loss, 1.0 / data.size(), mode);
                        double err = Vectors.relativeError(expected, got);
                        assertTrue(err < 1e-13, act + " " + loss + " bias=" + bias + " " + mode + ": " + err);
                    }
                }
            }
        }
    }

    /**
     * The engine's own forward pass ({@link Hessian#at} with micro-batches: the inputs' native copy at an offset per
     * micro-batch) gives the products and the gradient of the generic passes, and the kept native inputs follow the dataset's array:
     * a second dataset of the same shape, then the first again, each get their own products.
     */
    @Test
    void microBatchedOperatorsOnAlternatingDatasetsEqualTheGenericPasses() {
        for (Activation act : new Activation[]{Activation.RELU, Activation.TANH}) { // δ_1 made lazily / eagerly
            microBatchedOperatorsOnAlternatingDatasets(act);
        }
    }

    private static void microBatchedOperatorsOnAlternatingDatasets(Activation act) {
        FCN net = FCN.builder().input(7).width(6).depth(3).output(3).activation(act).bias(true).build();
        double[] theta = TestNets.params(net, 5);
        double[] v = TestNets.randomVector(net.numParams(), 9);
        Dataset a = TestNets.dataFor(Loss.MSE, 11, 7, 3, 3);
        Dataset b = TestNets.dataFor(Loss.MSE, 11, 7, 3, 4);
        assertTrue(Vectors.relativeError(a.inputs(), b.inputs()) > 0.1, "the two datasets differ");
        for (Dataset data : List.of(a, b, a)) {
            double[][] w = Passes.blocks(net, theta);
            double[][] ob = Passes.zeros(net);
            double[][] vb = Passes.zeros(net);
            Passes.unpack(v, vb);
            Tape whole = Passes.tape(net, w, null, data.inputs(), data.targets(), data.size(), Loss.MSE,
                    1.0 / data.size());
            Passes.curvatureProduct(net, w, vb, whole, Loss.MSE, 1.0 / data.size(), Passes.Mode.HESSIAN, ob);
            double[] expected = new double[v.length];
            Passes.pack(ob, expected);
            double[][] gb = Passes.zeros(net);
            Passes.gradient(net, whole, gb);
            double[] gradient = new double[v.length];
            Passes.pack(gb, gradient);
            for (int micro : new int[]{4, 11}) {
                Hessian h = Hessian.at(net, theta, data, Loss.MSE, micro);
                double err = Vectors.relativeError(expected, h.apply(v));
                assertTrue(err < 1e-13, "micro-batch " + micro + ": " + err);
                double gerr = Vectors.relativeError(gradient, h.gradient());
                assertTrue(gerr < 1e-13, "gradient, micro-batch " + micro + ": " + gerr);
            }
        }
    }

    /** Products on several threads at once (each with its own work buffers) equal the products made one by one. */
    @Test
    void concurrentProductsEqualSequentialOnes() throws Exception {
        FCN net = FCN.builder().input(12).width(16).depth(3).output(4).build();
        Dataset data = TestNets.dataFor(Loss.MSE, 40, 12, 4, 5);
        Hessian h = Hessian.at(net, TestNets.params(net, 3), data, Loss.MSE, 16);
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
}
