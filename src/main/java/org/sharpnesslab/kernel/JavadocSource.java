package org.sharpnesslab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Doc comments read from source files: the library's own sources, which the build ships as resources under
 * {@value #RESOURCE_ROOT} (so inspect finds the Javadoc that cites the papers' equations in the kernel jar), and
 * the JDK's {@code lib/src.zip} when the JDK has one. A member's doc is the comment right above its declaration;
 * overloads give one entry each. Nothing is compiled: a small scan of the source text, cached for a few files.
 */
final class JavadocSource {

    /** Where the build puts the library's sources inside the jars. */
    static final String RESOURCE_ROOT = "META-INF/sharpness-lab/sources/";

    /** One documented declaration: its header (annotations dropped) and its doc comment (without stars). */
    record Doc(String declaration, String comment) {
    }

    private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\.\\w+)*(\\([^)]*\\))?");
    private static final int CACHED_FILES = 16;

    private final ClassLoader loader;
    private final Map<String, Optional<String>> cache = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > CACHED_FILES;
        }
    };

    JavadocSource(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The docs of {@code member} of class {@code className} (binary or canonical name), or of the class itself when
     * {@code member} is null; searches the superclasses and interfaces when the class has no such member.
     */
    List<Doc> find(String className, String member) {
        List<String> names = new ArrayList<>();
        names.add(className);
        try {
            Class<?> c = Class.forName(className, false, loader);
            if (member != null) {
                for (Class<?> s = c.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
                    names.add(s.getName());
                }
                for (Class<?> i : c.getInterfaces()) {
                    names.add(i.getName());
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // only the given name
        }
        for (String name : names) {
            List<Doc> docs = findIn(name, member);
            if (!docs.isEmpty()) {
                return docs;
            }
        }
        return List.of();
    }

    private List<Doc> findIn(String className, String member) {
        String top = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String simple = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        Optional<String> source = source(top);
        return source.map(s -> scan(s, simple, member)).orElse(List.of());
    }

    /** The documented declarations of {@code member} (or of type {@code simpleClass}) in one source file. */
    static List<Doc> scan(String source, String simpleClass, String member) {
        // a type by its keyword after the modifiers (a record's header has parentheses: its components);
        // a member by its name before its parameters, initialiser or end (an enum constant before , or ;)
        Pattern target = member == null
                ? Pattern.compile("^(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                        + "(?:class|interface|record|enum|@interface)\\s+" + Pattern.quote(simpleClass) + "\\b")
                : Pattern.compile("\\b" + Pattern.quote(member) + "\\s*(\\(|=|;|,|$)");
        List<Doc> docs = new ArrayList<>();
        Matcher m = COMMENT.matcher(source);
        while (m.find()) {
            String decl = declarationAfter(source, m.end());
            if (decl.isEmpty() || decl.startsWith("package ")) {
                continue;
            }
            if (member == null ? target.matcher(decl).find() : memberMatches(target, decl)) {
                docs.add(new Doc(decl, clean(m.group(1))));
            }
        }
        if (docs.isEmpty() && member != null) {
            docs.addAll(recordComponent(source, simpleClass, member));
        }
        return docs;
    }

    /** The declaration that follows a doc comment ending at {@code end}: up to its body, initialiser or end. */
    private static String declarationAfter(String source, int end) {
        int stop = end;
        int depth = 0;
        while (stop < source.length() && (depth > 0 || "{;=".indexOf(source.charAt(stop)) < 0)
                && !source.startsWith("/*", stop)) {
            char c = source.charAt(stop);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            stop++;
        }
        return ANNOTATION.matcher(source.substring(end, stop)).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    /** A member's declaration names it before its parameters (not inside them) — a type never matches. */
    private static boolean memberMatches(Pattern target, String decl) {
        Matcher t = target.matcher(decl);
        if (!t.find()) {
            return false;
        }
        String before = decl.substring(0, t.start());
        return before.chars().filter(c -> c == '(').count() == before.chars().filter(c -> c == ')').count()
                && !before.matches(".*\\b(class|interface|record|enum)\\s+\\w*\\s*$");
    }

    /**
     * The accessor of a record component has no comment of its own: its doc is the record's
     * {@code @param} line for the component, shown under the accessor's declaration.
     */
    private static List<Doc> recordComponent(String source, String simpleClass, String member) {
        for (Doc type : scan(source, simpleClass, null)) {
            Matcher header = Pattern.compile("\\brecord\\s+" + Pattern.quote(simpleClass) + "\\s*(<[^(]*>)?\\s*\\(")
                    .matcher(type.declaration());
            if (!header.find()) {
                continue;
            }
            String componentType = null;
            int depth = 0;
            int from = header.end();
            String decl = type.declaration();
            for (int i = from; i < decl.length() && depth >= 0; i++) {
                char ch = decl.charAt(i);
                depth += ch == '<' || ch == '(' ? 1 : ch == '>' || ch == ')' ? -1 : 0;
                if ((ch == ',' && depth == 0) || depth < 0) {
                    String component = decl.substring(from, i).strip();
                    int space = component.lastIndexOf(' ');
                    if (space > 0 && component.substring(space + 1).equals(member)) {
                        componentType = component.substring(0, space).strip();
                    }
                    from = i + 1;
                }
            }
            if (componentType == null) {
                continue;
            }
            Matcher param = Pattern.compile("(?ms)^@param\\s+" + Pattern.quote(member) + "\\s+(.*?)(?=^@|\\z)")
                    .matcher(type.comment());
            String text = param.find() ? param.group(1).strip()
                    : "Component " + member + " of record " + simpleClass + ".";
            return List.of(new Doc(componentType + " " + member + "()", text));
        }
        return List.of();
    }

    /** The comment's text without the leading stars of each line. */
    static String clean(String body) {
        StringBuilder sb = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1);
                if (l.startsWith(" ")) {
                    l = l.substring(1);
                }
            }
            sb.append(l).append('\n');
        }
        return sb.toString().strip();
    }

    private synchronized Optional<String> source(String topClass) {
        return cache.computeIfAbsent(topClass, this::load);
    }

    private Optional<String> load(String topClass) {
        String path = topClass.replace('.', '/') + ".java";
        try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + path)) {
            if (in != null) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return jdkSource(topClass, path);
    }

    /** From {@code $JAVA_HOME/lib/src.zip}, entry {@code <module>/<path>}. */
    private Optional<String> jdkSource(String topClass, String path) {
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (!Files.isRegularFile(zip)) {
            return Optional.empty();
        }
        String module;
        try {
            module = Class.forName(topClass, false, loader).getModule().getName();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        if (module == null) {
            return Optional.empty();
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(module + "/" + path);
            if (e == null) {
                return Optional.empty();
            }
            try (InputStream in = z.getInputStream(e)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
