package org.sharpnesslab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Owns {@code System.out} and {@code System.err} of the kernel's JVM: while a cell runs, whatever any thread
 * writes goes to that cell's {@link CellOutput} (streamed: sent at a newline at most every 50 ms, and by a timer
 * every 50 ms, so a {@code print} without a newline — a text progress bar — shows up too); between cells it goes
 * to the process's original streams (the Jupyter server's log). Displays go through here too, after the pending
 * text, so output keeps its order.
 */
final class OutputRouter {

    private static final long MIN_GAP_NANOS = 50_000_000L;
    private static OutputRouter installed;

    private final Channel out;
    private final Channel err;
    private volatile CellOutput current;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "output-flusher");
        t.setDaemon(true);
        return t;
    });

    private OutputRouter(PrintStream originalOut, PrintStream originalErr) {
        this.out = new Channel(originalOut, CellOutput::stdout);
        this.err = new Channel(originalErr, CellOutput::stderr);
        ticker.scheduleWithFixedDelay(() -> {
            if (current != null) {
                flushAll(true);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** The JVM's router, installing it as {@code System.out}/{@code System.err} on first use. */
    static synchronized OutputRouter install() {
        if (installed == null) {
            installed = new OutputRouter(System.out, System.err);
            System.setOut(new PrintStream(installed.out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(installed.err, true, StandardCharsets.UTF_8));
        }
        return installed;
    }

    /** From now on output goes to {@code output}. */
    void begin(CellOutput output) {
        flushAll(true);
        current = output;
    }

    /** Sends what is pending and goes back to the original streams. */
    void end() {
        System.out.flush();
        System.err.flush();
        flushAll(true);
        current = null;
    }

    /** The running cell's output, or {@code null}. */
    CellOutput current() {
        return current;
    }

    void display(DisplayData data) {
        CellOutput c = current;
        if (c != null) {
            System.out.flush();
            flushAll(true);
            c.display(data);
        }
    }

    void updateDisplay(DisplayData data) {
        CellOutput c = current;
        if (c != null) {
            c.updateDisplay(data);
        }
    }

    private void flushAll(boolean force) {
        out.send(force);
        err.send(force);
    }

    /** One stream: buffers bytes while a cell runs, passes them through otherwise. */
    private final class Channel extends OutputStream {
        private final PrintStream original;
        private final BiConsumer<CellOutput, String> sink;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private long lastSend;

        Channel(PrintStream original, BiConsumer<CellOutput, String> sink) {
            this.original = original;
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (current == null) {
                original.write(b);
            } else {
                buffer.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (current == null) {
                original.write(b, off, len);
            } else {
                buffer.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            if (current == null) {
                original.flush();
            } else {
                send(false);
            }
        }

        /** Sends the buffered text (complete UTF-8 characters only) to the cell, at most every 50 ms unless forced. */
        synchronized void send(boolean force) {
            CellOutput c = current;
            if (buffer.size() == 0) {
                return;
            }
            if (c == null) {
                original.write(buffer.toByteArray(), 0, buffer.size());
                original.flush();
                buffer.reset();
                return;
            }
            long now = System.nanoTime();
            if (!force && now - lastSend < MIN_GAP_NANOS) {
                return;
            }
            byte[] bytes = buffer.toByteArray();
            int end = completeUtf8Length(bytes);
            buffer.reset();
            buffer.write(bytes, end, bytes.length - end);
            lastSend = now;
            if (end > 0) {
                sink.accept(c, new String(bytes, 0, end, StandardCharsets.UTF_8));
            }
        }
    }

    /** Length of the longest prefix of {@code b} that does not end inside a multi-byte UTF-8 character. */
    static int completeUtf8Length(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue;
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
