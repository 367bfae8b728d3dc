package org.sharpnesslab.task;

import java.io.PrintStream;
import java.util.function.BiFunction;

/**
 * Factory of progress bars. Library code reports progress with
 * <pre>{@code try (ProgressBar bar = Progress.start("training", steps)) { ... bar.step(); ... } }</pre>
 * and the bar appears wherever the code runs: updated in place in a notebook (the kernel, or a real IJava after
 * {@code Notebook.install()}, installs a display-backed factory with {@link #setFactory}), a text bar on
 * {@code System.err} elsewhere, or nothing after {@link #silence()}.
 */
public final class Progress {

    private static volatile BiFunction<String, Long, ProgressBar> factory = Progress::textBar;

    private Progress() {
    }

    /**
     * A new progress bar.
     *
     * @param label what is being computed
     * @param total units of work, ≥ 0
     */
    public static ProgressBar start(String label, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        return factory.apply(label == null ? "" : label, total);
    }

    /** Replaces the factory used by {@link #start} (the notebook integration calls this). */
    public static void setFactory(BiFunction<String, Long, ProgressBar> newFactory) {
        factory = Check.notNull("newFactory", newFactory);
    }

    /** Restores the default text bar on {@code System.err}. */
    public static void useText() {
        factory = Progress::textBar;
    }

    /** Progress bars do nothing from now on (e.g. inside tests and benchmarks). */
    public static void silence() {
        factory = (label, total) -> new TextProgressBar(label, total, null);
    }

    private static ProgressBar textBar(String label, long total) {
        return new TextProgressBar(label, total, System.err);
    }

    /**
     * A text bar {@code label [#####.....]  50% (5/10) message}, rewritten at most every 200 ms and
     * once at close. With a {@code null} stream it only counts.
     */
    public static class TextProgressBar implements ProgressBar {
        private static final int WIDTH = 30;
        private final String label;
        private final long total;
        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private long done;
        private String message = "";
        private long lastPrint;
        private boolean closed;

        public TextProgressBar(String label, long total, PrintStream out) {
            this.label = label;
            this.total = total;
            this.out = out;
        }

        @Override
        public synchronized void stepBy(long n) {
            stepTo(done + n);
        }

        @Override
        public synchronized void stepTo(long d) {
            done = Math.max(0, Math.min(total, d));
            maybePrint(false);
        }

        @Override
        public synchronized void message(String m) {
            message = m == null ? "" : m;
            maybePrint(false);
        }

        @Override
        public synchronized long done() {
            return done;
        }

        @Override
        public long total() {
            return total;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            maybePrint(true);
            if (out != null) {
                out.println();
                out.flush();
            }
        }

        /** The bar's current text, e.g. {@code "train [#######.......]  50% (5/10) 1.2 s loss=0.1"}. */
        public synchronized String render() {
            double frac = total == 0 ? 1.0 : (double) done / total;
            int filled = (int) Math.round(frac * WIDTH);
            double secs = (System.nanoTime() - startNanos) / 1e9;
            return String.format("%s [%s%s] %3d%% (%d/%d) %.1f s%s", label, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), (int) Math.round(100 * frac), done, total, secs,
                    message.isEmpty() ? "" : " " + message);
        }

        private void maybePrint(boolean force) {
            if (out == null) {
                return;
            }
            long now = System.nanoTime();
            if (force || now - lastPrint > 200_000_000L) {
                lastPrint = now;
                out.print("\r" + render());
                out.flush();
            }
        }
    }
}
