package org.sharpnesslab.data;

import java.util.function.Function;

/**
 * A function applied to a whole batch at once: inputs n×d row-major in, outputs n×k row-major out. A network's
 * forward pass is the intended implementation (the teacher of a teacher-student dataset, 000 App. B.1); any
 * per-example {@code Function<double[], double[]>} becomes one with {@link #of(Function)}.
 */
@FunctionalInterface
public interface BatchFunction {

    /**
     * The outputs for {@code n} examples.
     *
     * @param inputs   n×d row-major (not modified)
     * @param n        number of examples
     * @param inputDim d
     * @return n×k row-major, for some k ≥ 1 that is the same for every call
     */
    double[] apply(double[] inputs, int n, int inputDim);

    /** A batch function that applies {@code f} to one example at a time. */
    static BatchFunction of(Function<double[], double[]> f) {
        return (inputs, n, d) -> {
            double[] out = null;
            int k = -1;
            double[] x = new double[d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs, i * d, x, 0, d);
                double[] y = f.apply(x.clone());
                if (y == null || y.length == 0) {
                    throw new IllegalArgumentException("the target function returned "
                            + (y == null ? "null" : "an empty array") + " for example " + i);
                }
                if (out == null) {
                    k = y.length;
                    out = new double[n * k];
                } else if (y.length != k) {
                    throw new IllegalArgumentException("the target function returned " + y.length
                            + " outputs for example " + i + " but " + k + " for example 0");
                }
                System.arraycopy(y, 0, out, i * k, k);
            }
            return out;
        };
    }
}
