package org.sharpnesslab.kernel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import jdk.jshell.SourceCodeAnalysis;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sharpnesslab.notebook.Notebook;
import org.sharpnesslab.notebook.Renderers;

/**
 * The sharpness-lab Jupyter kernel: Java cells run by JShell in this JVM ({@link JShellSession}), the last
 * expression's value rendered by {@link Renderers} (Table → HTML, chart → PNG, ...), {@code display(...)} and
 * progress bars through {@link Notebook}'s sink, {@code %jars}/{@code %classpath} line magics, completion,
 * inspection, {@code is_complete} and {@code interrupt_mode: message} interrupts. Compatible with IJava's
 * environment variables ({@link KernelConfig}).
 *
 * <p>{@link #evaluate(String, CellOutput)} runs a cell against any {@link CellOutput} (tests use a recorder);
 * Jupyter's execute requests go through {@link #eval(String)} to the request's iopub channel.
 */
public final class SharpnessKernel extends BaseKernel {

    /** The line magics the kernel knows; other {@code %...} lines are left to the Java compiler. */
    static final Set<String> MAGICS = Set.of("jars", "classpath");

    private final JShellSession session;
    private final Magics magics = new Magics();
    private final OutputRouter router;
    private final LanguageInfo languageInfo;
    private final AtomicInteger cellCounter = new AtomicInteger();
    private volatile boolean startupReported;
    private volatile boolean renderingWarmed;

    /** A kernel with {@code config}; JShell starts warming up in the background at once. */
    public SharpnessKernel(KernelConfig config) {
        this.session = new JShellSession(config);
        this.router = OutputRouter.install();
        ExitGuard.install(router);
        Notebook.setSink(new KernelDisplaySink(router));
        setShouldReplaceStdStreams(false);
        magics.registerMagics(new ClasspathMagics(session::addToClasspath));
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(String.valueOf(Runtime.version().feature()))
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /** The JShell session (for embedding and tests). */
    public JShellSession session() {
        return session;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: sharpness-lab kernel (JShell, in-process)";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        return evaluate(code, new JupyterOutput(getIO()), "cell [" + (executionCount.get() - 1) + "]");
    }

    /**
     * Runs one cell, sending its output to {@code output}; returns the rendered value of its last expression, or
     * {@code null} when it has none.
     *
     * @throws CellError  compile errors, incomplete input, interrupt, timeout, failed magic
     * @throws Exception  the exception the user's code threw ({@link #formatError} gives its traceback)
     */
    public DisplayData evaluate(String code, CellOutput output) throws Exception {
        return evaluate(code, output, "cell [" + cellCounter.incrementAndGet() + "]");
    }

    private DisplayData evaluate(String code, CellOutput output, String label) throws Exception {
        router.begin(output);
        try {
            reportStartupOnce(output);
            JShellSession.Result result = JShellSession.Result.NONE;
            for (CellSource.Part part : CellSource.split(code, MAGICS::contains)) {
                if (part.isMagic()) {
                    runMagic(code, part, label);
                    result = JShellSession.Result.NONE;
                } else {
                    result = session.evaluate(code, part.offset(), part.offset() + part.text().length(), label);
                }
            }
            if (!result.hasValue() || result.value() == null) {
                return null;
            }
            return KernelDisplaySink.toDisplayData(Renderers.render(result.value()));
        } finally {
            router.end();
            warmUpRenderingOnce();
        }
    }

    /**
     * After the first cell: renders a small chart on a background thread, so AWT, fonts and the PNG encoder (about
     * 2–3 s the first time on a loaded 2-core machine) are ready before the user's first chart. Started only after
     * a cell, so it never delays the cold start to the first result.
     */
    private void warmUpRenderingOnce() {
        if (renderingWarmed) {
            return;
        }
        renderingWarmed = true;
        Thread t = new Thread(() -> {
            try {
                XYChart chart = new XYChartBuilder().width(120).height(80).build();
                chart.addSeries("warm-up", new double[] {0, 1, 2}, new double[] {0, 1, 4});
                Renderers.render(chart);
            } catch (RuntimeException | LinkageError e) {
                // a warm-up only: the real render reports its own problems
            }
        }, "render-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void reportStartupOnce(CellOutput output) throws Exception {
        if (startupReported) {
            return;
        }
        startupReported = true;
        for (String problem : session.awaitStartup()) {
            output.stderr(problem + "\n");
        }
        session.runStartupScripts();
    }

    private void runMagic(String code, CellSource.Part part, String label) throws CellError {
        int line = CellSource.lineAt(code, part.offset());
        try {
            magics.applyLineMagic(part.magicName(), KernelConfig.splitOptions(part.text()));
        } catch (Exception e) {
            String msg = e instanceof UndefinedMagicException ? "unknown magic %" + part.magicName() : e.getMessage();
            throw new CellError.MagicError(msg, line, List.of("%" + part.magicName() + " failed in " + label
                    + ", line " + line + ": " + msg));
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError ce) {
            return ce.traceback();
        }
        List<String> tb = session.traceback(e);
        return tb != null ? tb : super.formatError(e);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellSession.Completion c = session.complete(code, at);
        return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = session.inspect(code, at);
        if (docs.isEmpty()) {
            return null;
        }
        DisplayData data = new DisplayData(docs.stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n")));
        data.putHTML(docs.stream()
                .map(d -> "<b>" + escape(d.signature()) + "</b>"
                        + (d.javadoc() == null ? "" : "<pre>" + escape(d.javadoc()) + "</pre>"))
                .collect(Collectors.joining("<br/>")));
        return data;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String isComplete(String code) {
        String status = session.isComplete(CellSource.codeOnly(code, MAGICS::contains));
        return switch (status) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> status;
        };
    }

    @Override
    public void interrupt() {
        org.sharpnesslab.task.Cancellation.cancelSession("interrupted"); // also stops a render after the cell's code
        session.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        Notebook.clearSink();
        session.close();
    }

    /** A cell's output on the Jupyter channels of the execute request being handled. */
    private static final class JupyterOutput implements CellOutput {
        private final JupyterIO io;

        JupyterOutput(JupyterIO io) {
            this.io = io;
        }

        @Override
        public void stdout(String text) {
            io.out.print(text);
            io.out.flush();
        }

        @Override
        public void stderr(String text) {
            io.err.print(text);
            io.err.flush();
        }

        @Override
        public void display(DisplayData data) {
            io.display.display(data);
        }

        @Override
        public void updateDisplay(DisplayData data) {
            io.display.updateDisplay(data);
        }
    }

}
