package org.sharpnesslab.sweep;

import java.util.Map;

/** Thread dumps for the tests: is any thread still running code of a given class (name fragment)? */
final class LibraryThreads {

    private LibraryThreads() {
    }

    /** Whether a live thread other than the caller has a frame whose class name contains {@code fragment}. */
    static boolean running(String fragment) {
        return !dump(fragment).isEmpty();
    }

    /** The stacks of the threads running {@code fragment}, for the failure message ("" when none). */
    static String dump(String fragment) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() == Thread.currentThread()) {
                continue;
            }
            boolean hit = false;
            for (StackTraceElement f : e.getValue()) {
                hit |= f.getClassName().contains(fragment);
            }
            if (hit) {
                sb.append(e.getKey().getName()).append('\n');
                for (StackTraceElement f : e.getValue()) {
                    sb.append("    at ").append(f).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
