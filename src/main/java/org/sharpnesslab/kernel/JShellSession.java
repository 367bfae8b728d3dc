package org.sharpnesslab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import org.sharpnesslab.task.Cancellation;

/**
 * JShell in this JVM, as the kernel uses it: built and warmed (imports, start-up scripts) on a background thread
 * as soon as the session is created; a cell is cut into snippets with {@code analyzeCompletion} and run in order;
 * the real object of the last expression is returned; compile errors, exceptions, interrupts and timeouts come
 * back as exceptions that name the user's own cell and line ({@link CellError}, or the user's exception itself).
 * One cell at a time; {@link #interrupt()} may be called from any thread.
 */
public final class JShellSession implements AutoCloseable {

    /** Packages imported at start-up (on demand), before the library's own. */
    static final List<String> IMPORTS = List.of("java.util", "java.util.stream", "java.util.function", "java.io",
            "java.math", "java.util.concurrent", "tech.tablesaw.api", "org.knowm.xchart", "org.knowm.xchart.style");

    /** The library's packages imported at start-up when they exist: {@code org.sharpnesslab.<name>}. */
    static final List<String> LIBRARY_PACKAGES = List.of("uv", "nn", "dynamics", "spectrum", "data", "plot",
            "notebook", "experiment", "task");

    /** What a cell returned: its last expression's value, if it had one. */
    public record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    /** Completion options replacing {@code [start, end)} of the cell. */
    public record Completion(List<String> options, int start, int end) {
    }

    private final KernelConfig config;
    private final KernelExecutionControl.Provider provider = new KernelExecutionControl.Provider();
    private final ScheduledExecutorService timer;
    private final CompletableFuture<JShell> shell;
    private final List<String> startupProblems = Collections.synchronizedList(new ArrayList<>());
    private final ErrorReports errors = new ErrorReports();
    private final Object evalLock = new Object();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean running;
    private volatile boolean interruptRequested;
    private volatile boolean timedOut;
    private ScheduledFuture<?> stopper;
    private volatile Throwable lastUserThrowable;
    private volatile List<String> lastUserTraceback = List.of();

