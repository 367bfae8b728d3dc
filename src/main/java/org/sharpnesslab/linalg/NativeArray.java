package org.sharpnesslab.linalg;

import org.bytedeco.javacpp.DoublePointer;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.sharpnesslab.task.Check;

/**
 * A flat array of doubles in native (off-heap) memory, the operand type of the off-heap {@link Blas} products.
 *
 * <p>Why: JavaCPP's {@code double[]} overloads of the BLAS calls copy every operand into native memory and back on
 * each call (30–40 % of the time of a 1000×3072×512 product on an idle machine). Operands that are used by many
 * products — the inputs, weights, activations and deltas of a Hessian at a fixed θ — are copied here once and
 * then passed to BLAS by address. Java code reads and writes the entries through {@link #buffer()} (a
 * {@link DoubleBuffer}, as fast as an array once compiled).
 *
 * <p>When {@link Blas} runs in pure Java (no native BLAS loaded, {@link Blas#backend()} "java …") there is no
 * address to pass: the entries live in a Java array instead, and nothing native (not even JavaCPP's own library)
 * is loaded. Every method behaves the same on both.
 *
 * <p>Native memory is given back by {@link #close()}, or once the array is unreachable (after a garbage
 * collection); a Java array by the garbage collector. Either way the memory goes to a pool (at most
 * {@link #POOL_BYTES} bytes in all, kept by exact length) from which the next {@link #allocate} of the same length
 * takes it: fresh native memory costs a page fault per 4 KB page when first written (measured on this project's
 * 2-core machines: 11–22 ms to first write 4 MB, longer than the GEMM that fills it), and the operators of a
 * training loop or a benchmark ask for the same sizes at every step (a Myrtle-5 Hessian on 256 CIFAR images holds
 * 0.35 GB: without the pool its every build paid ~1 s of page faults). Not thread-safe for concurrent writes.
 */
public final class NativeArray implements AutoCloseable {

    /** The native memory, or null when the entries live in {@link #heap}. */
    private final DoublePointer pointer;
    private final double[] heap;
    private final DoubleBuffer buffer;
    private final long length;
    private volatile boolean closed;

    /**
     * The most native memory given-back arrays keep for reuse (beyond it an array's memory is freed): 2 GB, a CNN
     * operator with the work buffers of its products (as PyTorch's and XLA's allocators keep freed blocks).
     */
    public static final long POOL_BYTES = 2048L << 20;

    /** Gives the memory of unreachable arrays to the pool. */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** What gives an array's native memory back: once, by {@link #close()} or after the array became unreachable. */
    private record Release(DoublePointer pointer, long length) implements Runnable {
        @Override
        public void run() {
            toPool(pointer, length);
        }
    }

    private final java.lang.ref.Cleaner.Cleanable release;

    /** Closed native memory by exact length (most recently closed first), and its total size in bytes. */
    private static final java.util.Map<Long, java.util.ArrayDeque<DoublePointer>> POOL = new java.util.HashMap<>();
    private static long pooledBytes;

    private static synchronized DoublePointer fromPool(long length) {
        java.util.ArrayDeque<DoublePointer> q = POOL.get(length);
        DoublePointer p = q == null ? null : q.pollFirst();
        if (p != null) {
            pooledBytes -= 8 * length;
        }
        return p;
    }

    /** Keeps p for reuse when the pool has room, else frees it. */
    private static void toPool(DoublePointer p, long length) {
        synchronized (NativeArray.class) {
            if (pooledBytes + 8 * length <= POOL_BYTES) {
                POOL.computeIfAbsent(length, l -> new java.util.ArrayDeque<>()).addFirst(p);
                pooledBytes += 8 * length;
                return;
            }
        }
        p.close();
    }

    /** Native bytes held by the pool of closed arrays (for memory accounting). */
    public static synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Frees every pooled block (the memory a process keeps for reuse goes back to the allocator). */
    public static void releasePool() {
        java.util.List<DoublePointer> all = new java.util.ArrayList<>();
        synchronized (NativeArray.class) {
            POOL.values().forEach(all::addAll);
            POOL.clear();
            pooledBytes = 0;
        }
        all.forEach(DoublePointer::close);
    }

