package org.sharpnesslab.task;

/**
 * The library's checks of its arguments, in one place, and its one failure policy for bad input: an
 * {@link IllegalArgumentException} whose message names the parameter, the value it had and what is allowed —
 * {@code null} included ("params must not be null", never a {@code NullPointerException} from deep inside), non-finite
 * numbers included ("df0 must be finite, was NaN"), sizes whose arrays would not fit in the heap included ("FCN
 * parameters need 1 600 120 003 doubles (12.80 GB) but the heap has 3.95 GB available (-Xmx)", never an
 * {@link OutOfMemoryError} that can leave a JVM, or a notebook kernel, in a state where nothing works). A public
 * entry point checks at its start, before any work.
 */
public final class Require {

    /** Java's largest array length (a little below {@code Integer.MAX_VALUE} on every JVM). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Require() {
    }

    /**
     * {@code value}, or an {@link IllegalArgumentException} "name must not be null".
     *
     * @return value
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** An {@link IllegalArgumentException} unless {@code value} is finite. */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /** An {@link IllegalArgumentException} unless {@code values} is non-null and every entry is finite. */
    public static double[] finite(double[] values, String name) {
        notNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " must be finite, was " + values[i] + " at index " + i
                        + " (of " + values.length + ")");
            }
        }
        return values;
    }

    /** The heap still available for new objects: {@code Runtime.maxMemory()} minus what is used now. */
    public static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * An {@link IllegalArgumentException} naming the size asked and the heap available when {@code doubles} doubles
     * (in arrays of at most {@link #MAX_ARRAY} each when {@code oneArray}) do not fit: before a large allocation.
     *
     * @param doubles  how many doubles the allocation needs (may be the result of an overflowing product: pass longs)
     * @param oneArray whether they are one array (then its length must be at most {@link #MAX_ARRAY})
     * @param what     what is allocated, e.g. "FCN parameters (width=40000, depth=3)"
     */
    public static void memory(long doubles, boolean oneArray, String what) {
        if (doubles < 0 || (oneArray && doubles > MAX_ARRAY)) {
            throw new IllegalArgumentException(what + " need " + (doubles < 0 ? "more than " + Long.MAX_VALUE
                    : String.valueOf(doubles)) + " doubles, more than Java's largest array (" + MAX_ARRAY + ")");
        }
        long bytes = doubles * 8;
        long available = availableHeap();
        if (bytes / 8 != doubles || bytes > available) {
            throw new IllegalArgumentException(String.format("%s need %d doubles (%s) but the heap has %s available "
                    + "(maximum %s, -Xmx)", what, doubles, size(doubles * 8.0), size(available),
                    size(Runtime.getRuntime().maxMemory())));
        }
    }

    /** The product of non-negative sizes as a long, or −1 when it overflows a long. */
    public static long product(long... sizes) {
        long p = 1;
        for (long s : sizes) {
            if (s < 0) {
                return -1;
            }
            if (s != 0 && p > Long.MAX_VALUE / s) {
                return -1;
            }
            p *= s;
        }
        return p;
    }

    private static String size(double bytes) {
        return bytes >= 1e9 ? String.format("%.2f GB", bytes / 1e9) : String.format("%.1f MB", bytes / 1e6);
    }
}
