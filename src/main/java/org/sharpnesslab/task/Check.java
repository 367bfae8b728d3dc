package org.sharpnesslab.task;

/**
 * The library's one failure policy for bad arguments, and the checks that apply it.
 *
 * <h2>The policy</h2>
 * <ul>
 *   <li><b>Misuse is an {@link IllegalArgumentException}</b> thrown before any work starts, never a
 *       {@code NullPointerException}, an {@code ArithmeticException} or an {@code OutOfMemoryError} from deep inside a
 *       loop. That includes a {@code null} argument, a value out of its range, non-finite data (NaN or ±∞ in inputs,
 *       targets or parameters) and shapes that do not fit together.</li>
 *   <li><b>The message names the parameter, its allowed range and the value given</b>, in one form:
 *       {@code "<param> must be <range>, got <value>"}, e.g. {@code "steps must be >= 0, got -1"},
 *       {@code "momentum must be in [0, 1), got 1.5"}; for {@code null}: {@code "<param> must not be null"}.
 *       {@link #range} builds the message; {@link #notNull} is the null check.</li>
 *   <li><b>A state that forbids the call</b> (a result directory in use, a library that cannot load) is an
 *       {@link IllegalStateException} that says what is wrong and what to do.</li>
 *   <li><b>Outcomes are not failures</b>: diverged training ({@link Divergence}), a solver that did not converge, a
 *       failed sweep cell are fields of the result, never exceptions; cancellation is a
 *       {@link CancelledException}.</li>
 * </ul>
 * Sizes: before a large allocation, {@link #memory} refuses what the heap cannot hold with a message naming the size
 * asked and the heap available, never an {@link OutOfMemoryError}; non-finite data: {@link #finite}.
 * Tests assert the message of at least one bad argument per public entry point, so that the form stays, and
 * {@code FuzzTest} calls every public entry point with bad values.
 */
public final class Check {

    /** Java's largest array length (a little below {@code Integer.MAX_VALUE} on every JVM). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Check() {
    }

    /**
     * {@code value}, or an {@link IllegalArgumentException} "{@code name} must not be null".
     *
     * @param name  the parameter's name as the caller wrote it
     * @param value the argument (not modified)
     * @return {@code value}
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * The exception of the policy's form: "{@code name} must be {@code range}, got {@code value}", to throw.
     *
     * <pre>{@code
     * if (steps < 0) throw Check.range("steps", ">= 0", steps);
     * }</pre>
     *
     * @param name  the parameter's name
     * @param range the allowed range in words or symbols (">= 1", "in [0, 1)", "finite and > 0")
     * @param value the value given
     */
    public static IllegalArgumentException range(String name, String range, Object value) {
        return new IllegalArgumentException(name + " must be " + range + ", got " + value);
    }

    /** An {@link IllegalArgumentException} unless {@code value} is finite. */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** An {@link IllegalArgumentException} unless {@code values} is non-null and every entry is finite. */
    public static double[] finite(double[] values, String name) {
        notNull(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + values[i] + " at index " + i
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
