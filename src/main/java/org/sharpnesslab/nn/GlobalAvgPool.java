package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.nio.DoubleBuffer;
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
    public Stage.Pass forward(Memory m, Blocks w, int b0, Rows x) {
        int batch = x.batch();
        NativeArray y = mean(x.data(), x.offset(), batch, m.allocate((long) batch * outputSize()));
        return new LinearPass(this, batch * inputSize(), y, true) {
            @Override
            NativeArray apply(Memory mem, NativeArray a) {
                return mean(a, 0, batch, mem.allocate((long) batch * outputSize()));
            }

            @Override
            NativeArray transpose(Memory mem, NativeArray d) {
                return spread(d, batch, mem.allocate((long) batch * inputSize()));
            }
        };
    }

    /** y = A x (x from xOff). */
    private NativeArray mean(NativeArray xa, long xOff, int batch, NativeArray ya) {
        int planes = batch * in.channels();
        int hw = in.plane();
        DoubleBuffer x = xa.buffer();
        DoubleBuffer y = ya.buffer();
        int x0 = (int) xOff;
        for (int pl = 0; pl < planes; pl++) {
            double s = 0;
            for (int i = x0 + pl * hw, e = i + hw; i < e; i++) {
                s += x.get(i);
            }
            y.put(pl, s / hw);
        }
        return ya;
    }

    /** dx = Aᵀ d (every entry written). */
    private NativeArray spread(NativeArray da, int batch, NativeArray dxa) {
        int planes = batch * in.channels();
        int hw = in.plane();
        DoubleBuffer d = da.buffer();
        DoubleBuffer dx = dxa.buffer();
        for (int pl = 0; pl < planes; pl++) {
            double g = d.get(pl) / hw;
            for (int i = pl * hw, e = i + hw; i < e; i++) {
                dx.put(i, g);
            }
        }
        return dxa;
    }

    @Override
    public String toString() {
        return "GlobalAvgPool[" + in + " → " + in.channels() + "]";
    }
}
