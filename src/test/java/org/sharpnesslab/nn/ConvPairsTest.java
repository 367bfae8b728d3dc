package org.sharpnesslab.nn;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.Vectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolution's two-term passes ({@link Conv2d#forwardSum}, {@link Conv2d#backwardPair}: stacked GEMMs, the
 * transposed geometry at stride 1, the weight gradient through the deltas' or the input's columns) against the plain
 * formulas written as loops, on random small shapes: odd sizes, stride 1 and 2, padding 0 to 2, kernels 1 to 5,
 * bias, fewer or more input than output channels, and batches of several chunks; every combination of absent terms.
 */
class ConvPairsTest {

    private static final Conv2d[] CONVS = {
        new Conv2d(ImageShape.of(2, 7, 6), 3, 3, 1, 1, true, 0.7, 1.3, 1, false),
        new Conv2d(ImageShape.of(5, 5, 7), 2, 3, 1, 0, false, 1.2, 1, 1, false),
        new Conv2d(ImageShape.of(3, 9, 8), 4, 5, 1, 2, true, 1, 0.5, 1, false),
        new Conv2d(ImageShape.of(3, 6, 6), 4, 4, 1, 1, false, 1, 1, 1, false), // even kernel, asymmetric reach
        new Conv2d(ImageShape.of(2, 5, 5), 3, 1, 1, 0, true, 1, 1, 1, false),
        new Conv2d(ImageShape.of(3, 9, 9), 4, 3, 2, 1, true, 0.9, 1, 1, false),
        new Conv2d(ImageShape.of(3, 32, 32), 4, 3, 1, 1, true, 1, 1, 1, false), // several chunks at b = 40
        new Conv2d(ImageShape.of(6, 32, 32), 2, 3, 1, 1, false, 1, 1, 1, false), // C_in > C_out, several chunks
    };

    static int batch(Conv2d c) {
        return c.in().height() == 32 ? 40 : 3;
    }

