package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
}
