package org.sharpnesslab.data;

import org.sharpnesslab.task.Check;

/**
 * Smaller images for notebook-scale experiments: block averaging of square single-channel images.
 */
public final class Downsample {

    private Downsample() {
    }

    /**
     * Every input, read as a side×side image (row-major, one channel), replaced by the means of its
     * factor×factor blocks: (side/factor)² features. Targets and labels are kept.
     *
     * @param data   images of inputDim = side² (e.g. the 32×32 dice images of 004 §7.3)
     * @param factor block size ≥ 1 dividing side
     */
    public static Dataset blocks(Dataset data, int factor) {
        Check.notNull("data", data);
        int side = (int) Math.round(Math.sqrt(data.inputDim()));
        if (side * side != data.inputDim()) {
            throw new IllegalArgumentException("inputs must be square single-channel images; inputDim "
                    + data.inputDim() + " is not a square");
        }
        if (factor < 1 || side % factor != 0) {
            throw new IllegalArgumentException("factor must be >= 1 and divide the image side " + side + ", got "
                    + factor);
        }
        int s = side / factor;
        int d = s * s;
        double[] x = data.inputs();
        double[] out = new double[data.size() * d];
        double w = 1.0 / (factor * factor);
        for (int i = 0; i < data.size(); i++) {
            int in = i * data.inputDim();
            int o = i * d;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    out[o + (r / factor) * s + c / factor] += w * x[in + r * side + c];
                }
            }
        }
        return new Dataset(data.name() + " " + s + "x" + s, data.size(), d, data.outputDim(), out, data.targets(),
                data.labels());
    }

    /** Both sets of a split downsampled alike. */
    public static Split blocks(Split split, int factor) {
        return new Split(blocks(split.train(), factor), blocks(split.test(), factor));
    }
}
