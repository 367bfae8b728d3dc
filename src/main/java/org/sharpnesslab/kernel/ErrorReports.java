package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Error reports in the user's terms: JShell numbers lines per snippet ({@code #12:3}); this remembers which cell
 * and line each snippet started at, and writes compile errors and stack traces as {@code cell [3], line 5}.
 */
final class ErrorReports {

    /** Where a snippet came from, to translate its line numbers. */
    private record Origin(String cell, int firstLine) {
    }

    /** Snippets remembered for tracebacks: the most recent ones (a long session would grow without bound). */
    static final int REMEMBERED_SNIPPETS = 4096;

    private final Map<String, Origin> origins = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Origin> eldest) {
            return size() > REMEMBERED_SNIPPETS;
        }
    });

    /** Snippet {@code id} starts at line {@code firstLine} of the cell labelled {@code label}. */
    void record(String id, String label, int firstLine) {
        origins.put(id, new Origin(label, firstLine));
    }

    CellError compilationError(JShell sh, Snippet s, String code, String cell, int start, String label) {
        List<Diag> errors = sh.diagnostics(s).filter(Diag::isError).toList();
        List<String> tb = new ArrayList<>();
        String firstMessage = null;
        int firstLine = CellSource.lineAt(cell, start);
        for (Diag d : errors) {
            int off = start + (int) Math.max(0, Math.min(d.getStartPosition(), code.length()));
            int line = CellSource.lineAt(cell, off);
            String message = d.getMessage(Locale.ROOT).lines().map(String::strip)
                    .filter(l -> !l.startsWith("location:")).reduce((a, b) -> a + " (" + b + ")").orElse("");
            if (firstMessage == null) {
                firstMessage = message;
                firstLine = line;
            }
            tb.add("Compilation error in " + label + ", line " + line + ":");
            tb.add("    " + CellSource.lineText(cell, line));
            tb.add("    " + " ".repeat(Math.max(0, CellSource.columnAt(cell, off))) + "^");
            tb.add(message);
        }
        if (firstMessage == null && s instanceof jdk.jshell.DeclarationSnippet decl) {
            List<String> deps = sh.unresolvedDependencies(decl).toList();
            firstMessage = "cannot find symbol: " + String.join(", ", deps);
            tb.add("Compilation error in " + label + ", line " + firstLine + ": " + firstMessage);
        }
        if (firstMessage == null) {
            firstMessage = "the snippet was rejected (" + s.kind() + ")";
            tb.add("Compilation error in " + label + ", line " + firstLine + ": " + firstMessage);
        }
        return new CellError.CompilationError(firstMessage, firstLine, tb);
    }

    /** Forgets where snippet {@code id} came from (its class is gone: no stack frame can name it any more). */
    void forget(String id) {
        origins.remove(id);
    }

    /** How many snippet origins are remembered. */
    int size() {
        return origins.size();
    }

    List<String> traceLines(EvalException top) {
        List<String> out = new ArrayList<>();
        Throwable t = top;
        String prefix = "";
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            String name = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            out.add(prefix + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            StackTraceElement[] frames = t.getStackTrace();
            int lastUser = -1;
            for (int i = 0; i < frames.length; i++) {
                if (isUserFrame(frames[i])) {
                    lastUser = i;
                }
            }
            int end = lastUser >= 0 ? lastUser + 1 : Math.min(frames.length, 8);
            for (int i = 0; i < end; i++) {
                out.add("    at " + describe(frames[i]));
            }
            prefix = "Caused by: ";
        }
        return out;
    }

    private static boolean isUserFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private String describe(StackTraceElement f) {
        if (!isUserFrame(f)) {
            return f.toString();
        }
        Origin o = origins.get(f.getFileName().substring(1));
        String where = o == null ? "snippet " + f.getFileName() + ", line " + f.getLineNumber()
                : o.cell() + ", line " + (o.firstLine() + Math.max(1, f.getLineNumber()) - 1);
        String method = f.getMethodName();
        return method == null || method.isEmpty() ? where : method + " (" + where + ")";
    }

}
