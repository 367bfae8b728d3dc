package org.sharpnesslab.task;

import java.io.PrintStream;
import java.util.function.BiFunction;

/**
 * Factory of progress bars. Library code reports progress with
 * <pre>{@code try (ProgressBar bar = Progress.start("training", steps)) { ... bar.step(); ... } }</pre>
 * and the bar appears wherever the code runs: updated in place in a notebook (the kernel, or a real IJava after
 * {@code Notebook.install()}, installs a display-backed factory with {@link #setFactory}); elsewhere a text bar on
 * {@code System.err} when the program is attached to a terminal, and nothing when it is not (output redirected to a
 * file, a batch job, a build), so that logs do not fill with carriage returns.
 *
 * <p>Outside a notebook a plain program chooses with the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (the default): a text bar when {@code System.console()} is a terminal, nothing otherwise;</li>
 *   <li>{@code on}: always a text bar on {@code System.err};</li>
 *   <li>{@code off}: never a bar.</li>
 * </ul>
 * e.g. {@code java -Dsharpnesslab.progress=off ...}; or in code with the static switches {@link #silence()} (no
 * bar, wherever the code runs), {@link #useText()} (always the text bar) and {@link #useDefault()} (back to the
 * property's rule). A notebook's factory overrides the property: there the bars always show.
 */
public final class Progress {

    /** The system property that switches text bars outside a notebook: {@code auto}, {@code on}, {@code off}. */
    public static final String PROPERTY = "sharpnesslab.progress";

    /** The installed factory, or {@code null} for the default rule of {@link #PROPERTY}. */
    private static volatile BiFunction<String, Long, ProgressBar> factory;

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
        BiFunction<String, Long, ProgressBar> f = factory;
        String l = label == null ? "" : label;
        return f != null ? f.apply(l, total) : new TextProgressBar(l, total, textShown() ? System.err : null);
    }

    /** Replaces the factory used by {@link #start} (the notebook integration calls this). */
    public static void setFactory(BiFunction<String, Long, ProgressBar> newFactory) {
        factory = Check.notNull("newFactory", newFactory);
    }

    /** A text bar on {@code System.err} from now on, whether or not a terminal is attached (and in a notebook). */
    public static void useText() {
        factory = Progress::textBar;
    }

    /**
     * Back to the default: a text bar on {@code System.err} or nothing, as {@link #PROPERTY} says (the notebook
     * layer calls this when its sink is removed).
     */
    public static void useDefault() {
        factory = null;
    }

    /**
     * Whether the default rule shows a text bar now: {@link #PROPERTY} {@code on}, or {@code auto} (or unset) with a
     * terminal attached.
     *
     * @throws IllegalArgumentException when the property is set to anything but auto, on or off
     */
    public static boolean textShown() {
        String p = System.getProperty(PROPERTY);
        String v = p == null ? "auto" : p.trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "on":
                return true;
            case "off":
                return false;
            case "auto":
                return terminal();
            default:
                throw new IllegalArgumentException("system property " + PROPERTY + " must be auto, on or off, got "
                        + p);
        }
    }

    /**
     * Whether the program is attached to a terminal: {@code System.console()} is not null (and, on Java 22 or
     * later, where a console exists also when the streams are redirected, says it is a terminal).
     */
    private static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before Java 22 a console exists only on a terminal
        }
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
