package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
import java.util.List;

/**
 * Max pooling of every channel over {@code size}×{@code size} windows moved by {@code stride}, with
 * {@code padding} pixels of −∞ on every side: output side ⌊(H + 2·padding − size)/stride⌋ + 1. At the forward point
 * it is the linear selection of each window's arg-max (first one on ties), so its passes are that selection and
 * its transpose; its second derivative is zero almost everywhere (the ResNet stem, 3×3 stride 2 padding 1).
 *
 * @param in      input image shape
 * @param size    window side ≥ 1
 * @param stride  step ≥ 1
 * @param padding padding ≥ 0, &lt; size
 */
public record MaxPool2d(ImageShape in, int size, int stride, int padding) implements Stage {

    public MaxPool2d {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
        if (size < 1 || stride < 1 || padding < 0 || padding >= size || size > in.height() + 2 * padding
                || size > in.width() + 2 * padding) {
            throw new IllegalArgumentException("max pool needs size >= 1 within the padded input, stride >= 1, "
                    + "0 <= padding < size; were size=" + size + " stride=" + stride + " padding=" + padding
                    + " for input " + in);
        }
    }

    /** Non-overlapping k×k max pooling (stride k, no padding). */
    public static MaxPool2d of(ImageShape in, int k) {
        return new MaxPool2d(in, k, k, 0);
    }

    /** The output image shape. */
    public ImageShape out() {
        return new ImageShape(in.channels(), (in.height() + 2 * padding - size) / stride + 1,
                (in.width() + 2 * padding - size) / stride + 1);
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return out().size(); }

    @Override public List<Layer> layers() { return List.of(); }

    @Override
    public Stage.Pass forward(Memory m, Blocks w, int b0, Rows x) {
        ImageShape o = out();
        int batch = x.batch();
        int ho = o.height(), wo = o.width(), hi = in.height(), wi = in.width();
        int planes = batch * in.channels();
        int[] arg = new int[planes * ho * wo]; // relative to the input's first entry
        NativeArray ya = m.allocate(arg.length);
        DoubleBuffer xb = x.data().buffer();
        DoubleBuffer y = ya.buffer();
        int x0 = (int) x.offset();
        for (int pl = 0; pl < planes; pl++) {
            int xo = pl * hi * wi, yo = pl * ho * wo;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int kh = 0; kh < size; kh++) {
                        int ih = oh * stride - padding + kh;
                        if (ih < 0 || ih >= hi) {
                            continue;
                        }
                        for (int kw = 0; kw < size; kw++) {
                            int iw = ow * stride - padding + kw;
                            if (iw < 0 || iw >= wi) {
                                continue;
                            }
                            int idx = xo + ih * wi + iw;
                            double xi = xb.get(x0 + idx);
                            if (xi > best || at < 0) {
                                best = xi;
                                at = idx;
                            }
                        }
                    }
                    arg[yo + oh * wo + ow] = at;
                    y.put(yo + oh * wo + ow, best);
                }
            }
        }
        int inLen = planes * hi * wi;
        return new LinearPass(this, inLen, ya, true) {
            @Override
            NativeArray apply(Memory mem, NativeArray a) {
                NativeArray outA = mem.allocate(arg.length);
                DoubleBuffer ab = a.buffer();
                DoubleBuffer ob = outA.buffer();
                for (int i = 0; i < arg.length; i++) {
                    ob.put(i, ab.get(arg[i]));
                }
                return outA;
            }

            /** Windows may overlap (one input the arg-max of several) or leave inputs out: a sum over zeros. */
            @Override
            NativeArray transpose(Memory mem, NativeArray d) {
                NativeArray dxa = mem.zeros(inLen);
                DoubleBuffer db = d.buffer();
                DoubleBuffer dx = dxa.buffer();
                for (int i = 0; i < arg.length; i++) {
                    dx.put(arg[i], dx.get(arg[i]) + db.get(i));
                }
                return dxa;
            }
        };
    }

    @Override
    public String toString() {
        return "MaxPool2d[" + size + "×" + size + ", stride " + stride + ", padding " + padding + ", " + in + " → "
                + out() + "]";
    }
}
