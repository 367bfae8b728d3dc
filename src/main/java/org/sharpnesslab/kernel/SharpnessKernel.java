package org.sharpnesslab.kernel;

import java.util.List;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sharpnesslab.notebook.Notebook;
import org.sharpnesslab.notebook.Renderers;

/**
 * The sharpness-lab Jupyter kernel: Java cells run by JShell in this JVM ({@link JShellSession}), the last
 * expression's value rendered by {@link Renderers} (Table → HTML, chart → PNG, ...), {@code display(...)},
 * {@code Notebook.clear()} and progress bars through {@link Notebook}'s sink, magics ({@code %lsmagic} lists
 * them), completion, inspection with Javadoc, {@code is_complete}, history and {@code interrupt_mode: message}
 * interrupts; every reply as the messaging spec 5.3 has it ({@link ProtocolReplies}). Compatible with IJava's
 * environment variables ({@link KernelConfig}).
 *
 * <p>{@link #evaluate(String, CellOutput)} runs a cell against any {@link CellOutput} (tests use a recorder);
 * Jupyter's execute requests go through {@link #eval(String)} to the request's iopub channel.
 */
public final class SharpnessKernel extends BaseKernel {

    /** The kernel's version in {@code kernel_info_reply}. */
    static final String VERSION = "0.1.0";

    private final JShellSession session;
    private final Magics magics = new Magics();
    private final OutputRouter router;
    private final LanguageInfo languageInfo;
    private final SessionHistory history = new SessionHistory();
    private int cellCounter;
    private volatile boolean startupReported;
    private volatile boolean renderingWarmed;
    private volatile ShellReplyEnvironment env;
    private volatile boolean storeHistory = true;

