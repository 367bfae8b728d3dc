package org.sharpnesslab.nn;

import org.sharpnesslab.data.Dataset;

import java.util.Random;

/** Small seeded networks and datasets shared by the nn tests. */
public final class TestNets {
    private TestNets() {
    }

    public static Dataset regression(int n, int d, int k, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        double[] y = new double[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian();
        }
        return new Dataset("random", n, d, k, x, y, null);
    }

    public static Dataset classification(int n, int d, int k, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        double[] y = new double[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k);
            y[i * k + labels[i]] = 1;
        }
        return new Dataset("random-labels", n, d, k, x, y, labels);
    }

    public static double[] randomVector(int p, long seed) {
        Random r = new Random(seed);
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** Random params of O(1) scale including non-zero biases (init leaves biases at 0). */
    public static double[] params(Network net, long seed) {
        double[] t = net.init(seed);
        Random r = new Random(seed + 7);
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 0) {
                t[i] = 0.3 * r.nextGaussian();
            }
        }
        return t;
    }

    public static Dataset dataFor(Loss loss, int n, int d, int k, long seed) {
        return loss.squared() ? regression(n, d, k, seed) : classification(n, d, k, seed);
    }

    /**
     * A stage's forward pass on Java arrays: y for a batch of x, with the stage's parameter blocks {@code w} from
     * block {@code b0} of a network laid out like {@code w} (null for a stage without parameters).
     */
    public static double[] forward(Stage stage, double[][] w, int b0, double[] x, int batch) {
        double[][] blocks = w == null ? new double[0][] : w;
        int p = 0;
        for (double[] b : blocks) {
            p += b.length;
        }
        java.util.List<Layer> layers = new java.util.ArrayList<>();
        for (double[] b : blocks) {
            layers.add(new DenseLayer(1, Math.max(1, b.length), false, 1, 1, 0, false)); // a block of b.length entries
        }
        org.sharpnesslab.linalg.NativeArray theta = org.sharpnesslab.linalg.NativeArray.allocate(Math.max(1, p));
        int off = 0;
        for (double[] b : blocks) {
            theta.copyFrom(b, 0, off, b.length);
            off += b.length;
        }
        try (Memory.Kept m = Memory.kept()) {
            org.sharpnesslab.linalg.NativeArray xn = m.allocate(x.length).copyFrom(x, 0, 0, x.length);
            Stage.Pass pass = stage.forward(m, Blocks.over(layers, theta), b0, new Stage.Rows(xn, 0, batch, true,
                    false));
            return pass.output().toArray(batch * stage.outputSize());
        } finally {
            theta.close();
        }
    }
}
