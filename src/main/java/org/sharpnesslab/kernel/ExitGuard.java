package org.sharpnesslab.kernel;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.io.PrintStream;
import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell from ending the kernel. On JDK 17 (and on 18–23 started with
 * {@code -Djava.security.manager=allow}) a permissive security manager is installed whose only check is
 * {@code checkExit}: called from user code (a thread of JShell's execution thread group, including threads the
 * user started, or a library worker working for such a thread: a {@code Parallel} or {@code Sweep} worker, whose
 * {@link org.sharpnesslab.task.Threads#origin()} is the cell's thread) it throws a {@link SecurityException} that the cell reports as its error, and the kernel goes on.
 * Where a security manager cannot be installed (JDK 24+), {@link #mode()} is {@link Mode#REPORT}: a shutdown hook
 * tells the running cell that the kernel is exiting, and Jupyter restarts it.
 */
final class ExitGuard {

    /** How System.exit from a cell is handled. */
    enum Mode { BLOCK, REPORT }

    static final String USER_THREAD_GROUP = "JShell process local execution";

    private static volatile boolean exitAllowed;
    private static Mode mode;

    private ExitGuard() {
    }

    /** Installs the guard once (idempotent) and returns how exits are handled. */
    @SuppressWarnings("removal")
    static synchronized Mode install(OutputRouter router) {
        if (mode != null) {
            return mode;
        }
        // JDK 17-23 print four lines of deprecation warning for setSecurityManager to the process's initial
        // stderr (the Jupyter server's log). The guard is the kernel's deliberate use: where java.lang is open to
        // the kernel (the kernel jar's manifest says Add-Opens: java.base/java.lang) that stream is muted while
        // the guard is installed.
        Field initialErr = initialErrStream();
        PrintStream saved = null;
        try {
            if (initialErr != null) {
                saved = (PrintStream) initialErr.get(null);
                initialErr.set(null, new PrintStream(OutputStream.nullOutputStream()));
            }
            System.setSecurityManager(new Guard());
            mode = Mode.BLOCK;
        } catch (UnsupportedOperationException | SecurityException | IllegalAccessException e) {
            mode = mode == null ? Mode.REPORT : mode;
        } finally {
            if (saved != null) {
                try {
                    initialErr.set(null, saved);
                } catch (IllegalAccessException ignored) {
                    // set once, so it can be set back
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CellOutput c = router.current();
            if (c != null && !exitAllowed) {
                c.stderr("\nThe kernel is exiting (System.exit was called, or the process was killed) while this "
                        + "cell ran; its variables are lost. Jupyter restarts the kernel.\n");
                try {
                    Thread.sleep(300); // lets the message leave the socket before the process ends
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "kernel-exit-report"));
        return mode;
    }

    /** {@code System.initialErrStream} (JDK 17+), accessible, or null when java.lang is not open to us. */
    private static Field initialErrStream() {
        try {
            Field f = System.class.getDeclaredField("initialErrStream");
            f.setAccessible(true);
            return java.lang.reflect.Modifier.isFinal(f.getModifiers()) ? null : f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    static synchronized Mode mode() {
        return mode;
    }

    /** The kernel's own shutdown: exits are allowed from now on. */
    static void allowExit() {
        exitAllowed = true;
    }

    static boolean isUserThread(Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (USER_THREAD_GROUP.equals(g.getName())) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("removal")
    private static final class Guard extends SecurityManager {
        @Override
        public void checkPermission(Permission perm) {
            // everything is allowed: this manager exists only for checkExit
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            // everything is allowed
        }

        @Override
        public void checkExit(int status) {
            if (!exitAllowed && (isUserThread(Thread.currentThread())
                    || isUserThread(org.sharpnesslab.task.Threads.origin()))) {
                throw new SecurityException("System.exit(" + status + ") is blocked in the sharpness-lab kernel: "
                        + "it would end the kernel and lose every variable. Throw an exception to stop a cell, or "
                        + "restart the kernel from the notebook's menu.");
            }
        }
    }
}
