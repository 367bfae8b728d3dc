package org.sharpnesslab.kernel;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.util.JavacTask;

/**
 * Whether one JShell snippet is Java syntax, judged by javac's parser alone (nothing is resolved or compiled):
 * a snippet is well formed when it parses in one of the places JShell can put it — the top of a compilation unit
 * (imports, types), a class body (methods, fields), a method body (statements) or a field initializer
 * (expressions). {@code undefinedName + 1} is well formed (its error is a compile error, found when it runs);
 * {@code int = 7q;} is not. Preview syntax of the running JDK counts as well formed.
 */
final class SyntaxCheck {

    private static final String CLASS = "$SyntaxCheck";
    private static final List<String> OPTIONS = List.of("--release", String.valueOf(Runtime.version().feature()),
            "--enable-preview", "-proc:none", "-Xlint:none");

    private SyntaxCheck() {
    }

    /**
     * The parser's first error for {@code snippet} in the place that suits it best, or empty when the snippet
     * parses somewhere.
     *
     * @param snippet one complete snippet (as JShell's {@code analyzeCompletion} cuts a cell), not modified
     */
    static Optional<String> error(String snippet) {
        String first = null;
        for (String wrapped : List.of(
                snippet,
                "class " + CLASS + " {\n" + snippet + "\n}",
                "class " + CLASS + " { void run() {\n" + snippet + "\n} }",
                "class " + CLASS + " { Object value =\n" + snippet + "\n; }")) {
            Optional<String> error = parseError(wrapped);
            if (error.isEmpty()) {
                return Optional.empty();
            }
            if (first == null) {
                first = error.get();
            }
        }
        return Optional.of(first);
    }

    private static Optional<String> parseError(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + CLASS + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostics, OPTIONS, null, List.of(file));
        try {
            task.parse();
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .findFirst().map(d -> d.getMessage(null));
    }
}
