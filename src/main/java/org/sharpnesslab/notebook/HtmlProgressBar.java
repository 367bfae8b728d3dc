package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar drawn as HTML in one notebook display and updated in place: label, bar, percentage,
 * done/total, elapsed time, estimated time left, message. Updates are sent at most every
 * {@link #MIN_INTERVAL_NANOS} (10 per second); {@link #close()} always sends the final state. Obtain one through
 * {@link Progress#start} while a {@link Notebook} sink is set.
 */
public final class HtmlProgressBar implements ProgressBar {

    /** Minimum time between two updates of the display: 100 ms. */
    public static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final DisplaySink sink;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final Progress.TextProgressBar text; // counts done and clamps it to [0, total]
    private String displayId;
    private String message = "";
    private long lastUpdate;
    private boolean closed;
    private boolean failed;
    private int updates;

    /** A bar shown at once (0 %) through {@code sink}. */
    public HtmlProgressBar(DisplaySink sink, String label, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        this.sink = sink;
        this.label = label == null ? "" : label;
        this.total = total;
        this.text = new Progress.TextProgressBar(this.label, total, null);
        try {
            displayId = sink.display(bundle());
            lastUpdate = System.nanoTime();
        } catch (RuntimeException e) {
            failed = true;
        }
    }

    @Override
    public synchronized void stepBy(long n) {
        text.stepBy(n);
        maybeUpdate(false);
    }

    @Override
    public synchronized void stepTo(long d) {
        text.stepTo(d);
        maybeUpdate(false);
    }

    @Override
    public synchronized void message(String m) {
        message = m == null ? "" : m;
        text.message(message);
        maybeUpdate(false);
    }

    @Override
    public synchronized long done() {
        return text.done();
    }

    @Override
    public long total() {
        return total;
    }

    /** Number of display updates sent so far (the first display not counted). */
    public synchronized int updates() {
        return updates;
    }

    /** The display id of this bar, or {@code null} if the sink failed. */
    public synchronized String displayId() {
        return displayId;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        maybeUpdate(true);
    }

    /** The bar's MIME bundle: {@code text/html} then {@code text/plain}. */
    public synchronized Map<String, Object> bundle() {
        long done = text.done();
        double frac = total == 0 ? 1.0 : (double) done / total;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String pct = String.format(Locale.ROOT, "%.0f%%", 100 * frac);
        String time;
        if (closed) {
            time = (done >= total ? "done in " : "stopped after ") + seconds(elapsed);
        } else if (done > 0 && done < total) {
            time = seconds(elapsed) + " elapsed, ~" + seconds(elapsed * (total - done) / done) + " left";
        } else {
            time = seconds(elapsed) + " elapsed";
        }
        String color = closed && done < total ? "#d62728" : "#1f77b4";
        StringBuilder html = new StringBuilder(400);
        html.append("<div class=\"sharpness-progress\" style=\"font-family:monospace;font-size:13px\">")
                .append("<span style=\"display:inline-block;min-width:8em\">").append(TableFormat.escape(label))
                .append("</span> ")
                .append("<span style=\"display:inline-block;width:240px;height:12px;border:1px solid #999;")
                .append("vertical-align:middle;background:#eee\"><span style=\"display:block;height:100%;width:")
                .append(String.format(Locale.ROOT, "%.1f", 100 * frac)).append("%;background:").append(color)
                .append("\"></span></span> ")
                .append(pct).append(" (").append(done).append('/').append(total).append(") ")
                .append(TableFormat.escape(time));
        if (!message.isEmpty()) {
            html.append(" — ").append(TableFormat.escape(message));
        }
        html.append("</div>");
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(Renderers.HTML, html.toString());
        bundle.put(Renderers.TEXT, text.render() + (closed ? " " + time : ""));
        return bundle;
    }

    private void maybeUpdate(boolean force) {
        if (failed) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastUpdate < MIN_INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        try {
            sink.update(displayId, bundle());
            updates++;
        } catch (RuntimeException e) {
            failed = true;
        }
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long m = (long) (s / 60);
        return String.format(Locale.ROOT, "%d min %02d s", m, (long) (s - 60 * m));
    }
}
