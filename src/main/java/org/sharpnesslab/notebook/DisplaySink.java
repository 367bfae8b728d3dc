package org.sharpnesslab.notebook;

import java.util.Map;

/**
 * Where {@link Notebook#display(Object)} sends rendered MIME bundles: the project's kernel, a real IJava
 * (installed by {@link Notebook#install()}), or a test. A bundle maps MIME types ({@code "text/plain"},
 * {@code "text/html"}, {@code "image/png"} as a Base64 string, ...) to their data, in preference order.
 */
public interface DisplaySink {

    /** Shows a new output and returns its display id (for {@link #update}). */
    String display(Map<String, Object> bundle);

    /** Replaces the output shown under {@code displayId} with {@code bundle}. */
    void update(String displayId, Map<String, Object> bundle);

    /**
     * Clears the running cell's outputs ({@code clear_output}); with {@code wait}, only when the next output
     * arrives (no flicker in an animation). A sink that cannot clear ignores it.
     */
    default void clear(boolean wait) {
    }
}
