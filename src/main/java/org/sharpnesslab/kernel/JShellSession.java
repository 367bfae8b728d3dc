package org.sharpnesslab.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * JShell in this JVM, as the kernel uses it: built and warmed ({@link ShellStartup}) on a background thread as
 * soon as the session is created; a cell is cut into snippets with {@code analyzeCompletion} and run in order;
 * the real object of the last expression is returned; compile errors, exceptions, interrupts and timeouts
 * ({@link CellStopper}) come back as exceptions that name the user's own cell and line ({@link CellError}, or the
 * user's exception itself). One cell at a time; {@link #interrupt()} may be called from any thread.
 *
 * <p>Memory over a long session: JShell keeps the value of every variable it ever defined (each snippet's class
 * holds it in a static field, even after the variable is redefined), and every snippet with its source and its
 * class. The session clears the value of a variable when it is redefined or dropped, keeps the unnamed results
 * {@code $1, $2, ...} of the last {@value #KEPT_RESULT_CELLS} cells only, and makes JShell forget the snippets
 * that cannot run again ({@link SnippetRecords}, {@link SnippetClasses}). {@link #release()} drops the unnamed
 * results at once, {@link #release(List, String)} sets the variables named to null ({@code %release},
 * {@code %release name...}).
 */
public final class JShellSession implements AutoCloseable {

    /** Unnamed results ({@code $n}) are kept for this many cells, then released. */
    public static final int KEPT_RESULT_CELLS = 20;

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short",
            "int", "long", "float", "double");

    /** What a cell returned: its last expression's value, if it had one. */
    public record Result(boolean hasValue, Object value) {
        public static final Result NONE = new Result(false, null);
    }

    private final KernelConfig config;
    private final KernelExecutionControl.Provider provider = new KernelExecutionControl.Provider();
    private final CompletableFuture<JShell> shell;
    private final List<String> startupProblems = Collections.synchronizedList(new ArrayList<>());
    private final ErrorReports errors = new ErrorReports();
    private final CellStopper stopper;
    private final CodeAnalysis analysis;
    private final Object evalLock = new Object();
    /** The class holding each live variable's value, by snippet (JShell may give a redefinition the same id). */
    private final Map<Snippet, Class<?>> valueHolders = new IdentityHashMap<>();
    /** The unnamed results of the last cells, oldest first. */
    private final Deque<List<VarSnippet>> recentResults = new ArrayDeque<>();
    private List<VarSnippet> cellResults = new ArrayList<>();
    /** JShell's copies of snippet classes, to forget those that cannot run again (null if not reachable). */
    private SnippetClasses snippetClasses;
    /** JShell's records of snippets, to forget those that cannot run again (null if not reachable). */
    private SnippetRecords snippetRecords;
    private boolean internalsLooked;
    private volatile Throwable lastUserThrowable;
    private volatile List<String> lastUserTraceback = List.of();

    /** Starts building JShell and running the start-up code in the background; returns at once. */
    public JShellSession(KernelConfig config) {
        this.config = config;
        this.shell = CompletableFuture.supplyAsync(() -> ShellStartup.build(config, provider, startupProblems), r -> {
            Thread t = new Thread(r, "jshell-startup");
            t.setDaemon(true);
            t.start();
        });
        this.stopper = new CellStopper(this::shell, config.timeoutMillis());
        this.analysis = new CodeAnalysis(this::shell);
    }

    /** The shell, waiting for the start-up to finish. */
    JShell shell() {
        try {
            return shell.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    /** Completion, inspection and {@code is_complete} over this session's shell. */
    CodeAnalysis analysis() {
        return analysis;
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
            long gen = stopper.begin();
            try {
                return evaluateSnippets(sh, cell, from, to, label, gen);
            } finally {
                stopper.end();
            }
        }
    }

    /**
     * Ends a cell for the bookkeeping of unnamed results: those of cells older than the last
     * {@value #KEPT_RESULT_CELLS} are released.
     */
    public void endCell() {
        synchronized (evalLock) {
            if (!cellResults.isEmpty()) {
                recentResults.addLast(cellResults);
                cellResults = new ArrayList<>();
            }
            while (recentResults.size() > KEPT_RESULT_CELLS) {
                recentResults.removeFirst().forEach(this::releaseVar);
            }
        }
    }

    /**
     * Drops every unnamed result ({@code $1, $2, ...}) and the values they hold, and renews the compiler's cached
     * context; returns how many results were dropped.
     */
    public int release() {
        synchronized (evalLock) {
            endCell();
            int n = 0;
            while (!recentResults.isEmpty()) {
                for (VarSnippet v : recentResults.removeFirst()) {
                    releaseVar(v);
                    n++;
                }
            }
            JShell sh = shell();
            lookAtInternals(sh);
            if (snippetRecords != null) {
                snippetRecords.renewCompiler();
            }
            return n;
        }
    }

    /**
     * Sets the variables {@code names} to null, so that their values can be collected (as {@code name = null;}
     * in a cell would); the variables stay declared.
     *
     * @throws IllegalArgumentException for a name that is not a variable of the session or holds a primitive
     *                                  (before releasing any)
     * @throws Exception                as {@link #evaluate} (the assignments run as code of the cell {@code label})
     */
    public void release(List<String> names, String label) throws Exception {
        synchronized (evalLock) {
            Map<String, VarSnippet> vars = new TreeMap<>();
            shell().variables().forEach(v -> vars.put(v.name(), v));
            for (String name : names) {
                VarSnippet v = vars.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no variable '" + name + "' in this session (variables: "
                            + String.join(", ", vars.keySet().stream().filter(n -> !n.startsWith("$")).toList())
                            + ")");
                }
                if (PRIMITIVES.contains(v.typeName())) {
                    throw new IllegalArgumentException("'" + name + "' is a " + v.typeName()
                            + ": it holds no object to release");
                }
            }
            for (String name : names) {
                String code = name + " = null;";
                evaluate(code, 0, code.length(), label);
            }
        }
    }

    private void releaseVar(VarSnippet v) {
        JShell sh = shell();
        if (sh.status(v).isActive()) {
            sh.drop(v);
        }
        Class<?> holder = valueHolders.remove(v);
        if (holder != null) {
            forget(sh, holder);
        }
        forgetRecords(sh, List.of(v));
    }

    /** Clears a class's values and, where JShell's internals are open to the kernel, forgets the class. */
    private void forget(JShell sh, Class<?> holder) {
        KernelExecutionControl.clearValues(holder);
        lookAtInternals(sh);
        if (snippetClasses != null) {
            snippetClasses.forget(holder);
        }
    }

    /**
     * Forgets JShell's records of snippets that can never run or be referred to again, and where those of them
     * with an id of their own came from (JShell no longer maps their stack frames to {@code #id}; a redefined
     * declaration shares its id with its successor).
     */
    private void forgetRecords(JShell sh, List<Snippet> dead) {
        if (dead.isEmpty()) {
            return;
        }
        lookAtInternals(sh);
        if (snippetRecords != null) {
            snippetRecords.forget(dead);
            for (Snippet s : dead) {
                if (!s.kind().isPersistent() || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    errors.forget(s.id());
                }
            }
        }
    }

    private void lookAtInternals(JShell sh) {
        if (!internalsLooked) {
            internalsLooked = true;
            snippetClasses = SnippetClasses.of(sh, provider.control());
            snippetRecords = SnippetRecords.of(sh);
        }
    }

    private Result evaluateSnippets(JShell sh, String cell, int from, int to, String label, long gen) throws Exception {
        SourceCodeAnalysis sca = sh.sourceCodeAnalysis();
        String rest = cell.substring(from, to);
        int pos = from;
        Result result = Result.NONE;
        while (!rest.isBlank()) {
            int lead = leadingSpace(rest);
            if (stopper.interruptRequested()) {
                throw interrupted(label, CellSource.lineAt(cell, pos + lead));
            }
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
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
        ScheduledFuture<?> timeout = stopper.arm(gen);
        List<SnippetEvent> events;
        try {
            events = sh.eval(code);
        } finally {
            CellStopper.disarm(timeout);
        }
        Class<?> ran = provider.control().takeInvokedClass();
        trackValues(sh, events, ran);
        try {
            return outcome(sh, events, code, cell, start, label, last, firstLine);
        } finally {
            forgetRecords(sh, deadSnippets(events));
        }
    }

    /**
     * The snippets of {@code events} that can never run or be referred to again: the statement or expression
     * that just ran (its value, if any, lives on in a {@code $n} variable) and every declaration that became
     * inactive (overwritten, dropped, rejected: final states).
     */
    private static List<Snippet> deadSnippets(List<SnippetEvent> events) {
        List<Snippet> dead = new ArrayList<>();
        for (SnippetEvent e : events) {
            Snippet s = e.snippet();
            if (!e.status().isActive() || (e.causeSnippet() == null && !s.kind().isPersistent())) {
                dead.add(s);
            }
        }
        return dead;
    }

    /** What the primary event of a snippet means for the cell: its value, nothing, or the error to report. */
    private Result outcome(JShell sh, List<SnippetEvent> events, String code, String cell, int start, String label,
                           boolean last, int firstLine) throws Exception {
        SnippetEvent ev = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (ev == null) {
            return Result.NONE;
        }
        Snippet s = ev.snippet();
        errors.record(s.id(), label, firstLine);
        if (stopper.timedOut()) {
            throw new CellError.TimedOut("statement timed out after " + config.timeoutMillis() + " ms", firstLine,
                    List.of("Timed out in " + label + ", line " + firstLine + ": the statement ran longer than "
                            + config.timeoutMillis() + " ms (" + KernelConfig.TIMEOUT + ")."));
        }
        if (stopper.interruptRequested()) {
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

    /**
     * Remembers which class holds a new variable's value, and clears the value of a variable that was redefined
     * or dropped (JShell would keep it reachable for the rest of the session).
     */
    private void trackValues(JShell sh, List<SnippetEvent> events, Class<?> ran) {
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof VarSnippet v && !e.status().isActive() && e.previousStatus().isActive()) {
                Class<?> holder = valueHolders.remove(v);
                if (holder != null && holder != ran) {
                    forget(sh, holder);
                }
            }
        }
        boolean holdsValue = false;
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof VarSnippet v && e.causeSnippet() == null && e.status().isDefined()
                    && ran != null) {
                valueHolders.put(v, ran);
                holdsValue = true;
                if (v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    cellResults.add(v);
                }
            }
        }
        if (ran != null && !holdsValue && events.stream().anyMatch(e -> e.causeSnippet() == null
                && (e.snippet().kind() == Snippet.Kind.STATEMENT || e.snippet().kind() == Snippet.Kind.EXPRESSION))) {
            forget(sh, ran);     // a statement runs once: its class is never used again
        }
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

    private static CellError interrupted(String label, int line) {
        return new CellError.Interrupted("interrupted", line,
                List.of("Interrupted: " + label + " was stopped at line " + line + "; the kernel keeps its state."));
    }

    /** Stops the running cell (if any): user code is stopped, the rest of the cell skipped. Any thread. */
    public void interrupt() {
        stopper.interrupt();
    }

    /** Adds a jar or directory to the compile and run class path. */
    public void addToClasspath(String path) {
        shell().addToClasspath(path);
    }

    static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public void close() {
        stopper.close();
        if (shell.isDone() && !shell.isCompletedExceptionally()) {
            shell.join().close();
        }
    }
}
