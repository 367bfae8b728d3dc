package org.sharpnesslab.kernel;

import java.util.Map;
import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.sharpnesslab.notebook.DisplaySink;

/**
 * The kernel's {@link DisplaySink} for {@link org.sharpnesslab.notebook.Notebook}: a MIME bundle becomes a
 * {@code display_data} (with a fresh display id) or an {@code update_display_data} of the running cell. Outside a
 * running cell (a background thread after its cell ended) displays are dropped.
 */
final class KernelDisplaySink implements DisplaySink {

    private final OutputRouter router;

    KernelDisplaySink(OutputRouter router) {
        this.router = router;
    }

    @Override
    public String display(Map<String, Object> bundle) {
        String id = UUID.randomUUID().toString();
        DisplayData data = toDisplayData(bundle);
        data.setDisplayId(id);
        router.display(data);
        return id;
    }

    @Override
    public void update(String displayId, Map<String, Object> bundle) {
        DisplayData data = toDisplayData(bundle);
        data.setDisplayId(displayId);
        router.updateDisplay(data);
    }

    @Override
    public void clear(boolean wait) {
        router.clear(wait);
    }

    /** A MIME bundle as basekernel's DisplayData, in the bundle's order. */
    static DisplayData toDisplayData(Map<String, Object> bundle) {
        DisplayData data = new DisplayData();
        bundle.forEach(data::putData);
        return data;
    }
}
