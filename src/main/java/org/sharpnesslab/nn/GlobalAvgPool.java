package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;

import java.util.List;

/**
 * The mean of every channel over all positions, C×H×W → C (before the last dense layer of the Myrtle CNNs and
 * ResNets). Linear: its passes are A and Aᵀ.
 *
 * @param in input image shape
 */
public record GlobalAvgPool(ImageShape in) implements Stage {

    public GlobalAvgPool {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return in.channels(); }

    @Override public List<Layer> layers() { return List.of(); }

    @Override
    public Stage.Pass forward(double[][] w, int b0, double[] x, int batch) {
        return new LinearPass(mean(x, batch)) {
            @Override double[] apply(double[] a) { return mean(a, batch); }
            @Override double[] transpose(double[] d) { return spread(d, batch); }
        };
    }

    private double[] mean(double[] x, int batch) {
        int planes = batch * in.channels();
        int hw = in.plane();
        double[] y = new double[planes];
        for (int pl = 0; pl < planes; pl++) {
            double s = 0;
            for (int i = pl * hw, e = i + hw; i < e; i++) {
                s += x[i];
            }
            y[pl] = s / hw;
        }
        return y;
    }

    private double[] spread(double[] d, int batch) {
        int planes = batch * in.channels();
        int hw = in.plane();
        double[] dx = new double[planes * hw];
        for (int pl = 0; pl < planes; pl++) {
            java.util.Arrays.fill(dx, pl * hw, (pl + 1) * hw, d[pl] / hw);
        }
        return dx;
    }

    @Override
    public String toString() {
        return "GlobalAvgPool[" + in + " → " + in.channels() + "]";
    }
}
