package org.sharpnesslab.kernel;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * What the long-session tests count inside a {@link JShellSession} (values held, error origins remembered, timers
 * pending, JShell's snippet bookkeeping), read from its private fields so that the session carries no accessors
 * for them.
 */
final class SessionProbe {

    private SessionProbe() {
    }

    /** How many variables' values the session holds. */
    static int heldValues(JShellSession s) {
        synchronized (field(s, "evalLock")) {
            return ((Map<?, ?>) field(s, "valueHolders")).size();
        }
    }

    /** How many snippets the error reports remember (bounded). */
    static int errorOrigins(JShellSession s) {
        return ((ErrorReports) field(s, "errors")).size();
    }

    /** How many timeouts and stops are scheduled. */
    static int pendingTimers(JShellSession s) {
        return ((CellStopper) field(s, "stopper")).pending();
    }

    /** JShell's bookkeeping of snippets and their classes, for a report. */
    static String snippetClassStats(JShellSession s) {
        synchronized (field(s, "evalLock")) {
            SnippetClasses classes = (SnippetClasses) field(s, "snippetClasses");
            SnippetRecords records = (SnippetRecords) field(s, "snippetRecords");
            if (classes == null || records == null) {
                return (Boolean) field(s, "internalsLooked") ? "JShell internals not open" : "none yet";
            }
            return records.sizes() + "; " + classes.sizes();
        }
    }

    private static Object field(JShellSession s, String name) {
        try {
            Field f = JShellSession.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("JShellSession has no field " + name + " any more: update SessionProbe", e);
        }
    }
}
