package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            long at = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            int off = start + (int) Math.max(0, Math.min(at, code.length()));
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
            hint(sh, d.getMessage(Locale.ROOT), code, (int) Math.max(0, Math.min(at, code.length()))).ifPresent(tb::add);
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

    /**
     * What the user probably meant, for two errors a newcomer meets first: a member name the receiver does not have
     * ("did you mean", from the receiver type's public members, or from the session's variables and methods for a
     * bare name), and an expression left without its semicolon in the middle of a cell.
     */
    static Optional<String> hint(JShell sh, String message, String code, int at) {
        if (message.contains("';' expected")) {
            String before = code.substring(0, Math.min(at, code.length())).stripTrailing();
            String after = code.substring(Math.min(at, code.length())).strip();
            if (!after.isEmpty() && !before.endsWith(";")) {
                return Optional.of("hint: only a cell's last expression is shown; end the line with ';' to run it, "
                        + "or wrap it in display(...) to show its value too");
            }
            return Optional.empty();
        }
        Matcher symbol = SYMBOL.matcher(message);
        if (!message.startsWith("cannot find symbol") || !symbol.find()) {
            return Optional.empty();
        }
        String kind = symbol.group(1);
        String name = symbol.group(2);
        Set<String> candidates = new TreeSet<>();
        Matcher location = LOCATION.matcher(message);
        if (location.find()) {
            Class<?> type = loadable(location.group(1));
            if (type == null) {
                return Optional.empty();
            }
            for (java.lang.reflect.Method m : type.getMethods()) {
                candidates.add(m.getName());      // for a variable too: a record's component written without ()
            }
            for (java.lang.reflect.Field f : type.getFields()) {
                candidates.add(f.getName());
            }
        } else {
            sh.variables().forEach(v -> candidates.add(v.name()));
            sh.methods().forEach(m -> candidates.add(m.name()));
            sh.types().forEach(t -> candidates.add(t.name()));
        }
        List<String> close = closest(name, candidates);
        if (close.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("did you mean " + String.join(", ", close) + "?");
    }

    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+(method|variable|class)\\s+([\\w$]+)");
    private static final Pattern LOCATION = Pattern.compile(
            "location:\\s+(?:variable \\w+ of type|class|interface|enum|record)\\s+([\\w.$]+)");

    private static Class<?> loadable(String name) {
        for (String n = name; ; n = n.substring(0, n.lastIndexOf('.')) + "$" + n.substring(n.lastIndexOf('.') + 1)) {
            try {
                return Class.forName(n, false, ErrorReports.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                if (n.lastIndexOf('.') < 0) {
                    break;
                }
            }
        }
        List<String> packages = new ArrayList<>(List.of("java.lang"));
        packages.addAll(ShellStartup.IMPORTS);
        ShellStartup.LIBRARY_PACKAGES.forEach(p -> packages.add("org.sharpnesslab." + p));
        for (String pkg : packages) {
            try {
                return Class.forName(pkg + "." + name, false, ErrorReports.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // next package
            }
        }
        return null;
    }

    /** The names within a small edit distance of {@code name} (case ignored), nearest first, at most three. */
    static List<String> closest(String name, Collection<String> names) {
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        Map<String, Integer> dist = new LinkedHashMap<>();
        for (String c : names) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d <= limit && !c.equals(name) && !c.startsWith("$")) {
                dist.put(c, d);
            }
        }
        return dist.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(3).map(Map.Entry::getKey).toList();
    }

    /** Edits (insert, delete, replace, swap of neighbours) from a to b: the optimal string alignment distance. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static final Pattern GENERATED = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[.$]");

    /**
     * A message with JShell's generated names replaced by the user's: a cell's variable {@code s} is the field
     * {@code REPL.$JShell$47.s} and a cell's class {@code Foo} is {@code REPL.$JShell$12$Foo} to the JVM.
     */
    static String userNames(String message) {
        return message == null ? null : GENERATED.matcher(message).replaceAll("");
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
            out.add(prefix + userNames(name) + (t.getMessage() == null ? "" : ": " + userNames(t.getMessage())));
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
