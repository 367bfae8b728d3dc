package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * What the front end asks about code without running it: completion, {@code is_complete} and inspection
 * (Shift+Tab) of the identifier at or before the cursor, with its signatures and its doc comment
 * ({@link JavadocSource}).
 */
final class CodeAnalysis {

    /** Completion options replacing {@code [start, end)} of the cell. */
    record Completion(List<String> options, int start, int end) {
    }

    /**
     * What inspect found for {@code subject} (e.g. {@code UVMap.of}): the signatures JShell knows and the
     * documented declarations of the sources.
     */
    record Inspection(String subject, List<String> signatures, List<JavadocSource.Doc> docs) {
        boolean found() {
            return !signatures.isEmpty() || !docs.isEmpty();
        }
    }

    private final Supplier<JShell> shell;
    private final JavadocSource javadoc = new JavadocSource(CodeAnalysis.class.getClassLoader());

    CodeAnalysis(Supplier<JShell> shell) {
        this.shell = shell;
    }

    /** Completion options at {@code cursor}, from JShell's source analysis of the snippet the cursor is in. */
    Completion complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = shell.get().sourceCodeAnalysis()
                .completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new Completion(options, start + anchor[0], cursor);
    }

    /**
     * The identifier at or before {@code cursor} ({@code Math.max} with the cursor on, after, or inside the
     * parentheses of a call), its signatures and its Javadoc.
     */
    Inspection inspect(String code, int cursor) {
        String subject = subjectAt(code, Math.max(0, Math.min(cursor, code.length())));
        if (subject.isEmpty()) {
            return new Inspection("", List.of(), List.of());
        }
        SourceCodeAnalysis analysis = shell.get().sourceCodeAnalysis();
        List<String> signatures = new ArrayList<>();
        analysis.documentation(subject + "(", subject.length() + 1, false).forEach(d -> signatures.add(d.signature()));
        String typeName = null;
        if (signatures.isEmpty()) {
            for (SourceCodeAnalysis.Documentation d : analysis.documentation(subject, subject.length(), false)) {
                signatures.add(d.signature());
                if (!d.signature().contains(" ")) {
                    typeName = d.signature();
                }
            }
        }
        int dot = subject.lastIndexOf('.');
        List<JavadocSource.Doc> docs = List.of();
        if (typeName != null) {
            docs = javadoc.find(typeName, null);
        } else if (dot > 0) {
            String owner = typeOf(analysis, subject.substring(0, dot));
            if (owner != null) {
                docs = javadoc.find(owner, subject.substring(dot + 1));
            }
        } else {
            String type = typeOf(analysis, subject);
            if (type != null) {
                docs = javadoc.find(type, null);
            }
        }
        return new Inspection(subject, signatures, docs);
    }

    /** The class an expression or type name denotes (binary name), or null. */
    private static String typeOf(SourceCodeAnalysis analysis, String qualifier) {
        for (SourceCodeAnalysis.Documentation d : analysis.documentation(qualifier, qualifier.length(), false)) {
            if (!d.signature().contains(" ")) {
                return d.signature();
            }
        }
        String type = analysis.analyzeType(qualifier, qualifier.length());
        if (type == null || type.isBlank()) {
            return null;
        }
        int generic = type.indexOf('<');
        return generic > 0 ? type.substring(0, generic) : type;
    }

    /**
     * The dotted name at or before {@code cursor}; when the cursor is inside a call's parentheses (after
     * {@code (} or a comma), the called name.
     */
    static String subjectAt(String code, int cursor) {
        boolean onName = (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor)))
                || (cursor > 0 && Character.isJavaIdentifierPart(code.charAt(cursor - 1)));
        String name = onName ? dottedNameAround(code, cursor) : "";
        if (!name.isEmpty()) {
            return name;
        }
        int depth = 0;
        int i = cursor - 1;
        for (; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ';' || c == '{' || c == '}') {
                return "";
            }
        }
        if (i < 0) {
            return "";
        }
        int end = i;
        while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
            end--;
        }
        return end > 0 ? dottedNameAround(code, end) : "";
    }

    /** The dotted name {@code a.b.c} that ends at or contains {@code at}; empty if it is not a name. */
    private static String dottedNameAround(String code, int at) {
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = end;
        while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
            start--;
        }
        String s = code.substring(start, end);
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) ? "" : s;
    }

    /** Where the snippet containing {@code cursor} starts: complete snippets before it are skipped. */
    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.get().sourceCodeAnalysis();
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
     * Jupyter's {@code is_complete}: {@code "complete"}, {@code "invalid"} (a snippet that is not Java syntax,
     * {@link SyntaxCheck}; a compile error such as an unknown name is still complete), or, for a cell that needs
     * more lines, the indentation of the next line (possibly empty).
     */
    String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.get().sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            if (SyntaxCheck.error(info.source()).isPresent()) {
                return "invalid";
            }
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case UNKNOWN -> "invalid";
            case COMPLETE, COMPLETE_WITH_SEMI -> SyntaxCheck.error(info.source()).isPresent() ? "invalid" : "complete";
            case EMPTY -> "complete";
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> indentOf(code);
        };
    }

    private static String indentOf(String partial) {
        String[] lines = partial.split("\n", -1);
        String last = lines[lines.length - 1];
        String indent = last.substring(0, JShellSession.leadingSpace(last));
        long open = last.chars().filter(c -> c == '{' || c == '(').count();
        long close = last.chars().filter(c -> c == '}' || c == ')').count();
        return open > close ? indent + "    " : indent;
    }
}
