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
 * writes goes to that cell's {@link CellOutput}, line-buffered: whole lines are sent at most every 50 ms (a timer
 * sends what a flush left), so a saved notebook holds whole lines in each stream output; a line without its
 * newline (a prompt, a text progress bar) is sent after waiting {@value #PARTIAL_LINE_MILLIS} ms, and at the end
 * of the cell. Between cells output goes to the process's original streams (the Jupyter server's log). Displays
 * and {@code clear_output} go through here too, after the pending text, so output keeps its order.
 */
final class OutputRouter {

    private static final long MIN_GAP_NANOS = 50_000_000L;
    /** How long a line without its newline waits before it is sent anyway. */
    static final long PARTIAL_LINE_MILLIS = 1000;
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
                out.send(false, true);
                err.send(false, true);
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

    /**
     * From now on output goes to {@code output}, sent by the kernel's sender thread ({@link SerialOutput}): a stop of
     * the cell never lands in the middle of a message.
     */
    void begin(CellOutput output) {
        flushAll(true);
        current = SerialOutput.of(output);
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

    void clear(boolean wait) {
        CellOutput c = current;
        if (c != null) {
            System.out.flush();
            flushAll(true);
            c.clear(wait);
        }
    }

    void updateDisplay(DisplayData data) {
        CellOutput c = current;
        if (c != null) {
            c.updateDisplay(data);
        }
    }

    private void flushAll(boolean force) {
        out.send(force, false);
        err.send(force, false);
    }

    /** One stream: buffers bytes while a cell runs, passes them through otherwise. */
    private final class Channel extends OutputStream {
        private final PrintStream original;
        private final BiConsumer<CellOutput, String> sink;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private long lastSend;
        private long partialSince;

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
                send(false, false);
            }
        }

        /**
         * Sends the buffered text to the cell: everything when {@code force}d, else the whole lines (at most every
         * 50 ms unless {@code tick}), and a pending partial line once it waited {@value #PARTIAL_LINE_MILLIS} ms.
         */
        synchronized void send(boolean force, boolean tick) {
            CellOutput c = current;
            if (buffer.size() == 0) {
                partialSince = 0;
                return;
            }
            if (c == null) {
                original.write(buffer.toByteArray(), 0, buffer.size());
                original.flush();
                buffer.reset();
                partialSince = 0;
                return;
            }
            long now = System.nanoTime();
            if (!force && !tick && now - lastSend < MIN_GAP_NANOS) {
                return;
            }
            byte[] bytes = buffer.toByteArray();
            int end = lastNewline(bytes) + 1;
            boolean partialDue = partialSince != 0 && now - partialSince >= PARTIAL_LINE_MILLIS * 1_000_000L;
            if (force || partialDue) {
                end = completeUtf8Length(bytes);
            }
            if (end == 0) {
                if (partialSince == 0) {
                    partialSince = now;
                }
                return;
            }
            buffer.reset();
            buffer.write(bytes, end, bytes.length - end);
            partialSince = buffer.size() == 0 ? 0 : now;
            lastSend = now;
            sink.accept(c, new String(bytes, 0, end, StandardCharsets.UTF_8));
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
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
