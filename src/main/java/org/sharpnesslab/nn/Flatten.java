package org.sharpnesslab.nn;

import org.sharpnesslab.data.ImageShape;
import org.sharpnesslab.linalg.NativeArray;

import java.util.List;

/**
 * C×H×W images to vectors of C·H·W entries in channel-major order (as PyTorch's {@code flatten} of NCHW). Images are
 * already stored flat, so this is the identity on the arrays (its passes hand their input arrays on); it marks where
 * a network leaves image shapes.
 *
 * @param in input image shape
 */
public record Flatten(ImageShape in) implements Stage {

    public Flatten {
        if (in == null) {
            throw new IllegalArgumentException("input shape must not be null");
        }
    }

    @Override public int inputSize() { return in.size(); }

    @Override public int outputSize() { return in.size(); }

    @Override public List<Layer> layers() { return List.of(); }

    /**
     * y is x itself (read by whatever reads x: free only if x is), or a copy when x starts at an offset (an output
     * starts at 0). The backward and R-passes return the arrays they are given (theirs to hand on); only
     * {@link LinearPass#backwardAgain} copies the δy it keeps.
     */
    @Override
    public Stage.Pass forward(Memory m, Blocks w, int b0, Rows x) {
        int n = x.batch() * in.size();
        NativeArray y = x.data();
        boolean free = x.free();
        if (x.offset() != 0) {
            y = m.allocate(n);
            y.buffer().put(0, x.data().buffer(), (int) x.offset(), n);
            free = true;
        }
        return new LinearPass(this, n, y, free) {
            @Override NativeArray apply(Memory mem, NativeArray a) { return a; }
            @Override NativeArray transpose(Memory mem, NativeArray d) { return d; }
        };
    }

    @Override
    public String toString() {
        return "Flatten[" + in + "]";
    }
}
