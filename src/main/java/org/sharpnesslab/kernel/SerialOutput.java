package org.sharpnesslab.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * A cell's output sent by one thread of the kernel's own ("kernel-output-sender"), never by the cell's threads: a
 * stop of the cell (■, a time limit: {@code Thread.stop}) lands in the cell's thread while it waits, never in the
 * middle of writing a signed multipart message to the socket (which the client would refuse with "Invalid
 * Signature"). The cell's thread waits for each send, so the order of outputs is the order of the calls.
 */
final class SerialOutput implements CellOutput {

    /** Its thread is in the top thread group, whoever made it first: never one of a cell's threads. */
    private static final ExecutorService SENDER = Executors.newSingleThreadExecutor(
            r -> org.sharpnesslab.task.Threads.daemon(r, "kernel-output-sender"));

    private final CellOutput target;

    private SerialOutput(CellOutput target) {
        this.target = target;
    }

    static CellOutput of(CellOutput target) {
        return target instanceof SerialOutput ? target : new SerialOutput(target);
    }

    private void send(Runnable r) {
        if (Thread.currentThread().getName().equals("kernel-output-sender")) {
            r.run();
            return;
        }
        Future<?> f = SENDER.submit(r);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;        // the message goes out whole; the interrupt stays for the cell
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stdout(String text) {
        send(() -> target.stdout(text));
    }

    @Override
    public void stderr(String text) {
        send(() -> target.stderr(text));
    }

    @Override
    public void display(DisplayData data) {
        send(() -> target.display(data));
    }

    @Override
    public void updateDisplay(DisplayData data) {
        send(() -> target.updateDisplay(data));
    }

    @Override
    public void clear(boolean wait) {
        send(() -> target.clear(wait));
    }
}
