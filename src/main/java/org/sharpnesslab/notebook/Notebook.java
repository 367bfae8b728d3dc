package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Check;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows values in the notebook a cell runs in, as IJava's {@code display}/{@code updateDisplay} do:
 * <pre>{@code
 * String id = Notebook.display(table);           // a new output under the cell, returns its display id
 * Notebook.updateDisplay(id, table2);            // replaces that output in place
 * Notebook.display(chart, "image/svg+xml");     // only the MIME types asked for
 * }</pre>
 * The values are rendered by {@link Renderers} and handed to a {@link DisplaySink}: the project's kernel sets one
 * with {@link #setSink}; inside a real IJava kernel {@link #install()} finds the kernel and connects to it.
 * Without a sink (plain Java, tests) {@code display} prints the {@code text/plain} form to {@code System.out}.
 * While a sink is set, {@link Progress#start} returns bars that update one display in place.
 */
public final class Notebook {

    private static volatile DisplaySink sink;
    private static final AtomicLong TEXT_IDS = new AtomicLong();

    private Notebook() {
    }

    /**
     * Sends displays to {@code newSink} from now on, and makes {@link Progress#start} return an HTML progress bar
     * that updates one display in place.
     */
    public static void setSink(DisplaySink newSink) {
        DisplaySink s = Check.notNull("newSink", newSink);
        sink = s;
        Progress.setFactory((label, total) -> new HtmlProgressBar(s, label, total));
    }

    /**
     * Removes the sink: displays go to {@code System.out} as text, progress bars back to the default (a text bar on
     * a terminal, see {@link Progress}).
     */
    public static void clearSink() {
        sink = null;
        Progress.useDefault();
    }

    /** Whether a notebook sink is installed (a kernel, or IJava after {@link #install()}). */
    public static boolean isActive() {
        return sink != null;
    }

    /** The current sink, or {@code null} outside a notebook. */
    static DisplaySink sink() {
        return sink;
    }

    /** Shows {@code value} (rendered with its preferred MIME types) and returns the new display's id. */
    public static String display(Object value) {
        return show(Renderers.render(value));
    }

    /** Shows {@code value} as the given MIME types only (e.g. {@code "image/svg+xml"}); returns the display id. */
    public static String display(Object value, String... mimeTypes) {
        return show(Renderers.render(value, mimeTypes));
    }

    /** Replaces the display {@code displayId} (from {@link #display}) with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        update(displayId, Renderers.render(value));
    }

    /** Replaces the display {@code displayId} with {@code value} rendered as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        update(displayId, Renderers.render(value, mimeTypes));
    }

    /**
     * Clears the outputs of the running cell (Jupyter's {@code clear_output}), e.g. to redraw a chart in a loop:
     * {@code Notebook.clear(true); display(chart);}. With {@code wait} the old outputs stay until the next output
     * arrives. Outside a notebook it does nothing.
     */
    public static void clear(boolean wait) {
        DisplaySink s = sink;
        if (s != null) {
            s.clear(wait);
        }
    }

    /** Clears the outputs of the running cell at once ({@link #clear(boolean) clear(false)}). */
    public static void clear() {
        clear(false);
    }

    /**
     * Connects the library to a running IJava 1.3.0 kernel (after {@code %jars sharpness-lab.jar} and its
     * dependencies): registers the renderers of {@link Renderers} with IJava's renderer, so a Table's or a chart's
     * value renders as HTML or PNG, and routes {@link #display}, {@link #updateDisplay} and progress bars to it.
     * Everything is found by reflection: no IJava class is needed to load this one. Calling it again is harmless.
     *
     * @throws IllegalStateException when no IJava kernel is running in this JVM (the message says what was looked
     *                               for)
     */
    public static void install() {
        setSink(IJavaBridge.install());
    }

    private static String show(Map<String, Object> bundle) {
        DisplaySink s = sink;
        if (s == null) {
            System.out.println(bundle.getOrDefault(Renderers.TEXT, ""));
            return "text-" + TEXT_IDS.incrementAndGet();
        }
        return s.display(bundle);
    }

    private static void update(String displayId, Map<String, Object> bundle) {
        Check.notNull("displayId", displayId);
        DisplaySink s = sink;
        if (s == null) {
            System.out.println(bundle.getOrDefault(Renderers.TEXT, ""));
            return;
        }
        s.update(displayId, bundle);
    }
}