    /** gradIn[b, ci, ih, iw] = γ Σ W[co, ci, kh, kw] d[b, co, oh, ow] over oh·s − p + kh = ih, ow·s − p + kw = iw. */
    static double[] directInputGradient(Conv2d c, double[] p, double[] d, int batch) {
        ImageShape in = c.in(), out = c.out();
        int k = c.kernel();
        double[] g = new double[batch * in.size()];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < out.channels(); co++) {
                for (int oh = 0; oh < out.height(); oh++) {
                    for (int ow = 0; ow < out.width(); ow++) {
                        double dv = d[b * out.size() + (co * out.height() + oh) * out.width() + ow];
                        for (int ci = 0; ci < in.channels(); ci++) {
                            for (int kh = 0; kh < k; kh++) {
                                for (int kw = 0; kw < k; kw++) {
                                    int ih = oh * c.stride() - c.padding() + kh;
                                    int iw = ow * c.stride() - c.padding() + kw;
                                    if (ih >= 0 && iw >= 0 && ih < in.height() && iw < in.width()) {
                                        g[b * in.size() + (ci * in.height() + ih) * in.width() + iw] += c.gamma()
                                                * p[((co * in.channels() + ci) * k + kh) * k + kw] * dv;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    /** ∂W[co, ci, kh, kw] = γ Σ d[b, co, oh, ow] x[b, ci, oh·s − p + kh, ow·s − p + kw]; bias β Σ d[b, co, ·]. */
    static double[] directParamGradient(Conv2d c, double[] x, double[] d, int batch, boolean withBias) {
        ImageShape in = c.in(), out = c.out();
        int k = c.kernel();
        double[] g = new double[c.numParams()];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < out.channels(); co++) {
                for (int oh = 0; oh < out.height(); oh++) {
                    for (int ow = 0; ow < out.width(); ow++) {
                        double dv = d[b * out.size() + (co * out.height() + oh) * out.width() + ow];
                        if (c.bias() && withBias) {
                            g[c.weightCount() + co] += c.biasGamma() * dv;
                        }
                        for (int ci = 0; ci < in.channels(); ci++) {
                            for (int kh = 0; kh < k; kh++) {
                                for (int kw = 0; kw < k; kw++) {
                                    int ih = oh * c.stride() - c.padding() + kh;
                                    int iw = ow * c.stride() - c.padding() + kw;
                                    if (ih >= 0 && iw >= 0 && ih < in.height() && iw < in.width()) {
                                        g[((co * in.channels() + ci) * k + kh) * k + kw] += c.gamma() * dv
                                                * x[b * in.size() + (ci * in.height() + ih) * in.width() + iw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    private static void close(double[] expected, double[] actual, String what) {
        double err = Vectors.relativeError(actual, expected);
        assertTrue(err < 1e-13, what + ": relative error " + err);
    }

    @Test
    void forwardSumIsBothTermsWithTheFirstTermsBias() {
        for (Conv2d c : CONVS) {
            int batch = batch(c);
            double[] p1 = ConvLayersTest.random(c.numParams(), 1);
            double[] p2 = ConvLayersTest.random(c.numParams(), 2);
            double[] x1 = ConvLayersTest.random(batch * c.inputSize(), 3);
            double[] x2 = ConvLayersTest.random(batch * c.inputSize(), 4);
            double[] y = ConvLayersTest.random(batch * c.outputSize(), 5); // old content ignored
            c.forwardSum(p1, x1, p2, x2, batch, y);
            double[] p2w = p2.clone();
            for (int i = c.weightCount(); i < p2w.length; i++) {
                p2w[i] = 0; // the second term has no bias
            }
            double[] ref = sum(ConvLayersTest.directConv(c, p1, x1, batch), ConvLayersTest.directConv(c, p2w, x2, batch));
            close(ref, y, c + " forwardSum");
        }
    }

    @Test
    void backwardPairMatchesThePlainFormulasForEveryCombinationOfTerms() {
        for (Conv2d c : CONVS) {
            int batch = batch(c);
            double[] p1 = ConvLayersTest.random(c.numParams(), 11);
            double[] p2 = ConvLayersTest.random(c.numParams(), 12);
            double[] x1 = ConvLayersTest.random(batch * c.inputSize(), 13);
            double[] x2 = ConvLayersTest.random(batch * c.inputSize(), 14);
            double[] d1 = ConvLayersTest.random(batch * c.outputSize(), 15);
            double[] d2 = ConvLayersTest.random(batch * c.outputSize(), 16);
            double[] g0 = ConvLayersTest.random(c.numParams(), 17); // grad is added to
            // mask: bit 0 first delta, 1 its x, 2 second delta, 3 its x, 4 input gradient wanted, 5 bias of the first
            for (int mask = 0; mask < 64; mask++) {
                boolean hasD1 = (mask & 1) != 0, hasX1 = (mask & 2) != 0, hasD2 = (mask & 4) != 0;
                boolean hasX2 = (mask & 8) != 0, input = (mask & 16) != 0, bias1 = (mask & 32) != 0;
                double[] grad = g0.clone();
                double[] gradIn = input ? ConvLayersTest.random(batch * c.inputSize(), 18) : null;
                c.backwardPair(hasD1 ? d1 : null, hasX1 ? x1 : null, p1, bias1, hasD2 ? d2 : null,
                        hasX2 ? x2 : null, p2, batch, grad, gradIn);
                double[] refGrad = g0.clone();
                if (hasD1 && hasX1) {
                    refGrad = sum(refGrad, directParamGradient(c, x1, d1, batch, bias1));
                }
                if (hasD2 && hasX2) {
                    refGrad = sum(refGrad, directParamGradient(c, x2, d2, batch, false));
                }
                String what = c + " mask " + mask;
                close(refGrad, grad, what + " weight gradient");
                if (input) {
                    double[] ref = new double[gradIn.length];
                    if (hasD1) {
                        ref = sum(ref, directInputGradient(c, p1, d1, batch));
                    }
                    if (hasD2) {
                        ref = sum(ref, directInputGradient(c, p2, d2, batch));
                    }
                    if (hasD1 || hasD2) {
                        close(ref, gradIn, what + " input gradient");
                    } else {
                        assertTrue(Vectors.norm(gradIn) == 0, what + ": no term gives a zero input gradient");
                    }
                }
            }
        }
    }

    @Test
    void singleTermPassesAgreeWithThePlainFormulasWithBeta() {
        for (Conv2d c : CONVS) {
            int batch = batch(c);
            double[] p = ConvLayersTest.random(c.numParams(), 21);
            double[] x = ConvLayersTest.random(batch * c.inputSize(), 22);
            double[] d = ConvLayersTest.random(batch * c.outputSize(), 23);
            double[] old = ConvLayersTest.random(batch * c.inputSize(), 24);
            double[] gradIn = old.clone();
            c.backwardInput(p, d, batch, 0.5, gradIn);
            double[] ref = directInputGradient(c, p, d, batch);
            for (int i = 0; i < ref.length; i++) {
                ref[i] += 0.5 * old[i];
            }
            close(ref, gradIn, c + " backwardInput with beta");
            double[] grad = new double[c.numParams()];
            c.backwardParams(x, d, batch, true, grad);
            close(directParamGradient(c, x, d, batch, true), grad, c + " backwardParams");
        }
    }
}
