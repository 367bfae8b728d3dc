package org.sharpnesslab.nn;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.task.Check;

/** Loss and accuracy of a network on a dataset. */
public final class Metrics {

    private Metrics() {
    }

    /** L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) on the whole dataset (see {@link Loss} for the normalisation). */
    public static double loss(Network net, double[] params, Dataset data, Loss loss) {
        Check.notNull("net", net);
        Check.notNull("params", params);
        Check.notNull("data", data);
        Check.notNull("loss", loss);
        double[] f = net.forward(params, data.inputs());
        int k = data.outputDim();
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += loss.value(f, i * k, data.targets(), i * k, k);
        }
        return s / data.size();
    }

    /** Accuracy of f(x; θ) on the dataset ({@link #accuracy(double[], Dataset)}). */
    public static double accuracy(Network net, double[] params, Dataset data) {
        Check.notNull("net", net);
        Check.notNull("params", params);
        Check.notNull("data", data);
        return accuracy(net.forward(params, data.inputs()), data);
    }

    /**
     * The fraction of examples whose arg-max output equals the label (the dataset's labels, else the arg-max of
     * the target when k > 1). For a single output (k = 1) without labels: the fraction with sign(f) = sign(y).
     *
     * @param outputs n×k row-major network outputs
     */
    public static double accuracy(double[] outputs, Dataset data) {
        Check.notNull("outputs", outputs);
        Check.notNull("data", data);
        if (outputs.length != (long) data.size() * data.outputDim()) {
            throw Check.range("outputs.length", "n*k = " + data.size() + "*" + data.outputDim(), outputs.length);
        }
        int k = data.outputDim();
        int hits = 0;
        for (int i = 0; i < data.size(); i++) {
            if (k == 1 && data.labels() == null) {
                hits += Math.signum(outputs[i]) == Math.signum(data.targets()[i]) ? 1 : 0;
                continue;
            }
            int label = data.labels() != null ? data.labels()[i] : argmax(data.targets(), i * k, k);
            hits += argmax(outputs, i * k, k) == label ? 1 : 0;
        }
        return (double) hits / data.size();
    }

    private static int argmax(double[] a, int off, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (a[off + c] > a[off + best]) {
                best = c;
            }
        }
        return best;
    }
}
