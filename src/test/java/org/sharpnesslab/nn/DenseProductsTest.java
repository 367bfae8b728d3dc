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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The off-heap engine of dense stacks gives the same products, gradient, J v, Jᵀ u and loss as the generic stage
 * passes of the same network (the chain of {@link LayerStage}s and {@link Activate}s, run as a {@link Sequential}).
 */
class DenseProductsTest {

    /** The same network through the generic engine: its chain of stages as a stage network (same θ layout). */
    static Sequential generic(Network net) {
        return new Sequential(Passes.body(net), net.centre());
    }

    @Test
    void offHeapEngineEqualsTheStagePassesForEveryPartActivationLossBiasCentringAndMicroBatching() {
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
                        Hessian ref = Hessian.at(generic(net), theta, data, loss, 11);
                        Hessian h = Hessian.at(net, theta, data, loss, 4); // micro-batches of 4, 4, 3
                        assertTrue(DenseProducts.supports(net) && !DenseProducts.supports(generic(net)));
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
    void microBatchedOperatorsOnAlternatingDatasetsEqualTheStagePasses() {
        for (Activation act : new Activation[]{Activation.RELU, Activation.TANH}) { // δ_1 made lazily / eagerly
            FCN net = FCN.builder().input(7).width(6).depth(3).output(3).activation(act).bias(true).build();
            double[] theta = TestNets.params(net, 5);
            double[] v = TestNets.randomVector(net.numParams(), 9);
            Dataset a = TestNets.dataFor(Loss.MSE, 11, 7, 3, 3);
            Dataset b = TestNets.dataFor(Loss.MSE, 11, 7, 3, 4);
            assertTrue(Vectors.relativeError(a.inputs(), b.inputs()) > 0.1, "the two datasets differ");
            for (Dataset data : List.of(a, b, a)) {
                Hessian ref = Hessian.at(generic(net), theta, data, Loss.MSE);
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
