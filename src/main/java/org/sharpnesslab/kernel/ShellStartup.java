package org.sharpnesslab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * Builds the kernel's JShell and warms it up: the in-process execution engine, IJava's class path and compiler
 * options, then the start-up imports ({@link #IMPORTS}, the library's packages, {@code display}). Problems are
 * collected for the first cell to report, never thrown.
 */
final class ShellStartup {

    /** Packages imported at start-up (on demand), before the library's own. */
    static final List<String> IMPORTS = List.of("java.util", "java.util.stream", "java.util.function", "java.io",
            "java.math", "java.util.concurrent", "tech.tablesaw.api", "org.knowm.xchart", "org.knowm.xchart.style");

    /** The library's packages imported at start-up when they exist: {@code org.sharpnesslab.<name>}. */
    static final List<String> LIBRARY_PACKAGES = List.of("task", "linalg", "sweep", "data",
            "spectrum", "signal", "dynamics", "uv", "nn", "training", "alignment", "study.early", "study.regimes",
            "study.eos", "study.chaos", "study.alignment", "plot", "notebook", "reproduction");

    private ShellStartup() {
    }

    /** A JShell on {@code provider}'s engine with {@code config}'s class path and imports; adds to {@code problems}. */
    static JShell build(KernelConfig config, KernelExecutionControl.Provider provider, List<String> problems) {
        initTablesawTypes();
        JShell sh = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        for (String entry : config.classpath()) {
            List<Path> paths = KernelConfig.resolve(entry, false);
            if (paths.isEmpty()) {
                problems.add(KernelConfig.CLASSPATH + ": nothing matches '" + entry + "'");
            }
            paths.forEach(p -> sh.addToClasspath(p.toString()));
        }
        for (String code : startupCode()) {
            for (SnippetEvent ev : sh.eval(code)) {
                if (ev.causeSnippet() == null && !ev.status().isDefined()) {
                    problems.add("start-up import failed: " + code);
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
            Class.forName("tech.tablesaw.api.ColumnType", true, ShellStartup.class.getClassLoader());
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
        if (ShellStartup.class.getClassLoader().getResource("org/sharpnesslab/notebook/Notebook.class") != null) {
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
        return ShellStartup.class.getClassLoader().getResource(pkg.replace('.', '/') + "/") != null;
    }
}