    /** Starts building JShell and running the start-up code in the background; returns at once. */
    public JShellSession(KernelConfig config) {
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kernel-timer");
            t.setDaemon(true);
            return t;
        });
        this.shell = CompletableFuture.supplyAsync(this::buildAndWarm, r -> {
            Thread t = new Thread(r, "jshell-startup");
            t.setDaemon(true);
            t.start();
        });
    }

    private JShell buildAndWarm() {
        initTablesawTypes();
        JShell sh = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        for (String entry : config.classpath()) {
            List<Path> paths = KernelConfig.resolve(entry, false);
            if (paths.isEmpty()) {
                startupProblems.add(KernelConfig.CLASSPATH + ": nothing matches '" + entry + "'");
            }
            paths.forEach(p -> sh.addToClasspath(p.toString()));
        }
        for (String code : startupCode()) {
            for (SnippetEvent ev : sh.eval(code)) {
                if (ev.causeSnippet() == null && !ev.status().isDefined()) {
                    startupProblems.add("start-up import failed: " + code);
                }
            }
        }
        return sh;
    }

    /**
     * Initialises Tablesaw's {@code ColumnType} constants before any cell runs. Tablesaw 0.43.1 makes its column
     * type singletons lazily and not re-entrantly: when a cell's first Tablesaw call is {@code DoubleColumn.create},
     * {@code ColumnType.DOUBLE} ends up a second instance, different from {@code column.type()}, and code comparing
     * them by identity (renderers) goes wrong. Touching {@code ColumnType} first gives one instance per type.
     */
    static void initTablesawTypes() {
        try {
            Class.forName("tech.tablesaw.api.ColumnType", true, JShellSession.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // no Tablesaw on the class path: nothing to do
        }
    }

    /** The imports run at start-up: {@link #IMPORTS}, the library packages present, display/updateDisplay. */
    static List<String> startupCode() {
        List<String> code = new ArrayList<>();
        for (String pkg : IMPORTS) {
            if (packageExists(pkg)) {
                code.add("import " + pkg + ".*;");
            }
        }
        for (String name : LIBRARY_PACKAGES) {
            String pkg = "org.sharpnesslab." + name;
            if (packageExists(pkg)) {
                code.add("import " + pkg + ".*;");
            }
        }
        if (JShellSession.class.getClassLoader().getResource("org/sharpnesslab/notebook/Notebook.class") != null) {
            code.add("import static org.sharpnesslab.notebook.Notebook.display;");
            code.add("import static org.sharpnesslab.notebook.Notebook.updateDisplay;");
        }
        return code;
    }

    /** Whether a package has classes on the kernel's class path: one resource look-up, no scanning. */
    static boolean packageExists(String pkg) {
        if (pkg.startsWith("java.")) {
            return true;
        }
        return JShellSession.class.getClassLoader().getResource(pkg.replace('.', '/') + "/") != null;
    }

    /** The shell, waiting for the start-up to finish. */
    JShell shell() {
        try {
            return shell.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    /** Waits for the start-up; returns what went wrong in it (and forgets it), for the first cell to report. */
    public List<String> awaitStartup() {
        shell();
        List<String> p;
        synchronized (startupProblems) {
            p = List.copyOf(startupProblems);
            startupProblems.clear();
        }
        return p;
    }

    /**
     * Runs the user's start-up scripts (IJAVA_STARTUP_SCRIPTS_PATH, IJAVA_STARTUP_SCRIPT) as cell "start-up".
     *
     * @throws Exception the first failure, as for a cell
     */
    public void runStartupScripts() throws Exception {
        for (String script : config.startupScripts()) {
            evaluate(script, 0, script.length(), "start-up script");
        }
    }

    /**
     * Evaluates {@code cell.substring(from, to)} (a stretch of code of the cell labelled {@code label}) snippet by
     * snippet and returns the value of its last expression.
     *
     * @throws CellError for compile errors, incomplete input, interrupts and timeouts
     * @throws Exception the exception user code threw (its stack in terms of cells and lines, see
     *                   {@link #traceback(Throwable)})
     */
    public Result evaluate(String cell, int from, int to, String label) throws Exception {
        JShell sh = shell();
        synchronized (evalLock) {
            long gen = generation.incrementAndGet();
            interruptRequested = false;
            Cancellation.renewSession();       // library loops of this cell check this token
            running = true;
            try {
                return evaluateSnippets(sh, cell, from, to, label, gen);
            } finally {
                running = false;
                synchronized (this) {
                    if (stopper != null) {
                        stopper.cancel(false);
                        stopper = null;
                    }
                }
            }
        }
    }

    private Result evaluateSnippets(JShell sh, String cell, int from, int to, String label, long gen) throws Exception {
        SourceCodeAnalysis analysis = sh.sourceCodeAnalysis();
        String rest = cell.substring(from, to);
        int pos = from;
        Result result = Result.NONE;
        while (!rest.isBlank()) {
            int lead = leadingSpace(rest);
            if (interruptRequested) {
                throw interrupted(label, CellSource.lineAt(cell, pos + lead));
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                int line = CellSource.lineAt(cell, pos + lead);
                throw new CellError.IncompleteInput("incomplete statement at the end of the cell", line,
                        List.of("Incomplete input in " + label + ", line " + line + ":",
                                "    " + rest.strip().lines().findFirst().orElse(""),
                                "The statement is not finished (a missing ';', ')' or '}'?)."));
            }
            String src = info.source();
            int consumed = rest.length() - info.remaining().length();
            int srcLead = leadingSpace(src);
            result = evaluateSnippet(sh, src.substring(srcLead), cell, pos + srcLead, label,
                    info.remaining().isBlank(), gen);
            pos += consumed;
            rest = info.remaining();
        }
        return result;
    }

    private Result evaluateSnippet(JShell sh, String code, String cell, int start, String label, boolean last,
                                   long gen) throws Exception {
        int firstLine = CellSource.lineAt(cell, start);
        timedOut = false;
        ScheduledFuture<?> timeout = config.timeoutMillis() > 0
                ? timer.schedule(() -> onTimeout(gen), config.timeoutMillis(), TimeUnit.MILLISECONDS) : null;
        List<SnippetEvent> events;
        try {
            events = sh.eval(code);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        SnippetEvent ev = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (ev == null) {
            return Result.NONE;
        }
        Snippet s = ev.snippet();
        errors.record(s.id(), label, firstLine);
        if (timedOut) {
            throw new CellError.TimedOut("statement timed out after " + config.timeoutMillis() + " ms", firstLine,
                    List.of("Timed out in " + label + ", line " + firstLine + ": the statement ran longer than "
                            + config.timeoutMillis() + " ms (" + KernelConfig.TIMEOUT + ")."));
        }
        if (interruptRequested) {
            throw interrupted(label, firstLine);
        }
        JShellException ex = ev.exception();
        if (ex instanceof EvalException ee) {
            throw userException(ee);
        }
        if (ex instanceof UnresolvedReferenceException ure) {
            List<String> deps = sh.unresolvedDependencies(ure.getSnippet()).toList();
            String msg = "'" + ure.getSnippet().name() + "' cannot be used until " + String.join(", ", deps)
                    + " is defined";
            throw new CellError.UnresolvedReference(msg, firstLine,
                    List.of("Unresolved reference in " + label + ", line " + firstLine + ": " + msg));
        }
        if (ex != null) {
            throw new CellError.UncaughtError(ex.toString(), firstLine, List.of(ex.toString()));
        }
        if (!ev.status().isDefined()) {
            throw errors.compilationError(sh, s, code, cell, start, label);
        }
        if (!last || CellSource.isBareDisplayCall(code)) {
            return Result.NONE;
        }
        return valueOf(sh, s);
    }

    private Result valueOf(JShell sh, Snippet s) {
        VarSnippet var = null;
        if (s instanceof VarSnippet v && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            var = v;
        } else if (s instanceof ExpressionSnippet e && s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            var = sh.variables().filter(v -> v.name().equals(e.name())).findFirst().orElse(null);
        }
        if (var == null) {
            return Result.NONE;
        }
        sh.varValue(var);
        return new Result(true, provider.control().takeVarValue());
    }

    private Exception userException(EvalException ee) {
        Throwable real = provider.control().takeThrown();
        List<String> tb = errors.traceLines(ee);
        if (real != null && real.getClass().getName().equals(ee.getExceptionClassName())) {
            real.setStackTrace(ee.getStackTrace());
        } else {
            real = ee;
        }
        lastUserThrowable = real;
        lastUserTraceback = tb;
        if (real instanceof Exception e) {
            return e;
        }
        return new CellError.UncaughtError(ee.getExceptionClassName() + ": " + ee.getMessage(), 0, tb);
    }

    /** The traceback of an exception user code threw in the last failed cell, or {@code null} for another one. */
    public List<String> traceback(Throwable t) {
        return t == lastUserThrowable ? lastUserTraceback : null;
    }

    private CellError interrupted(String label, int line) {
        return new CellError.Interrupted("interrupted", line,
                List.of("Interrupted: " + label + " was stopped at line " + line + "; the kernel keeps its state."));
    }

    /** Stops the running cell (if any): user code is stopped, the rest of the cell skipped. Any thread. */
    public void interrupt() {
        if (!running) {
            return;
        }
        interruptRequested = true;
        Cancellation.cancelSession("interrupted");
        keepStopping(generation.get());
    }

    private void onTimeout(long gen) {
        if (running && generation.get() == gen) {
            timedOut = true;
            Cancellation.cancelSession("timed out (" + KernelConfig.TIMEOUT + ")");
            keepStopping(gen);
        }
    }

    /** Calls {@code JShell.stop()} now and every 100 ms until the cell returns (a stop during compilation is lost). */
    private synchronized void keepStopping(long gen) {
        if (stopper != null) {
            return;
        }
        stopper = timer.scheduleWithFixedDelay(() -> {
            if (running && generation.get() == gen) {
                try {
                    shell().stop();
                } catch (RuntimeException ignored) {
                    // the shell may be between snippets; the next round retries
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Adds a jar or directory to the compile and run class path. */
    public void addToClasspath(String path) {
        shell().addToClasspath(path);
    }

    /** Completion options at {@code cursor}, from JShell's source analysis of the snippet the cursor is in. */
    public Completion complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = shell().sourceCodeAnalysis()
                .completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new Completion(options, start + anchor[0], cursor);
    }

    /** Signatures and Javadoc of what is at {@code cursor} (empty when nothing is known). */
    public List<SourceCodeAnalysis.Documentation> inspect(String code, int cursor) {
        int at = Math.min(cursor, code.length());
        while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
            at++;
        }
        int paren = at;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        if (paren < code.length() && code.charAt(paren) == '(') {
            at = paren + 1;
        }
        int start = snippetStart(code, at);
        return shell().sourceCodeAnalysis().documentation(code.substring(start, at), at - start, true);
    }

    /** Where the snippet containing {@code cursor} starts: complete snippets before it are skipped. */
    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        String prefix = code.substring(0, Math.min(cursor, code.length()));
        int start = 0;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(prefix.substring(start));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return start;
            }
            int next = prefix.length() - info.remaining().length();
            if (next <= start) {
                return start;
            }
            start = next;
        }
    }

    /**
     * Jupyter's {@code is_complete}: {@code "complete"}, {@code "invalid"}, or, for a cell that needs more lines,
     * the indentation of the next line (possibly empty).
     */
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case UNKNOWN -> "invalid";
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> "complete";
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> indentOf(code);
        };
    }

    private static String indentOf(String partial) {
        String[] lines = partial.split("\n", -1);
        String last = lines[lines.length - 1];
        String indent = last.substring(0, leadingSpace(last));
        long open = last.chars().filter(c -> c == '{' || c == '(').count();
        long close = last.chars().filter(c -> c == '}' || c == ')').count();
        return open > close ? indent + "    " : indent;
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (shell.isDone() && !shell.isCompletedExceptionally()) {
            shell.join().close();
        }
    }
}
