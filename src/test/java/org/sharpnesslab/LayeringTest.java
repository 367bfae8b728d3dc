package org.sharpnesslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package layering of DESIGN.md, read from the sources: every reference to another library package (import or
 * qualified name, outside comments) must point to a lower layer, so there are no cycles and models never reach
 * the UI. Layers, lowest first; packages on one layer may not use each other.
 */
class LayeringTest {

    static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("task", 0), Map.entry("linalg", 1), Map.entry("sweep", 1), Map.entry("data", 2),
            Map.entry("spectrum", 3), Map.entry("signal", 3), Map.entry("dynamics", 4), Map.entry("uv", 5),
            Map.entry("nn", 5), Map.entry("training", 6), Map.entry("alignment", 7),
            Map.entry("study.early", 8), Map.entry("study.regimes", 8), Map.entry("study.eos", 8),
            Map.entry("study.chaos", 8), Map.entry("study.alignment", 8),
            Map.entry("plot", 9), Map.entry("notebook", 10), Map.entry("reproduction", 10), Map.entry("kernel", 11));

    private static final Path ROOT = Path.of("src/main/java/org/sharpnesslab");
    /** A reference to a library package: its name (sub-packages included) up to a type name or a wildcard. */
    private static final Pattern REF = Pattern.compile("\\borg\\.sharpnesslab\\.([a-z]+(?:\\.[a-z]+)*)\\.(?:[A-Z*])");

    /** package → packages it references, from the code (comments stripped). */
    static Map<String, TreeSet<String>> references() throws IOException {
        Map<String, TreeSet<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = ROOT.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getParent().toString().replace(java.io.File.separatorChar, '.');
                String code = stripComments(Files.readString(f));
                Matcher m = REF.matcher(code);
                TreeSet<String> set = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        set.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("(?m)^package [^;]+;", " ");
    }

    @Test
    void everyPackageHasALayer() throws IOException {
        for (String pkg : references().keySet()) {
            assertTrue(LAYER.containsKey(pkg), "package org.sharpnesslab." + pkg
                    + " has no layer in LayeringTest.LAYER (add it, and to DESIGN.md)");
        }
    }

    @Test
    void referencesPointDownwardsOnly() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : references().entrySet()) {
            Integer from = LAYER.get(e.getKey());
            for (String to : e.getValue()) {
                Integer target = LAYER.get(to);
                if (from != null && target != null && target >= from) {
                    bad.add(e.getKey() + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), bad, "references that do not point to a lower layer (DESIGN.md, Layers)");
    }

    @Test
    void theScanSeesQualifiedNamesButNotComments() {
        String code = stripComments("package org.sharpnesslab.uv;\n/** {@link org.sharpnesslab.plot.Figure} */\n"
                + "// org.sharpnesslab.kernel.X\nclass A { org.sharpnesslab.plot.Figure f; }");
        Matcher m = REF.matcher(code);
        assertTrue(m.find());
        assertEquals("plot", m.group(1));
        assertTrue(REF.matcher("import org.sharpnesslab.study.early.CGrid;").find());
        assertTrue(!m.find());
    }
}
