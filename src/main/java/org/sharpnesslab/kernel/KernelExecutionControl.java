package org.sharpnesslab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's own in-process engine ({@link LocalExecutionControl}: user code runs in this JVM, on its own thread,
 * and {@link #stop()} really stops it — by {@code ThreadGroup.stop} on JDK 17, by stop checks compiled into the
 * user's loops on recent JDKs) with two additions the kernel needs: the real object of a variable
 * ({@link #varValue} keeps it for {@link #takeVarValue()} instead of only its string), and the real exception a
 * snippet threw ({@link #takeThrown()}), so the renderer and the error report get objects, not strings.
 * User classes load in a child of the system class loader: they see the kernel's own library classes.
 */
final class KernelExecutionControl extends LocalExecutionControl {

    /** What {@link JShellSession} hands to {@code JShell.builder().executionEngine(...)}; keeps the instance. */
    static final class Provider implements ExecutionControlProvider {
        private volatile KernelExecutionControl control;

        @Override
        public String name() {
            return "sharpness-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new KernelExecutionControl();
            return control;
        }

        KernelExecutionControl control() {
            return control;
        }
    }

    /** LocalExecutionControl's thread group of the running snippet (null where its internals are closed). */
    private static final Field EXEC_THREAD_GROUP = execThreadGroupField();

    /** The thread groups of the running cell's snippets so far (threads started in any of them belong to the cell). */
    private final java.util.Set<ThreadGroup> cellGroups = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When the first stop of the running cell came (0: none). */
    private volatile long stoppingSince;

    /** A cell begins: its snippets' thread groups are collected from now on. */
    void beginCell() {
        cellGroups.clear();
        stoppingSince = 0;
    }

    /**
     * The cell ended. If it was stopped, the threads it started that are still alive are interrupted and stopped
     * ({@link CellThreads}) by a thread of the kernel's, every 50 ms for up to {@link CellThreads#PATIENCE_NANOS} plus
     * a second, so that no thread of the cell's making runs on after ■.
     */
    void endCell() {
        long since = stoppingSince;
        if (since == 0) {
            return;
        }
        java.util.List<ThreadGroup> groups = new java.util.ArrayList<>(cellGroups);
        if (CellThreads.of(groups).isEmpty()) {
            return;
        }
        Thread reaper = new Thread(() -> {
            long end = since + CellThreads.PATIENCE_NANOS + 1_000_000_000L;
            while (CellThreads.stop(groups, since) > 0 && System.nanoTime() < end) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "kernel-cell-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /**
     * Stops the running cell: every thread of its snippets' groups (the snippet's own thread, and the threads the
     * cell started in this or an earlier snippet, which JShell's own stop of the current snippet's group misses) is
     * interrupted and stopped where that is safe ({@link CellThreads}).
     */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        ThreadGroup current = currentGroup();
        if ((current == null && EXEC_THREAD_GROUP == null) || Runtime.version().feature() >= 20) {
            // JDK 20+: Thread.stop is gone; JShell's own stop sets the flag its compiled-in stop checks read
            super.stop();
            if (EXEC_THREAD_GROUP == null) {
                return;
            }
        }
        if (stoppingSince == 0) {
            stoppingSince = System.nanoTime();
        }
        java.util.List<ThreadGroup> groups = new java.util.ArrayList<>(cellGroups);
        if (current != null) {
            groups.add(current);
        }
        CellThreads.stop(groups, stoppingSince);
    }

    private ThreadGroup currentGroup() {
        try {
            return EXEC_THREAD_GROUP == null ? null : (ThreadGroup) EXEC_THREAD_GROUP.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private volatile Object varValue;
    private volatile Throwable thrown;
    private volatile Class<?> invoked;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        thrown = null;
        invoked = doitMethod.getDeclaringClass();
        try {
            return super.invoke(doitMethod);
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
            throw e;
        } finally {
            ThreadGroup g = currentGroup();
            if (g != null) {
                cellGroups.add(g);
            }
            releaseThreadGroup();
        }
    }

    /**
     * Lets the thread group the snippet ran in go: {@link LocalExecutionControl} makes a new one for every snippet,
     * and on JDK 17 and 18 a thread group stays in its parent until it is destroyed (about 150 bytes per snippet for
     * the rest of the session). The group becomes a daemon group, which the JDK destroys when it has no threads left,
     * started or not: now (the removal of an empty subgroup makes it check), or when the last thread a cell started
     * in it ends. A thread a cell made but has not started yet keeps its group. From JDK 19 on, groups are weakly
     * held and nothing needs doing.
     */
    @SuppressWarnings("removal")
    private void releaseThreadGroup() {
        if (EXEC_THREAD_GROUP == null || Runtime.version().feature() >= 19) {
            return;
        }
        try {
            ThreadGroup group = (ThreadGroup) EXEC_THREAD_GROUP.get(this);
            if (group != null && !group.isDestroyed()) {
                group.setDaemon(true);
                new ThreadGroup(group, "release-check").destroy();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the group stays, as JShell left it
        }
    }

    private static Field execThreadGroupField() {
        try {
            return JShellInternals.field(LocalExecutionControl.class, "execThreadGroup");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Reads the variable's static field itself and keeps the object; returns a placeholder string. */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        try {
            Class<?> klass = findClass(className);
            Field field = klass.getDeclaredField(varName);
            field.setAccessible(true);
            varValue = field.get(null);
            return "<value of " + varName + ">";
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read " + className + "." + varName + ": " + e);
        }
    }

    /** The object read by the last {@link #varValue} call; clears it. */
    Object takeVarValue() {
        Object v = varValue;
        varValue = null;
        return v;
    }

    /** The class of the last snippet run (it holds a variable's value in a static field), or null; clears it. */
    Class<?> takeInvokedClass() {
        Class<?> c = invoked;
        invoked = null;
        return c;
    }

    /**
     * Sets the static reference fields of a snippet's class to null, so the values it held can be collected
     * (JShell never unloads a snippet's class, even when its variable is redefined or dropped).
     */
    static void clearValues(Class<?> snippetClass) {
        for (Field f : snippetClass.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (java.lang.reflect.Modifier.isStatic(mod) && !java.lang.reflect.Modifier.isFinal(mod)
                    && !f.getType().isPrimitive()) {
                try {
                    f.setAccessible(true);
                    f.set(null, null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field we cannot clear stays as JShell left it
                }
            }
        }
    }

    /** The throwable of the last snippet that failed, or {@code null}; clears it. */
    Throwable takeThrown() {
        Throwable t = thrown;
        thrown = null;
        return t;
    }
}
