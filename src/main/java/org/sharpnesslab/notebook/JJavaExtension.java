package org.sharpnesslab.notebook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * The library's side of JJava (IJava's maintained successor): JJava finds this class through its
 * {@code org.dflib.jjava.jupyter.Extension} service ({@code META-INF/services}) when the library's jar is added
 * ({@code %maven} or {@code %jars}), and {@link #install} registers every renderer of {@link Renderers} with the
 * kernel's renderer (a Table's value renders as HTML, a chart's as PNG) and routes {@link Notebook#display},
 * {@link Notebook#updateDisplay}, {@link Notebook#clear()} and progress bars to the kernel. JJava's API
 * ({@code org.dflib.jjava:jjava-jupyter}) is an optional dependency: JJava brings it; nothing else loads this class.
 */
public final class JJavaExtension implements Extension {

    /** Called by JJava's service loader. */
    public JJavaExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        List<Renderers.Registration> regs = new ArrayList<>(Renderers.registrations());
        Collections.reverse(regs); // oldest first, as they were registered here
        for (Renderers.Registration r : regs) {
            kernel.getRenderer().createRegistration(r.type())
                    .supporting(r.supported().toArray(new String[0]))
                    .preferring(r.preferred().toArray(new String[0]))
                    .register((value, context) -> render(r, value, context));
        }
        Notebook.setSink(new DisplaySink() {
            @Override
            public String display(Map<String, Object> bundle) {
                String id = UUID.randomUUID().toString();
                DisplayData data = toData(bundle);
                data.setDisplayId(id);
                kernel.display(data);
                return id;
            }

            @Override
            public void update(String displayId, Map<String, Object> bundle) {
                kernel.getIO().display.updateDisplay(displayId, toData(bundle));
            }

            @Override
            public String toString() {
                return "JJava display of " + kernel.getName();
            }
        });
    }

    @Override
    public void uninstall(BaseKernel kernel) {
        Notebook.clearSink();
    }

    private static void render(Renderers.Registration r, Object value, RenderContext context) {
        List<String> asked = new ArrayList<>();
        for (String mime : r.supported()) {
            if (context.wantsDataRenderedAs(MIMEType.parse(mime))) {
                asked.add(mime);
            }
        }
        if (!asked.isEmpty()) {
            DisplayData out = context.getOutputContainer();
            Renderers.render(value, asked.toArray(new String[0])).forEach(out::putData);
        }
    }

    private static DisplayData toData(Map<String, Object> bundle) {
        DisplayData data = new DisplayData();
        bundle.forEach(data::putData);
        return data;
    }
}
