package org.sharpnesslab.bench;

import org.bytedeco.javacpp.Pointer;
import org.sharpnesslab.linalg.NativeArray;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The memory an operator holds, as the benchmarks count it: Java heap plus native memory (JavaCPP's count), the
 * pool of given-back native memory excluded ({@link NativeArray#pooledBytes()}: it belongs to no operator).
 */
final class OperatorMemory {

    private OperatorMemory() {
    }

    /** Bytes in use now: heap + native − pooled. */
    static long inUse() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory() + Pointer.totalBytes() - NativeArray.pooledBytes();
    }

    /**
     * Bytes in use after collections, repeated until the count stops falling (unreachable arrays give their memory
     * back on a cleaner thread, after a collection).
     */
    static long settled() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(50);
            long now = inUse();
            if (now >= last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** What {@link #heldBy} measured: the work's result and the bytes in use while it and its thread were alive. */
    record Held<T>(T value, long bytes) {
    }

    /**
     * Runs {@code work} on a fresh thread (so that the work buffers of the products it makes are its own and are
     * counted) and measures {@link #settled()} while that thread is still alive, minus {@code base}.
     */
    static <T> Held<T> heldBy(Supplier<T> work, long base) throws InterruptedException {
        Object[] result = new Object[1];
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            result[0] = work.get();
            done.countDown();
            try {
                counted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        done.await();
        long bytes = settled() - base;
        counted.countDown();
        t.join();
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return new Held<>(value, bytes);
    }
}
