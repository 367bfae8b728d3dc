package org.sharpnesslab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Where a running cell's output goes: the Jupyter iopub channel in the kernel, a recorder in tests.
 * Methods may be called from any thread while the cell runs.
 */
public interface CellOutput {

    /** Text written to {@code System.out}. */
    void stdout(String text);

    /** Text written to {@code System.err}. */
    void stderr(String text);

    /** A new output ({@code display_data}); carries its display id in the transient data. */
    void display(DisplayData data);

    /** Replaces the output with {@code data}'s display id ({@code update_display_data}). */
    void updateDisplay(DisplayData data);

    /** Clears the cell's outputs ({@code clear_output}); with {@code wait}, just before the next output arrives. */
    default void clear(boolean wait) {
    }
}
