package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
import java.util.List;

/**
 * Average pooling of every channel over {@code size}×{@code size} windows moved by {@code stride}, no padding:
 * output side ⌊(H − size)/stride⌋ + 1. Linear, so its passes are A and Aᵀ (the Myrtle CNNs' 2×2 pooling, 002 App. A).
 *
 * @param in     input image shape
 * @param size   window side ≥ 1
 * @param stride step ≥ 1
 */
public record AvgPool2d(ImageShape in, int size, int stride) implements Stage {

    public AvgPool2d {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
        if (size < 1 || stride < 1 || size > in.height() || size > in.width()) {
            throw new IllegalArgumentException("pool size must be in [1, min(H, W)] and stride >= 1, were size="
                    + size + " stride=" + stride + " for input " + in);
        }
    }

    /** Non-overlapping k×k pooling (stride k). */
    public static AvgPool2d of(ImageShape in, int k) {
        return new AvgPool2d(in, k, k);
    }

    /** The output image shape. */
    public ImageShape out() {
        return new ImageShape(in.channels(), (in.height() - size) / stride + 1, (in.width() - size) / stride + 1);
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return out().size(); }

    @Override public List<Layer> layers() { return List.of(); }

    @Override
    public Stage.Pass forward(Memory m, Blocks w, int b0, Rows x) {
        int batch = x.batch();
        NativeArray y = pool(x.data(), x.offset(), batch, m.allocate((long) batch * outputSize()));
        return new LinearPass(this, batch * inputSize(), y, true) {
            @Override
            NativeArray apply(Memory mem, NativeArray a) {
                return pool(a, 0, batch, mem.allocate((long) batch * outputSize()));
            }

            @Override
            NativeArray transpose(Memory mem, NativeArray d) {
                return spread(d, batch, mem.zeros((long) batch * inputSize()));
            }
        };
    }

    /** y = A x (x from xOff; every entry of y written). */
    private NativeArray pool(NativeArray xa, long xOff, int batch, NativeArray ya) {
        ImageShape o = out();
        int ho = o.height(), wo = o.width(), hi = in.height(), wi = in.width();
        int planes = batch * in.channels();
        double inv = 1.0 / (size * size);
        DoubleBuffer x = xa.buffer();
        DoubleBuffer y = ya.buffer();
        int x0 = (int) xOff;
        for (int pl = 0; pl < planes; pl++) {
            int xo = x0 + pl * hi * wi, yo = pl * ho * wo;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++) {
                    double s = 0;
                    for (int kh = 0; kh < size; kh++) {
                        int r = xo + (oh * stride + kh) * wi + ow * stride;
                        for (int kw = 0; kw < size; kw++) {
                            s += x.get(r + kw);
                        }
                    }
                    y.put(yo + oh * wo + ow, s * inv);
                }
            }
        }
        return ya;
    }

    /** dx += Aᵀ d (dx zeroed by the caller: windows may overlap or leave pixels out). */
    private NativeArray spread(NativeArray da, int batch, NativeArray dxa) {
        ImageShape o = out();
        int ho = o.height(), wo = o.width(), hi = in.height(), wi = in.width();
        int planes = batch * in.channels();
        double inv = 1.0 / (size * size);
        DoubleBuffer d = da.buffer();
        DoubleBuffer dx = dxa.buffer();
        for (int pl = 0; pl < planes; pl++) {
            int xo = pl * hi * wi, yo = pl * ho * wo;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++) {
                    double g = d.get(yo + oh * wo + ow) * inv;
                    for (int kh = 0; kh < size; kh++) {
                        int r = xo + (oh * stride + kh) * wi + ow * stride;
                        for (int kw = 0; kw < size; kw++) {
                            dx.put(r + kw, dx.get(r + kw) + g);
                        }
                    }
                }
            }
        }
        return dxa;
    }

    @Override
    public String toString() {
        return "AvgPool2d[" + size + "×" + size + ", stride " + stride + ", " + in + " → " + out() + "]";
    }
}
