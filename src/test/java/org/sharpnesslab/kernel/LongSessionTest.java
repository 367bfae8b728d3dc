package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.util.EnumSet;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a long session keeps: JShell forgets the snippets that cannot run again, values are collected once
 * released ({@code %release}, redefinition), and what the user declared keeps working after its neighbours
 * were forgotten and the compiler's context renewed. The 500-cell measurement is {@link KernelSoakTest}.
 */
class LongSessionTest {

    private SharpnessKernel kernel;

    @BeforeEach
    void start() {
        kernel = new SharpnessKernel(KernelConfig.defaults());
    }

    @AfterEach
    void stop() {
        kernel.onShutdown(false);
    }

    private DisplayData eval(String code) throws Exception {
        return kernel.evaluate(code, new RecordingOutput());
    }

    private static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void jshellRemembersAsManySnippetsAfter40CellsAsAfter24() throws Exception {
        eval("double[] acc = new double[100];");
        long at24 = 0;
        int origins24 = 0;
        for (int i = 1; i <= 40; i++) {
            eval("""
                    var a = new double[100];
                    a[%d] = 1;
                    System.out.print("");
                    acc[%d] += a[%d]""".formatted(i, i, i));
            if (i == 24) {      // past the KEPT_RESULT_CELLS cells whose $n results are kept
                at24 = kernel.session().shell().snippets().count();
                origins24 = SessionProbe.errorOrigins(kernel.session());
            }
        }
        assertEquals(at24, kernel.session().shell().snippets().count(),
                SessionProbe.snippetClassStats(kernel.session()));
        assertEquals(origins24, SessionProbe.errorOrigins(kernel.session()));
        assertEquals("40.0", text(eval("Arrays.stream(acc).sum()")));
    }

    /** Evaluates {@code code} (the last snippet an expression) in the session; a weak reference to its value. */
    private WeakReference<Object> valueOf(String code) throws Exception {
        Object value = kernel.session().evaluate(code, 0, code.length(), "cell [test]").value();
        kernel.session().endCell();
        assertNotNull(value);
        return new WeakReference<>(value);
    }

    /** Whether {@code ref} is cleared after at most {@code gcs} collections. */
    private static boolean collected(WeakReference<?> ref, int gcs) throws InterruptedException {
        for (int k = 0; k < gcs && ref.get() != null; k++) {
            System.gc();
            Thread.sleep(50);
        }
        return ref.get() == null;
    }

