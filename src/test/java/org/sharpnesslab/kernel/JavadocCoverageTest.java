package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sharpnesslab.uv.UVMap;

/**
 * Inspect (Shift+Tab) and the {@code Name?} pager show the doc comment of every public type of the library —
 * records, enums and interfaces included — and of every public member that has one in the source, a record's
 * components through the record's {@code @param} lines.
 */
class JavadocCoverageTest {

    private static final JavadocSource DOCS = new JavadocSource(JavadocCoverageTest.class.getClassLoader());
    /** Members every record or enum has without a declaration of its own. */
    private static final Set<String> IMPLICIT = Set.of("values", "valueOf", "equals", "hashCode", "toString",
            "compareTo", "name", "ordinal", "getDeclaringClass", "describeConstable");

    static List<Class<?>> publicTypes() throws IOException {
        Path classes = Path.of(UVMap.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/sharpnesslab"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.matches(".*\\$\\d.*")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name, false, JavadocCoverageTest.class.getClassLoader());
                    if (isPublic(c)) {
                        types.add(c);
                    }
                } catch (LinkageError | ClassNotFoundException e) {
                    // a class that needs an optional dependency: not inspectable either way
                }
            }
        }
        return types;
    }

    private static boolean isPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isSynthetic();
    }

    @Test
    void everyPublicTypeHasItsDocRecordsAndEnumsIncluded() throws IOException {
        List<Class<?>> types = publicTypes();
        long records = types.stream().filter(Class::isRecord).count();
        assertTrue(records > 50 && types.size() > 200, types.size() + " public types, " + records + " records");
        List<String> missing = new ArrayList<>();
        for (Class<?> c : types) {
            if (DOCS.find(c.getName(), null).isEmpty()) {
                missing.add(c.getName());
            }
        }
        assertEquals(List.of(), missing, "public types whose doc inspect does not find");
    }

    @Test
    void everyDocumentedPublicMemberShowsItsDoc() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> c : publicTypes()) {
            String source = new String(JavadocCoverageTest.class.getClassLoader().getResourceAsStream(
                    JavadocSource.RESOURCE_ROOT + c.getName().replaceAll("\\$.*", "").replace('.', '/') + ".java")
                    .readAllBytes());
            List<String> members = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
                        && !IMPLICIT.contains(m.getName())) {
                    members.add(m.getName());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    members.add(f.getName());
                }
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    members.add(rc.getName());
                }
            }
            for (String member : members.stream().distinct().toList()) {
                boolean documented = c.isRecord() && Stream.of(c.getRecordComponents())
                        .anyMatch(rc -> rc.getName().equals(member))
                        || hasDocComment(source, member);
                if (!documented) {
                    continue;
                }
                checked++;
                if (DOCS.find(c.getName(), member).isEmpty()) {
                    missing.add(c.getName() + "." + member);
                }
            }
        }
        assertTrue(checked > 1000, checked + " members checked");
        assertEquals(List.of(), missing, "documented public members whose doc inspect does not find");
    }

    /** Whether a doc comment ends right before a declaration naming {@code member} (a line-based look). */
    private static boolean hasDocComment(String source, String member) {
        return java.util.regex.Pattern.compile("\\*/\\s*(@\\w+(\\([^)]*\\))?\\s*)*[^;{}/(]*\\b"
                + java.util.regex.Pattern.quote(member) + "\\s*[(=;,]").matcher(source).find();
    }

    @Test
    void aRecordShowsItsDocAndItsComponentsTheirParamLines() {
        List<JavadocSource.Doc> type = JavadocSource.scan("""
                /** A measured sharpness. {@code value} is λ. */
                public record Sharpness(double value, List<Map<String, Double>> history) implements Comparable<Sharpness> {
                    /** The value over 2/η. */
                    public double ratio(double eta) { return value * eta / 2; }
                }
                """, "Sharpness", null);
        assertEquals(1, type.size(), type.toString());
        assertTrue(type.get(0).comment().startsWith("A measured sharpness."));
        List<JavadocSource.Doc> ratio = JavadocSource.scan("""
                /**
                 * A run.
                 *
                 * @param value the top eigenvalue λ
                 * @param history the per-step values
                 */
                public record Sharpness(double value, List<Map<String, Double>> history) {
                    /** The value over 2/η. */
                    public double ratio(double eta) { return value * eta / 2; }
                }
                """, "Sharpness", "history");
        assertEquals(List.of(new JavadocSource.Doc("List<Map<String, Double>> history()", "the per-step values")), ratio);
    }

    @Test
    void anEnumConstantShowsItsDoc() {
        List<JavadocSource.Doc> docs = JavadocSource.scan("""
                /** How it ended. */
                public enum Status {
                    /** Reached the step budget. */
                    DONE,
                    /** Diverged (loss above the bound). */
                    DIVERGED("d");
                }
                """, "Status", "DONE");
        assertEquals(List.of(new JavadocSource.Doc("DONE,", "Reached the step budget.")), docs);
    }
}
