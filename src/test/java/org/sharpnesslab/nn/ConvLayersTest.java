package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.data.ImageShape;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolution against a direct loop (forward and both adjoints, several strides/paddings, chunked batches),
 * pooling against hand values, the residual identities, the architectures' sizes and initial statistics, and their
 * exact products against finite differences.
 */
class ConvLayersTest {

    static double[] random(int n, long seed) {
        return TestNets.randomVector(n, seed);
    }

    /** y[b, co, oh, ow] = γ Σ W[co, ci, kh, kw] x[b, ci, oh·s − p + kh, ow·s − p + kw] + β bias[co]. */
    static double[] directConv(Conv2d c, double[] p, double[] x, int batch) {
        ImageShape in = c.in(), out = c.out();
        int k = c.kernel();
        double[] y = new double[batch * out.size()];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < out.channels(); co++) {
                for (int oh = 0; oh < out.height(); oh++) {
                    for (int ow = 0; ow < out.width(); ow++) {
                        double s = 0;
                        for (int ci = 0; ci < in.channels(); ci++) {
                            for (int kh = 0; kh < k; kh++) {
                                for (int kw = 0; kw < k; kw++) {
                                    int ih = oh * c.stride() - c.padding() + kh;
                                    int iw = ow * c.stride() - c.padding() + kw;
                                    if (ih < 0 || iw < 0 || ih >= in.height() || iw >= in.width()) {
                                        continue;
                                    }
                                    s += p[((co * in.channels() + ci) * k + kh) * k + kw]
                                            * x[b * in.size() + (ci * in.height() + ih) * in.width() + iw];
                                }
                            }
                        }
                        double bias = c.bias() ? c.biasGamma() * p[c.weightCount() + co] : 0;
                        y[b * out.size() + (co * out.height() + oh) * out.width() + ow] = c.gamma() * s + bias;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convolutionMatchesDirectLoopAndItsAdjoints() {
        Conv2d[] convs = {
            new Conv2d(ImageShape.of(2, 7, 6), 3, 3, 1, 1, true, 0.7, 1.3, 1, false),
            new Conv2d(ImageShape.of(3, 9, 9), 4, 3, 2, 1, false, 1, 1, 1, false),
            new Conv2d(ImageShape.of(2, 8, 8), 2, 1, 2, 0, true, 1, 1, 1, false),
            new Conv2d(ImageShape.of(1, 11, 10), 2, 7, 2, 3, false, 1.1, 1, 1, false),
            new Conv2d(ImageShape.of(2, 5, 5), 3, 4, 3, 2, true, 1, 0.5, 1, false),
            new Conv2d(ImageShape.of(3, 32, 32), 4, 3, 1, 1, true, 1, 1, 1, false), // several im2col chunks at b = 80
        };
        for (Conv2d c : convs) {
            int batch = c.in().size() == 3072 ? 80 : 3;
            double[] p = random(c.numParams(), 1);
            double[] x = random(batch * c.inputSize(), 2);
            double[] y = new double[batch * c.outputSize()];
            c.forward(p, x, batch, true, 0.0, y);
            double[] ref = directConv(c, p, x, batch);
            assertTrue(Vectors.relativeError(y, ref) < 1e-13, c + ": forward vs direct " + Vectors.relativeError(y, ref));
            // beta accumulates
            double[] y2 = y.clone();
            c.forward(p, x, batch, true, 2.0, y2);
            for (int i = 0; i < y.length; i++) {
                assertEquals(3 * ref[i], y2[i], 1e-12 * (1 + Math.abs(ref[i])));
            }
            // adjoints: <δ, L(x; W)> = <Lᵀ_x δ, x> = <∂_W, W> (weights only: no bias)
            double[] delta = random(y.length, 3);
            double[] pw = p.clone();
            for (int i = c.weightCount(); i < pw.length; i++) {
                pw[i] = 0;
            }
            double lin = Vectors.dot(delta, directConv(c, pw, x, batch));
            double[] gx = new double[x.length];
            c.backwardInput(pw, delta, batch, 0.0, gx);
            assertEquals(lin, Vectors.dot(gx, x), 1e-11 * (1 + Math.abs(lin)), c + " input adjoint");
            double[] gw = new double[p.length];
            c.backwardParams(x, delta, batch, false, gw);
            assertEquals(lin, Vectors.dot(gw, pw), 1e-11 * (1 + Math.abs(lin)), c + " weight adjoint");
            if (c.bias()) {
                double[] gb = new double[p.length];
                c.backwardParams(x, delta, batch, true, gb);
                double s = 0;
                for (int co = 0; co < c.outChannels(); co++) {
                    s += gb[c.weightCount() + co] - gw[c.weightCount() + co];
                }
                double sd = 0;
                for (double d : delta) {
                    sd += d;
                }
                assertEquals(c.biasGamma() * sd, s, 1e-10 * (1 + Math.abs(sd)), c + " bias gradient");
            }
        }
    }

    @Test
    void poolingOnHandValues() {
        ImageShape s = ImageShape.of(1, 4, 4);
        double[] x = new double[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        double[] avg = TestNets.forward(AvgPool2d.of(s, 2), null, 0, x, 1);
        assertEquals(List.of(2.5, 4.5, 10.5, 12.5), List.of(avg[0], avg[1], avg[2], avg[3]));
        double[] max = TestNets.forward(new MaxPool2d(s, 3, 2, 1), null, 0, x, 1);
        assertEquals(List.of(5.0, 7.0, 13.0, 15.0), List.of(max[0], max[1], max[2], max[3]));
        assertEquals(7.5, TestNets.forward(new GlobalAvgPool(s), null, 0, x, 1)[0], 1e-15);
    }

    @Test
    void residualBlockWithZeroResidualWeightsIsItsShortcut() {
        // ResNet with Flax's zero gain on each branch's last LayerNorm: at θ₀ every block's sum is its shortcut
        ResNet net = ResNet.of(ImageShape.of(2, 16, 16), List.of(1, 1), 4, 2);
        double[][] w = Passes.blocks(net, net.init(3));
        int b = 0;
        int blocks = 0;
        for (Stage m : ((Chain) net.body()).stages()) {
            if (m instanceof Residual r) {
                double[] x = random(3 * r.inputSize(), 17 + b);
                double[] y = TestNets.forward(r, w, b, x, 3);
                double[] expect = r.shortcut() == null ? x
                        : TestNets.forward(r.shortcut(), w, b + r.branch().layers().size(), x, 3);
                assertEquals(0.0, Vectors.relativeError(y, expect), 1e-15, "block " + blocks + " = its shortcut");
                blocks++;
            }
            b += m.layers().size();
        }
        assertEquals(2, blocks);
        // an identity residual whose branch has zero conv weights (and LayerNorm shift 0) is the identity
        ImageShape s = ImageShape.of(3, 6, 6);
        Conv2d c = Conv2d.same(s, 3, 3);
        Residual res = Residual.identity(Chain.of(new LayerStage(c), LayerNorm.of(s)));
        double[][] ww = {new double[c.numParams()], {1, 2, 3, 0, 0, 0}};
        double[] x = random(4 * s.size(), 19);
        assertEquals(0.0, Vectors.relativeError(TestNets.forward(res, ww, 0, x, 4), x), 1e-15);
    }

    @Test
    void architecturesHaveThePapersSizesAndInitialScale() {
        Myrtle m5 = Myrtle.of(5, 32, 10);
        assertEquals(9 * 3 * 32 + 3 * 9 * 32 * 32 + 32 * 10, m5.numParams());
        assertEquals(5, m5.layers().size());
        assertEquals(7, Myrtle.of(7, 8, 10).layers().size());
        assertEquals(10, Myrtle.of(10, 8, 10).layers().size());
        assertEquals(10, m5.outputDim());
        assertEquals(3072, m5.inputDim());
        // He init: conv weights of the hidden layers have variance 2 / (9 w)
        double[] theta = m5.init(1);
        int off = 9 * 3 * 32;
        double s2 = 0;
        int n = 9 * 32 * 32;
        for (int i = off; i < off + n; i++) {
            s2 += theta[i] * theta[i];
        }
        assertEquals(2.0 / (9 * 32), s2 / n, 0.05 * 2.0 / (9 * 32));
        ResNet r18 = ResNet.resnet18(8, 10);
        assertEquals(18, r18.depth());
        assertEquals(34, ResNet.resnet34(8, 10).depth());
        // convs: stem 49·3·w; stage i: blocks of 2 convs 9·c·c (first: 9·c_in·c) + projection c_in·c; LNs 2c each
        int w = 8;
        long p = 49L * 3 * w + 2L * w;
        int cin = w;
        int[] blocks = {2, 2, 2, 2};
        for (int i = 0; i < 4; i++) {
            int c = w << i;
            for (int j = 0; j < blocks[i]; j++) {
                p += 9L * cin * c + 2L * c + 9L * c * c + 2L * c;
                if (cin != c) {
                    p += (long) cin * c + 2L * c;
                }
                cin = c;
            }
        }
        p += 8L * w * 10;
        assertEquals(p, r18.numParams());
        // every architecture runs forward on CIFAR-shaped inputs (2 images)
        double[] x2 = random(2 * 3072, 33);
        for (StageNetwork net : List.of(Myrtle.of(7, 4, 10), Myrtle.of(10, 4, 10), ResNet.resnet18(4, 10),
                ResNet.resnet34(4, 10).withParameterization(Parameterization.ntp()))) {
            double[] f = net.forward(net.init(1), x2);
            assertEquals(20, f.length, net.toString());
            assertTrue(Arrays.stream(f).allMatch(Double::isFinite) && Vectors.norm(f) > 0, net.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Myrtle.of(6, 8, 10));
        assertThrows(IllegalArgumentException.class, () -> ResNet.of(ImageShape.CIFAR10, List.of(), 8, 10));
        // zero last layer and centring give f(θ₀) = 0
        Myrtle z = Myrtle.of(ImageShape.of(1, 8, 8), 5, 4, 3).withZeroLastLayer(true);
        Dataset d = TestNets.regression(3, 64, 3, 5);
        assertEquals(0.0, Vectors.norm(z.forward(z.init(2), d.inputs())), 0.0);
    }

    @Test
    void smallMyrtleAndResNetProductsMatchFiniteDifferencesInEveryParameterization() {
        ImageShape s = ImageShape.of(2, 8, 8);
        Parameterization[] ps = {Parameterization.sp(), Parameterization.ntp(), Parameterization.muP()};
        double worst = 0;
        for (Parameterization par : ps) {
            List<StageNetwork> nets = List.of(
                    Myrtle.of(s, 5, 3, 2).withParameterization(par).withAlpha(0.8),
                    ResNet.of(s, List.of(1, 1), 2, 2).withParameterization(par).withZeroResidual(false));
            for (StageNetwork net : nets) {
                for (Loss loss : par.kind() == Parameterization.Kind.SP ? Loss.values() : new Loss[]{Loss.MSE}) {
                    Dataset data = TestNets.dataFor(loss, 3, s.size(), 2, 41);
                    double[] theta = TestNets.params(net, 5);
                    double[] v = TestNets.randomVector(theta.length, 6);
                    Hessian h = Hessian.at(net, theta, data, loss);
                    double eg = Vectors.relativeError(h.gradient(),
                            ConvDerivativesTest.fdGradient(net, theta, data, loss, 1e-4));
                    double eh = Vectors.relativeError(h.apply(v),
                            ConvDerivativesTest.fdHvp(net, theta, v, data, loss, 1e-4));
                    worst = Math.max(worst, Math.max(eg, eh));
                    assertTrue(eg < 1e-8 && eh < 1e-8, net + " " + loss + ": gradient " + eg + ", HVP " + eh);
                }
            }
        }
        System.out.println("Myrtle/ResNet gradient and HVP vs FD: worst relative error " + worst);
    }
}
