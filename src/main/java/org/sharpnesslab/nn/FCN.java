package org.sharpnesslab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sharpnesslab.task.Check;

/**
 * A fully connected network of {@code depth} weight layers, d_in → n → … → n → k, in one of the parameterisations
 * of 000 App. B.2.1 ({@link Parameterization}), without bias by default (000 B.2, 002 App. A), output scaled by α
 * (002 §4: f_s = α f), optionally with the last layer initialised to zero, and optionally centred
 * (f − f(θ₀), 002 §4). Build with {@code FCN.builder().input(784).width(512).depth(3).output(10).build()} or
 * the short {@code FCN.of(dIn, width, depth, k)}.
 *
 * @param inputDim        d_in ≥ 1
 * @param width           n ≥ 1, the width of every hidden layer
 * @param depth           number of weight layers d ≥ 2
 * @param outputDim       k ≥ 1
 * @param activation      φ of the hidden layers
 * @param bias            whether every layer has a bias (initialised to 0, multiplier 1; α on the last)
 * @param parameterization SP, NTP, μP or interpolating s
 * @param sigmaW2         σ_w² > 0 (2 = He/criticality for ReLU, the default)
 * @param zeroLastLayer   initialise the last layer's weights to zero (f(x; θ₀) = 0, 002 App. G)
 * @param alpha           output scale α ≠ 0, fixed in training
 * @param centre          θ₀ of the centred network, or null
 */
