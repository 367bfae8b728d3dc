package org.sharpnesslab.nn;

import org.sharpnesslab.linalg.NativeArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the derivative passes get their off-heap arrays. Two kinds:
 * <ul>
 *   <li>{@link #kept()}: arrays that live as long as an operator (the activations and deltas a forward and backward
 *       pass leave for the products), given back together by {@link #close()};</li>
 *   <li>{@link Sweep}: the arrays of one call (a product, J v, Jᵀ u, a gradient, a forward pass), taken from work
 *       buffers that belong to the thread and are reused by its next call of the same shapes. Fresh native memory
 *       costs a page fault per 4 KB when first written (11–22 ms per 4 MB on this project's machines, longer than
 *       the GEMM that fills it), so a product allocates nothing once the thread has made one.</li>
 * </ul>
 * An array from a memory has at least the length asked (a work buffer may be longer) and undefined content.
 */
abstract class Memory {

    /** An array of at least {@code length} entries, content undefined. */
    abstract NativeArray allocate(long length);

    /** An array of at least {@code length} entries whose first {@code length} are zero. */
    final NativeArray zeros(long length) {
        NativeArray a = allocate(length);
        a.zero(length);
        return a;
    }

    /** A memory whose arrays are kept until {@link Kept#close()}. */
    static Kept kept() {
        return new Kept();
    }

    /** Arrays that live until {@link #close()} (from {@link NativeArray}'s pool of closed arrays when it has them). */
    static final class Kept extends Memory implements AutoCloseable {
        private final List<NativeArray> arrays = new ArrayList<>();
        private boolean closed;

        @Override
        synchronized NativeArray allocate(long length) {
            if (closed) {
                throw new IllegalStateException("the operator was closed");
            }
            NativeArray a = NativeArray.allocate(length);
            arrays.add(a);
            return a;
        }

        /** Gives every array back (to the pool, where the next operator of the same shapes takes it). */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                arrays.forEach(NativeArray::close);
                arrays.clear();
            }
        }
    }

    /**
     * The memory and the state of one call of the passes on one thread: work buffers handed out in order (the i-th
     * array of a call is the thread's i-th buffer, grown when too short), and what an R-forward pass remembers for
     * its R-backward pass ({@link #keep}, {@link #take}) — per call, so that the passes of one operator may run on
     * several threads at once. Valid until the thread's next call begins.
     */
    static final class Sweep extends Memory implements AutoCloseable {
        private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

        private final Buffers buffers;
        private final Map<Object, NativeArray> kept = new IdentityHashMap<>();
        private int next;

        private Sweep(Buffers buffers) {
            this.buffers = buffers;
        }

        /**
         * Starts a call on this thread: its buffers are reused from the thread's last call (a call begun inside
         * another one on the same thread gets buffers of its own).
         */
        static Sweep begin() {
            Buffers b = BUFFERS.get();
            if (b.inUse) {
                b = new Buffers();
            }
            b.inUse = true;
            return new Sweep(b);
        }

        @Override
        NativeArray allocate(long length) {
            NativeArray[] all = buffers.arrays;
            if (next == all.length) {
                buffers.arrays = all = Arrays.copyOf(all, Math.max(8, 2 * all.length));
            }
            NativeArray a = all[next];
            if (a == null || a.length() < length) {
                if (a != null) {
                    a.close();
                }
                a = NativeArray.allocate(length);
                all[next] = a;
            }
            next++;
            return a;
        }

        /** The position of the next array (for {@link #restart(int)}). */
        int mark() {
            return next;
        }

        /**
         * Starts over from {@code mark}: the arrays handed out since are free for the next ones, and what the passes
         * remembered is forgotten (between micro-batches).
         */
        void restart(int mark) {
            next = mark;
            kept.clear();
        }

        /** Remembers {@code a} (or null) for {@code owner}'s later pass in this call. */
        void keep(Object owner, NativeArray a) {
            kept.put(owner, a);
        }

        /** What {@code owner} remembered in this call (null if nothing), forgotten. */
        NativeArray take(Object owner) {
            return kept.remove(owner);
        }

        /** Ends the call: the thread's buffers are free for its next call. */
        @Override
        public void close() {
            kept.clear();
            buffers.inUse = false;
        }

        private static final class Buffers {
            NativeArray[] arrays = new NativeArray[0];
            boolean inUse;
        }
    }
}
