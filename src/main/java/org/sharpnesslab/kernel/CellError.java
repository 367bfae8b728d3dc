package org.sharpnesslab.kernel;

import java.util.List;

/**
 * A cell that failed in a way the kernel itself reports (as opposed to an exception thrown by user code, which is
 * reported as itself). Jupyter shows the simple class name as {@code ename}, {@link #getMessage()} as
 * {@code evalue} and {@link #traceback()} as the error output. {@link #line()} is the 1-based line in the cell
 * (0 when unknown).
 */
public abstract class CellError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final List<String> traceback;

    CellError(String message, int line, List<String> traceback) {
        super(message);
        this.line = line;
        this.traceback = List.copyOf(traceback);
    }

    /** The 1-based line of the cell the error is on, 0 when it concerns no particular line. */
    public int line() {
        return line;
    }

    /** The lines Jupyter shows. */
    public List<String> traceback() {
        return traceback;
    }

    /** Code that does not compile; the message is the compiler's. */
    public static final class CompilationError extends CellError {
        private static final long serialVersionUID = 1L;

        CompilationError(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** The cell ends in the middle of a statement. */
    public static final class IncompleteInput extends CellError {
        private static final long serialVersionUID = 1L;

        IncompleteInput(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** A declaration used before what it depends on was defined. */
    public static final class UnresolvedReference extends CellError {
        private static final long serialVersionUID = 1L;

        UnresolvedReference(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** The user interrupted the cell (Jupyter's interrupt). */
    public static final class Interrupted extends CellError {
        private static final long serialVersionUID = 1L;

        Interrupted(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** A statement ran longer than {@code IJAVA_TIMEOUT}. */
    public static final class TimedOut extends CellError {
        private static final long serialVersionUID = 1L;

        TimedOut(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** User code threw a {@link Throwable} that is not an {@link Exception} (an {@link Error}). */
    public static final class UncaughtError extends CellError {
        private static final long serialVersionUID = 1L;

        UncaughtError(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }

    /** A line magic ({@code %jars}, {@code %classpath}) failed. */
    public static final class MagicError extends CellError {
        private static final long serialVersionUID = 1L;

        MagicError(String message, int line, List<String> traceback) {
            super(message, line, traceback);
        }
    }
}
