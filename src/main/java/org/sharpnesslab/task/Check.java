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
 * Tests assert the message of at least one bad argument per public entry point, so that the form stays.
 */
public final class Check {

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
}
