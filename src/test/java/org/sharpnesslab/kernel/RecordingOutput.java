package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** A {@link CellOutput} that keeps everything a cell sent, for assertions. */
final class RecordingOutput implements CellOutput {
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<String> chunks = new ArrayList<>();
    private final List<DisplayData> displays = new ArrayList<>();
    private final List<DisplayData> updates = new ArrayList<>();
    private int stdoutMessages;
    private final List<Boolean> clears = new ArrayList<>();

    @Override
    public synchronized void stdout(String text) {
        out.append(text);
        chunks.add(text);
        stdoutMessages++;
    }

    @Override
    public synchronized void stderr(String text) {
        err.append(text);
    }

    @Override
    public synchronized void display(DisplayData data) {
        displays.add(data);
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
        updates.add(data);
    }

    @Override
    public synchronized void clear(boolean wait) {
        clears.add(wait);
    }

    synchronized List<Boolean> clears() {
        return List.copyOf(clears);
    }

    synchronized List<String> stdoutChunks() {
        return List.copyOf(chunks);
    }

    synchronized String out() {
        return out.toString();
    }

    synchronized String err() {
        return err.toString();
    }

    synchronized int stdoutMessages() {
        return stdoutMessages;
    }

    synchronized List<DisplayData> displays() {
        return List.copyOf(displays);
    }

    synchronized List<DisplayData> updates() {
        return List.copyOf(updates);
    }
}
