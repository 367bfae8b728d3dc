package org.sharpnesslab.task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @AfterEach
    void restore() {
        System.clearProperty(Progress.PROPERTY);
        Progress.useDefault();
    }

    /** What a bar of 3 steps writes on System.err under the current settings. */
    private static String run() {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try (ProgressBar bar = Progress.start("work", 3)) {
            bar.step();
            bar.step();
            bar.step();
            assertEquals(3, bar.done());
        } finally {
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePropertySwitchesTheTextBar() {
        System.setProperty(Progress.PROPERTY, "on");
        assertTrue(Progress.textShown());
        String on = run();
        assertTrue(on.contains("work [") && on.contains("100% (3/3)"), on);

        System.setProperty(Progress.PROPERTY, "OFF ");
        assertFalse(Progress.textShown());
        assertEquals("", run());
    }

    @Test
    void autoIsSilentWithoutATerminal() {
        // the test JVM is forked by the build with its streams redirected: no terminal
        if (System.console() == null) {
            assertFalse(Progress.textShown());
            assertEquals("", run());
        }
    }

    @Test
    void aBadValueNamesThePropertyAndTheValue() {
        System.setProperty(Progress.PROPERTY, "sometimes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 1));
        assertEquals("system property sharpnesslab.progress must be auto, on or off, got sometimes", e.getMessage());
    }

    @Test
    void staticSwitchesOverrideTheProperty() {
        System.setProperty(Progress.PROPERTY, "on");
        Progress.silence();
        assertEquals("", run());

        System.setProperty(Progress.PROPERTY, "off");
        Progress.useText();
        assertTrue(run().contains("100% (3/3)"));

        Progress.useDefault();
        assertEquals("", run());
    }

    @Test
    void anInstalledFactoryIsUsedWhateverThePropertySays() {
        System.setProperty(Progress.PROPERTY, "off");
        AtomicInteger made = new AtomicInteger();
        Progress.TextProgressBar mine = new Progress.TextProgressBar("n", 2, null);
        Progress.setFactory((label, total) -> {
            made.incrementAndGet();
            return mine;
        });
        assertSame(mine, Progress.start("n", 2));
        assertEquals(1, made.get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Progress.setFactory(null));
        assertEquals("newFactory must not be null", e.getMessage());
    }
}
