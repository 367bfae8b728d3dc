package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.util.List;

/**
 * A vector laid out like θ, off-heap: one {@link NativeArray} holding each weight layer's block at its offset (the
 * layers of {@link Network#layers()} in order, each {@link Layer#numParams()} entries). θ, a direction v, a
 * gradient and a product H v are all {@code Blocks}; the derivative passes read and write them at their offsets,
 * so that no block is copied for a GEMM.
 *
 * <p>A target of a sum (a gradient, a product) tracks which blocks were written since {@link #reset()}: the first
 * write of a block sets it ({@link #beta(int)} = 0), later writes add, and {@link #zeroUnwritten()} clears the
 * blocks no pass reached. So no target is zeroed before a product, and a product may be written over its
 * direction's own memory (a layer's block of H v is written after that layer's last read of v's block).
 */
public final class Blocks {

    private final NativeArray data;
    private final long[] offset;
    private final boolean[] written;

    private Blocks(NativeArray data, long[] offset) {
        this.data = data;
        this.offset = offset;
        this.written = new boolean[offset.length - 1];
    }

    /** The blocks of {@code layers} laid out one after the other in {@code data} (length at least their sum). */
    static Blocks over(List<Layer> layers, NativeArray data) {
        long[] off = new long[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            off[l + 1] = off[l] + layers.get(l).numParams();
        }
        if (data.length() < off[layers.size()]) {
            throw new IllegalArgumentException("blocks of " + off[layers.size()] + " entries do not fit in " + data);
        }
        return new Blocks(data, off);
    }

    /** One layer's parameters as a single block in {@code data} (for the {@code double[]} forms of {@link Layer}). */
    static Blocks single(Layer layer, NativeArray data) {
        return over(List.of(layer), data);
    }

    /** The same memory and layout, with its own record of written blocks (a product over its direction). */
    Blocks sameMemory() {
        return new Blocks(data, offset);
    }

    /** The memory. */
    NativeArray data() {
        return data;
    }

    /** Start of block b in {@link #data()}. */
    long at(int b) {
        return offset[b];
    }

    /** Entries of block b. */
    int size(int b) {
        return (int) (offset[b + 1] - offset[b]);
    }

    /** Total entries P. */
    int length() {
        return (int) offset[offset.length - 1];
    }

    /** Number of blocks. */
    int count() {
        return written.length;
    }

    /** The scale of block b's old content for the next write: 0 the first time since {@link #reset()}, then 1. */
    double beta(int b) {
        if (written[b]) {
            return 1.0;
        }
        written[b] = true;
        return 0.0;
    }

    /** Every block unwritten: the next write of each sets it. */
    void reset() {
        java.util.Arrays.fill(written, false);
    }

    /** Zeroes the blocks not written since {@link #reset()} (no pass reached them: their sum is zero). */
    void zeroUnwritten() {
        java.nio.DoubleBuffer b = data.buffer();
        for (int l = 0; l < written.length; l++) {
            if (!written[l]) {
                for (long i = offset[l]; i < offset[l + 1]; i++) {
                    b.put((int) i, 0.0);
                }
                written[l] = true;
            }
        }
    }
}