    /** A kernel with {@code config}; JShell starts warming up in the background at once. */
    public SharpnessKernel(KernelConfig config) {
        this.session = new JShellSession(config);
        this.router = OutputRouter.install();
        ExitGuard.install(router);
        Notebook.setSink(new KernelDisplaySink(router));
        setShouldReplaceStdStreams(false);
        KernelMagics.register(magics, session, this::evaluateParts);
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
    public HistoryManager getHistoryManager() {
        return history;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        ProtocolReplies.install(connection, this);
    }

    /**
     * The execute request being handled: its environment publishes {@code clear_output}; the cell goes into the
     * history only when the request asks for it ({@code store_history}).
     */
    void attach(ShellReplyEnvironment e, boolean store) {
        env = e;
        storeHistory = store;
    }

    void detach(ShellReplyEnvironment e) {
        if (env == e) {
            env = null;
            storeHistory = true;
        }
    }

    /** Takes the next execution count, as basekernel does for each execute request. */
    int nextExecutionCount() {
        return executionCount.getAndIncrement();
    }

    /** Cell {@code count} ran {@code code} and showed {@code output} (null when it showed no value). */
    void remember(int count, String code, String output) {
        history.record(count, code, output);
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        return evaluate(code, new JupyterOutput(getIO(), env), executionCount.get() - 1);
    }

    /**
     * Runs one cell, sending its output to {@code output}; returns the rendered value of its last expression, or
     * {@code null} when it has none.
     *
     * @throws CellError  compile errors, incomplete input, interrupt, timeout, failed or unknown magic
     * @throws Exception  the exception the user's code threw ({@link #formatError} gives its traceback)
     */
    public DisplayData evaluate(String code, CellOutput output) throws Exception {
        return evaluate(code, output, ++cellCounter);
    }

    /** Runs cell number {@code count} and records it in the history (unless the request said not to). */
    private DisplayData evaluate(String code, CellOutput output, int count) throws Exception {
        DisplayData out = null;
        try {
            out = evaluate(code, output, "cell [" + count + "]");
            return out;
        } finally {
            if (storeHistory) {
                remember(count, code, out == null ? null : String.valueOf(out.getData(
                        io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
            }
        }
    }

    private DisplayData evaluate(String code, CellOutput output, String label) throws Exception {
        router.begin(output);
        try {
            reportStartupOnce(output);
            JShellSession.Result result;
            CellSource.CellMagic header = CellSource.cellMagic(code);
            if (header != null) {
                Magics.Cell magic = magics.cell(header.name());
                if (magic == null) {
                    throw magics.unknown(header.name(), true, CellSource.lineAt(code, code.indexOf("%%")), label);
                }
                result = runMagic("%" + header.name(), CellSource.lineAt(code, code.indexOf("%%")), label,
                        () -> magic.run(header.args(), code, header.bodyOffset(), label));
            } else {
                result = evaluateParts(code, 0, label);
            }
            if (!result.hasValue() || result.value() == null) {
                return null;
            }
            return KernelDisplaySink.toDisplayData(Renderers.render(result.value()));
        } finally {
            session.endCell();
            router.end();
            warmUpRenderingOnce();
        }
    }

    /** Runs {@code cell} from {@code from} on: code and line magics in order; the last value. */
    private JShellSession.Result evaluateParts(String cell, int from, String label) throws Exception {
        JShellSession.Result result = JShellSession.Result.NONE;
        for (CellSource.Part part : CellSource.split(cell.substring(from), name -> true)) {
            int offset = from + part.offset();
            if (part.isMagic()) {
                int line = CellSource.lineAt(cell, offset);
                Magics.Line magic = magics.line(part.magicName());
                if (magic == null) {
                    throw magics.unknown(part.magicName(), false, line, label);
                }
                result = runMagic("%" + part.magicName(), line, label,
                        () -> magic.run(part.text(), cell, offset, label));
            } else {
                result = session.evaluate(cell, offset, offset + part.text().length(), label);
            }
        }
        return result;
    }

    /** A piece of work that gives a cell result. */
    private interface Work {
        JShellSession.Result run() throws Exception;
    }

    /** Runs a magic; its own failures become a {@link CellError.MagicError}, code it ran fails as itself. */
    private JShellSession.Result runMagic(String spelled, int line, String label, Work work) throws Exception {
        try {
            return work.run();
        } catch (CellError e) {
            throw e;
        } catch (IllegalArgumentException | java.io.IOException
                 | org.eclipse.aether.resolution.DependencyResolutionException e) {
            StringBuilder msg = new StringBuilder(String.valueOf(e.getMessage()).strip());
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c.getMessage() != null && !msg.toString().contains(c.getMessage())) {
                    msg.append(": ").append(c.getMessage());
                }
            }
            throw new CellError.MagicError(msg.toString(), line, List.of(spelled + " failed in " + label + ", line " + line
                    + ": " + msg));
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
        CodeAnalysis.Completion c = session.analysis().complete(code, at);
        return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
    }

    /**
     * The identifier at or before {@code at}: its signatures and Javadoc as {@code text/plain} and
     * {@code text/html}; {@code null} when nothing is known.
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        CodeAnalysis.Inspection found = session.analysis().inspect(code, at);
        if (!found.found()) {
            return null;
        }
        StringBuilder text = new StringBuilder(String.join("\n", found.signatures()));
        StringBuilder html = new StringBuilder("<pre>" + DocFormat.escape(String.join("\n", found.signatures()))
                + "</pre>");
        for (JavadocSource.Doc d : found.docs()) {
            text.append("\n\n").append(d.declaration()).append("\n").append(DocFormat.text(d.comment()));
            html.append("<hr/><p><code>").append(DocFormat.escape(d.declaration())).append("</code></p>")
                    .append(DocFormat.html(d.comment()));
        }
        DisplayData data = new DisplayData(text.toString().strip());
        data.putHTML(html.toString());
        return data;
    }

    @Override
    public String isComplete(String code) {
        if (HelpRequest.parse(code).isPresent()) {
            return IS_COMPLETE_YES;
        }
        CellSource.CellMagic header = CellSource.cellMagic(code);
        String body = header == null ? code : " ".repeat(header.bodyOffset()) + code.substring(header.bodyOffset());
        String status = session.analysis().isComplete(CellSource.codeOnly(body, name -> true));
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
        private final ShellReplyEnvironment env;

        JupyterOutput(JupyterIO io, ShellReplyEnvironment env) {
            this.io = io;
            this.env = env;
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

        @Override
        public void clear(boolean wait) {
            if (env != null) {
                env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
            }
        }
    }
}