public record FCN(int inputDim, int width, int depth, int outputDim, Activation activation, boolean bias,
                  Parameterization parameterization, double sigmaW2, boolean zeroLastLayer, double alpha,
                  double[] centre) implements Network {

    public FCN {
        DenseShape.check(inputDim, width, depth, outputDim);
        if (activation == null || parameterization == null) {
            throw new IllegalArgumentException("activation and parameterization must not be null");
        }
        if (!(sigmaW2 > 0) || Double.isInfinite(sigmaW2)) {
            throw new IllegalArgumentException("sigmaW2 must be finite and > 0, got " + sigmaW2);
        }
        if (!(alpha != 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and non-zero, got " + alpha);
        }
        int p = countParams(inputDim, width, depth, outputDim, bias);
        if (centre != null && centre.length != p) {
            throw new IllegalArgumentException("centre must have numParams = " + p + " entries, had "
                    + centre.length);
        }
    }

    /** A ReLU FCN in SP with σ_w² = 2, no bias (000 App. B.2 defaults). */
    public static FCN of(int inputDim, int width, int depth, int outputDim) {
        return builder().input(inputDim).width(width).depth(depth).output(outputDim).build();
    }

    /** A builder with the defaults: ReLU, SP, σ_w² = 2, no bias, α = 1, not centred. */
    public static Builder builder() {
        return new Builder();
    }

    /** This network centred at θ₀: f(x; θ) − f(x; θ₀) (002 §4). */
    @Override
    public FCN centredAt(double[] theta0) {
        Check.notNull("theta0", theta0);
        return with(o -> o.centre = theta0.clone());
    }

    /** The plain (uncentred) network. */
    public FCN uncentred() {
        return with(o -> o.centre = null);
    }

    public FCN withActivation(Activation a) {
        return with(o -> o.activation = a);
    }

    public FCN withParameterization(Parameterization p) {
        return with(o -> o.parameterization = p);
    }

    public FCN withSigmaW2(double s2) {
        return with(o -> o.sigmaW2 = s2);
    }

    public FCN withBias(boolean b) {
        return with(o -> {
            o.bias = b;
            o.centre = null;
        });
    }

    public FCN withAlpha(double a) {
        return with(o -> o.alpha = a);
    }

    @Override
    public List<Layer> layers() {
        List<Layer> ls = new ArrayList<>(depth);
        for (int l = 1; l <= depth; l++) {
            int in = l == 1 ? inputDim : width;
            int out = l == depth ? outputDim : width;
            boolean last = l == depth;
            double gamma = parameterization.multiplier(l, depth, inputDim, width, sigmaW2) * (last ? alpha : 1);
            double std = Math.sqrt(parameterization.initVariance(l, depth, inputDim, width, sigmaW2));
            ls.add(new DenseLayer(in, out, bias, gamma, last ? alpha : 1.0, std, last && zeroLastLayer));
        }
        return Collections.unmodifiableList(ls);
    }

    @Override
    public int numParams() {
        return countParams(inputDim, width, depth, outputDim, bias);
    }

    private static int countParams(int din, int n, int d, int k, boolean bias) {
        long p = (long) din * n + (long) (d - 2) * n * n + (long) n * k + (bias ? (long) (d - 1) * n + k : 0);
        if (p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network too large: " + p + " parameters");
        }
        return (int) p;
    }

    @Override
    public String toString() {
        return String.format("FCN[%d→%s→%d, depth=%d, %s, %s, sigmaW2=%s%s%s%s%s]", inputDim,
                width, outputDim, depth, activation, parameterization, sigmaW2, bias ? ", bias" : "",
                zeroLastLayer ? ", zero last layer" : "", alpha != 1 ? ", alpha=" + alpha : "",
                centre != null ? ", centred" : "");
    }

    /** Builder for {@link FCN}; defaults from 000 App. B.2 (ReLU, SP, σ_w² = 2, no bias, α = 1). */
    public static final class Builder {
        private int inputDim = -1;
        private int width = 512;
        private int depth = 3;
        private int outputDim = 1;
        private Activation activation = Activation.RELU;
        private boolean bias;
        private Parameterization parameterization = Parameterization.sp();
        private double sigmaW2 = 2.0;
        private boolean zeroLastLayer;
        private double alpha = 1.0;
        private double[] centre;

        public Builder() {
        }

        /** A builder holding {@code f}'s knobs and centre (the copy {@link FCN}'s withers edit). */
        private Builder(FCN f) {
            inputDim = f.inputDim;
            width = f.width;
            depth = f.depth;
            outputDim = f.outputDim;
            activation = f.activation;
            bias = f.bias;
            parameterization = f.parameterization;
            sigmaW2 = f.sigmaW2;
            zeroLastLayer = f.zeroLastLayer;
            alpha = f.alpha;
            centre = f.centre;
        }

        public Builder input(int d) { inputDim = d; return this; }
        public Builder width(int n) { width = n; return this; }
        /** Number of weight layers (a depth-3 FCN has two hidden layers). */
        public Builder depth(int d) { depth = d; return this; }
        public Builder output(int k) { outputDim = k; return this; }
        public Builder activation(Activation a) { activation = a; return this; }
        public Builder relu() { return activation(Activation.RELU); }
        public Builder linear() { return activation(Activation.LINEAR); }
        public Builder tanh() { return activation(Activation.TANH); }
        public Builder elu() { return activation(Activation.ELU); }
        public Builder bias(boolean b) { bias = b; return this; }
        public Builder parameterization(Parameterization p) { parameterization = p; return this; }
        public Builder sp() { return parameterization(Parameterization.sp()); }
        public Builder ntp() { return parameterization(Parameterization.ntp()); }
        public Builder muP() { return parameterization(Parameterization.muP()); }
        public Builder interpolating(double s) { return parameterization(Parameterization.interpolating(s)); }
        public Builder sigmaW2(double s2) { sigmaW2 = s2; return this; }
        public Builder zeroLastLayer(boolean z) { zeroLastLayer = z; return this; }
        public Builder alpha(double a) { alpha = a; return this; }

        public FCN build() {
            if (inputDim < 1) {
                throw new IllegalArgumentException("input dimension must be set to >= 1 (input(d)), got "
                        + inputDim);
            }
            return new FCN(inputDim, width, depth, outputDim, activation, bias, parameterization, sigmaW2,
                    zeroLastLayer, alpha, centre);
        }
    }

    /** This network with the knobs {@code edit} changes, validated again: the one copy helper of the withers. */
    private FCN with(java.util.function.Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }
}