    @Test
    void releasedValuesAreCollected() throws Exception {
        WeakReference<Object> unnamed = valueOf("new double[2_000_000]");
        eval("1 + 1");
        assertFalse(collected(unnamed, 2), "an unnamed result is kept for a few cells");
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("%release", out);
        assertTrue(out.out().contains("released"), out.out());
        assertTrue(collected(unnamed, 10), "%release frees the unnamed results");

        eval("var big = new double[2_000_000];");
        WeakReference<Object> first = valueOf("big");
        eval("var big = new double[1];");
        eval("big.length");
        assertTrue(collected(first, 10), "a redefined variable's old value is freed");

        eval("var kept = new double[2_000_000];\nint n = 3;\nint size() { return kept == null ? -1 : kept.length; }");
        WeakReference<Object> kept = valueOf("kept");
        RecordingOutput released = new RecordingOutput();
        kernel.evaluate("%release kept", released);
        assertEquals("%release: set kept to null\n", released.out());
        assertTrue(collected(kept, 10), "%release name frees the variable's value");
        assertEquals("-1", text(eval("size()")), "the variable stays declared, null");
        assertEquals("3", text(eval("n")), "other variables stay");

        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> eval("%release kept nosuch"));
        assertTrue(e.getMessage().contains("no variable 'nosuch'") && e.getMessage().contains("kept, n"),
                e.getMessage());
        CellError.MagicError primitive = assertThrows(CellError.MagicError.class, () -> eval("%release n"));
        assertTrue(primitive.getMessage().contains("'n' is a int"), primitive.getMessage());
    }

    @Test
    void aVariableDeclaredAgainAfterARejectedDeclarationWorks() throws Exception {
        eval("var q = new double[1];");
        eval("var q = new double[2];");
        assertThrows(CellError.class, () -> eval("var q = noSuchMethod();"));
        eval("var q = new int[] {7};");
        assertEquals("7", text(eval("q[0]")));
    }

    @Test
    void declarationsKeepWorkingAfterTheirNeighboursAreForgotten() throws Exception {
        eval("import java.util.concurrent.atomic.AtomicInteger;");
        eval("double sq(double x) { return x * x; }\ndouble sq(int x) { return 2.0 * x * x; }");
        eval("class Box { final double v; Box(double v) { this.v = v; } }");
        eval("var box = new Box(3);\nAtomicInteger counter = new AtomicInteger();");
        eval("void boom() {\n    throw new IllegalStateException(\"bad\");\n}");
        String boomCell = "cell [5]";
        for (int i = 0; i < 25; i++) {
            eval("counter.incrementAndGet();\nvar t = sq(box.v);\nt + sq(2)");
        }
        eval("%release");      // renews the compiler's context too
        assertEquals("42.0", text(eval("sq(box.v) + sq(2) + counter.get()")));
        assertEquals("2.0", text(eval("new Box(2).v")));
        eval("double sq(double x) { return x * x * x; }");
        assertEquals("8.0", text(eval("sq(2.0)")));
        assertEquals("18.0", text(eval("sq(3)")), "the overload in the same class survives its sibling's redefinition");

        Exception e = assertThrows(IllegalStateException.class, () -> eval("boom();"));
        String tb = String.join("\n", kernel.formatError(e));
        assertTrue(tb.contains("boom (" + boomCell + ", line 2)"), tb);

        DisplayData doc = kernel.inspect("box.v + sq", 10, false);
        assertNotNull(doc);
        assertTrue(text(doc).contains("sq(double x)"), text(doc));
        List<HistoryEntry> tail = kernel.getHistoryManager().lookupTail(2, EnumSet.noneOf(ResultFlag.class));
        assertEquals(List.of("sq(3)", "boom();"), tail.stream().map(HistoryEntry::getInput).toList());
    }

    @Test
    void aLambdaMadeByAForgottenSnippetStillRuns() throws Exception {
        eval("List<Runnable> rs = new ArrayList<>();");
        eval("if (rs.isEmpty()) {\n    rs.add(() -> {\n        throw new IllegalStateException(\"late\");\n    });\n}");
        eval("if (rs.size() == 1) rs.add(new Runnable() { public void run() { System.out.print(\"anonymous\"); } });");
        RecordingOutput out = new RecordingOutput();
        kernel.evaluate("rs.get(1).run();", out);
        assertEquals("anonymous", out.out());
        Exception e = assertThrows(IllegalStateException.class, () -> eval("rs.get(0).run();"));
        String tb = String.join("\n", kernel.formatError(e));
        assertTrue(tb.contains("lambda$do_it$$0(") && tb.contains("at cell [5], line 1"), tb);
    }

    @Test
    void snippetThreadGroupsGoAndAThreadMadeEarlierStillStarts() throws Exception {
        assumeTrue(Runtime.version().feature() < 19, "thread groups are weakly held from JDK 19 on");
        eval("1");
        int before = Thread.currentThread().getThreadGroup().activeGroupCount();
        for (int i = 0; i < 20; i++) {
            eval("int i = %d;\ni + 1".formatted(i));
        }
        int after = Thread.currentThread().getThreadGroup().activeGroupCount();
        assertTrue(after <= before + 1, "thread groups: " + before + " before 40 snippets, " + after + " after");

        eval("var done = new java.util.concurrent.atomic.AtomicBoolean();\nThread th = new Thread(() -> done.set(true));");
        eval("int between = 1;");
        assertEquals("true", text(eval("th.start();\nth.join();\ndone.get()")));
    }

    @Test
    void cancelledTimeoutsDoNotPileUp() throws Exception {
        try (JShellSession session = new JShellSession(KernelConfig.defaults().withTimeoutMillis(600_000))) {
            for (int i = 0; i < 20; i++) {
                String code = "int x = %d;".formatted(i);
                assertNull(session.evaluate(code, 0, code.length(), "cell [" + i + "]").value());
            }
            assertTrue(SessionProbe.pendingTimers(session) <= 1,
                    SessionProbe.pendingTimers(session) + " timers pending");
        }
    }
}
