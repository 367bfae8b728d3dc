package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors in the user's terms: a "did you mean" for a misspelt name, the user's names instead of JShell's. */
class ErrorHintsTest {

    private static SharpnessKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = new SharpnessKernel(KernelConfig.defaults());
        kernel.evaluate("var map = UVMap.of(0.3, 1.0, 2.0, 1.0);", new RecordingOutput());
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String traceback(String cell) {
        CellError e = assertThrows(CellError.class, () -> kernel.evaluate(cell, new RecordingOutput()));
        return String.join("\n", e.traceback());
    }

    @Test
    void aMisspeltMethodGetsTheReceiversNearestMembers() {
        String tb = traceback("map.fixedPoint()");
        assertTrue(tb.contains("did you mean fixedPoints"), tb);
        String caret = tb.lines().filter(l -> l.strip().equals("^")).findFirst().orElseThrow();
        assertEquals("    map.fixedPoint()".indexOf('.'), caret.indexOf('^'), "the caret under the member: " + tb);
        assertTrue(traceback("Math.maxx(1, 2)").contains("did you mean max?"));
        assertTrue(traceback("UVMap.off(0.3, 1, 2, 1)").contains("did you mean of?"));
    }

    @Test
    void aMisspeltVariableGetsTheSessionsNearestNames() {
        String tb = traceback("mpa.fixedPoints()");
        assertTrue(tb.contains("did you mean map?"), tb);
        assertFalse(traceback("zzqqxx.fixedPoints()").contains("did you mean"), "no suggestion when nothing is near");
    }

    @Test
    void anExpressionWithoutItsSemicolonMidCellSaysWhatToDo() {
        String tb = traceback("map.fixedPoints()\nPhasePortrait.of(map)");
        assertTrue(tb.contains("';' expected") && tb.contains("display(...)"), tb);
    }

    @Test
    void aNullPointerMessageNamesTheUsersVariable() throws Exception {
        kernel.evaluate("String s = null;", new RecordingOutput());
        Exception e = assertThrows(NullPointerException.class, () -> kernel.evaluate("s.length()", new RecordingOutput()));
        assertTrue(e.getMessage().contains("\"s\" is null") && !e.getMessage().contains("$JShell"), e.getMessage());
        String tb = String.join("\n", kernel.formatError(e));
        assertTrue(tb.contains("\"s\" is null") && !tb.contains("$JShell"), tb);
    }

    @Test
    void theNearestNamesAreWithinASmallEditDistance() {
        assertEquals(List.of("fixedPoints"), ErrorReports.closest("fixedPoint", Set.of("fixedPoints", "iterate", "eta")));
        assertEquals(List.of(), ErrorReports.closest("xy", Set.of("eta", "abc")));
        assertEquals("Cannot invoke \"String.length()\" because \"s\" is null",
                ErrorReports.userNames("Cannot invoke \"String.length()\" because \"REPL.$JShell$47.s\" is null"));
        assertEquals("class Foo cannot be cast", ErrorReports.userNames("class REPL.$JShell$12$Foo cannot be cast"));
    }
}
