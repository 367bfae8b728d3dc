package org.sharpnesslab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reflective access to JShell's private fields and methods, for the kernel's bookkeeping of long sessions
 * ({@link SnippetRecords}, {@link SnippetClasses}, {@link KernelExecutionControl}). It works where
 * {@code jdk.jshell} is open to the kernel (the kernel jar's manifest says {@code Add-Opens: jdk.jshell/jdk.jshell
 * jdk.jshell/jdk.jshell.execution}); elsewhere the look-ups throw and the callers leave JShell as it is.
 */
final class JShellInternals {

    private JShellInternals() {
    }

    /** The declared field {@code name} of {@code c}, made accessible. */
    static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The declared method {@code name()} (no parameters) of {@code c}, made accessible. */
    static Method method(Class<?> c, String name) throws NoSuchMethodException {
        Method m = c.getDeclaredMethod(name);
        m.setAccessible(true);
        return m;
    }
}