    private NativeArray(long length, boolean nativeMemory) {
        if (length < 1 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("length must be in [1, " + Integer.MAX_VALUE + "], got " + length);
        }
        this.length = length;
        if (nativeMemory) {
            DoublePointer pooled = fromPool(length);
            this.pointer = pooled != null ? pooled : new DoublePointer(length);
            this.heap = null;
            this.buffer = pointer.asBuffer();
            this.release = CLEANER.register(this, new Release(pointer, length));
        } else {
            this.pointer = null;
            this.heap = new double[(int) length];
            this.buffer = DoubleBuffer.wrap(heap);
            this.release = null;
        }
    }

    /** A new array of {@code length} entries whose content is undefined, where the chosen backend wants it. */
    private NativeArray(long length) {
        this(length, Blas.nativeMemory());
    }

    /** An array in native memory ({@code nativeMemory}) or in a Java array, whatever the backend (for tests). */
    static NativeArray allocate(long length, boolean nativeMemory) {
        return new NativeArray(length, nativeMemory);
    }

    /** A new native array of {@code length} zeros. */
    public static NativeArray zeros(long length) {
        NativeArray a = new NativeArray(length);
        a.zero(length);
        return a;
    }

    /** A new native array of {@code length} entries whose content is undefined (to be overwritten). */
    public static NativeArray allocate(long length) {
        return new NativeArray(length);
    }

    /** A native copy of {@code values} (not modified). */
    public static NativeArray of(double[] values) {
        Check.notNull("values", values);
        return new NativeArray(values.length).copyFrom(values);
    }

    /** Number of doubles. */
    public long length() {
        return length;
    }

    /** Entry i. */
    public double get(int i) {
        return buffer.get(i);
    }

    /** Sets entry i. */
    public void set(int i, double value) {
        buffer.put(i, value);
    }

    /** A buffer over the whole array (position 0, limit {@link #length()}): reads and writes go through. */
    public DoubleBuffer buffer() {
        return buffer;
    }

    /** Copies {@code len} doubles of {@code src} from {@code srcOffset} into this array at {@code offset}. */
    public NativeArray copyFrom(double[] src, int srcOffset, long offset, int len) {
        check(offset, len);
        buffer.put((int) offset, src, srcOffset, len);
        return this;
    }

    /** Copies all of {@code src} into the start of this array. */
    public NativeArray copyFrom(double[] src) {
        return copyFrom(src, 0, 0, src.length);
    }

    /** Copies {@code len} doubles from {@code offset} of this array into {@code dst} at {@code dstOffset}. */
    public void copyTo(long offset, double[] dst, int dstOffset, int len) {
        check(offset, len);
        buffer.get((int) offset, dst, dstOffset, len);
    }

    /** A new Java array holding the first {@code len} entries. */
    public double[] toArray(int len) {
        double[] out = new double[len];
        copyTo(0, out, 0, len);
        return out;
    }

    /** A new Java array holding all entries. */
    public double[] toArray() {
        return toArray((int) length);
    }

    /** Sets the first {@code len} entries to zero. */
    public void zero(long len) {
        check(0, len);
        if (heap != null) {
            Arrays.fill(heap, 0, (int) len, 0.0);
        } else if (len == length) {
            pointer.zero();
        } else {
            for (int i = 0; i < len; i++) {
                buffer.put(i, 0.0);
            }
        }
    }

    /** Whether the entries are in native memory (else in a Java array). */
    boolean isNative() {
        return pointer != null;
    }

    /** The JavaCPP pointer at {@code offset} doubles from the start (for the native backends of this package). */
    DoublePointer at(long offset) {
        if (pointer == null) {
            throw new IllegalStateException(this + " lives in a Java array: it has no native address");
        }
        if (closed) {
            throw new IllegalStateException(this + " was closed: its memory may belong to another array now");
        }
        return offset == 0 ? pointer : pointer.getPointer(offset);
    }

    private void check(long offset, long len) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + len)
                    + ") outside the native array of length " + length);
        }
    }

    /**
     * Gives the native memory back now, to the pool of closed arrays or to the allocator (the array must not be used
     * afterwards; closing twice does nothing).
     */
    @Override
    public void close() {
        if (pointer != null && !closed) {
            closed = true;
            release.clean(); // at most once, whoever comes first
        }
    }

    @Override
    public String toString() {
        return "NativeArray[" + length + (pointer == null ? ", in a Java array]" : closed ? ", closed]" : "]");
    }
}
