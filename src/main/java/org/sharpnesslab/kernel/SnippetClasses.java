package org.sharpnesslab.kernel;

import static org.sharpnesslab.kernel.JShellInternals.field;

import java.util.Map;

import jdk.jshell.JShell;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Forgets the class of a snippet that can never run again (an executed statement, a redefined or dropped
 * variable): JShell keeps three copies of every snippet class's bytes (its class tracker's current and loaded
 * bytes, the class loader's class files) and the loaded class itself for the rest of the session, about 10 KB per
 * snippet. Those maps are private to {@code jdk.jshell}: this works where the module is open to the kernel (the
 * kernel jar's manifest says {@code Add-Opens: jdk.jshell/jdk.jshell jdk.jshell/jdk.jshell.execution}) and does
 * nothing elsewhere.
 */
final class SnippetClasses {

    private final Map<String, ?> trackerMap;
    private final Map<String, ?> classFiles;
    private final Map<String, Class<?>> loaded;

    private SnippetClasses(Map<String, ?> trackerMap, Map<String, ?> classFiles, Map<String, Class<?>> loaded) {
        this.trackerMap = trackerMap;
        this.classFiles = classFiles;
        this.loaded = loaded;
    }

    /** The bookkeeping of {@code shell} and its engine {@code control}, or null when it cannot be reached. */
    @SuppressWarnings("unchecked")
    static SnippetClasses of(JShell shell, KernelExecutionControl control) {
        try {
            Object tracker = field(JShell.class, "classTracker").get(shell);
            Map<String, ?> trackerMap = (Map<String, ?>) field(tracker.getClass(), "map").get(tracker);
            Object delegate = field(DirectExecutionControl.class, "loaderDelegate").get(control);
            Map<String, Class<?>> loaded = (Map<String, Class<?>>) field(delegate.getClass(), "klasses").get(delegate);
            Object loader = field(delegate.getClass(), "loader").get(delegate);
            Map<String, ?> classFiles = (Map<String, ?>) field(loader.getClass(), "classFiles").get(loader);
            return new SnippetClasses(trackerMap, classFiles, loaded);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** How many classes each of JShell's maps holds: tracker, class files, loaded. */
    String sizes() {
        return trackerMap.size() + " tracked, " + classFiles.size() + " class files, " + loaded.size() + " loaded";
    }

    /** Forgets {@code snippetClass} and its nested classes. Call on the thread that evaluates snippets. */
    void forget(Class<?> snippetClass) {
        String name = snippetClass.getName();
        String nested = name + "$";
        synchronized (trackerMap) {
            trackerMap.keySet().removeIf(k -> k.equals(name) || k.startsWith(nested));
        }
        String resource = name.replace('.', '/');
        synchronized (classFiles) {      // keyed by resource name: REPL/$JShell$12.class
            classFiles.keySet().removeIf(k -> k.equals(resource + ".class") || k.startsWith(resource + "$"));
        }
        synchronized (loaded) {
            loaded.keySet().removeIf(k -> k.equals(name) || k.startsWith(nested));
        }
    }
}
