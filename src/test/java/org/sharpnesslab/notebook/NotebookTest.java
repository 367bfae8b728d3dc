package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookTest {

    /** Records every call. */
    static final class RecordingSink implements DisplaySink {
        final List<String> calls = new ArrayList<>();
        final Map<String, Map<String, Object>> shown = new LinkedHashMap<>();
        int next;

        @Override
        public synchronized String display(Map<String, Object> bundle) {
            String id = "d" + next++;
            calls.add("display " + id);
            shown.put(id, bundle);
            return id;
        }

        @Override
        public synchronized void update(String id, Map<String, Object> bundle) {
            assertTrue(shown.containsKey(id), "update of unknown display " + id);
            calls.add("update " + id);
            shown.put(id, bundle);
        }
    }

    @AfterEach
    void reset() {
        Notebook.clearSink();
    }

    @Test
    void displayAndUpdateGoToTheSink() {
        RecordingSink sink = new RecordingSink();
        Notebook.setSink(sink);
        assertTrue(Notebook.isActive());
        String id = Notebook.display(RenderersTest.table(2));
        assertTrue(sink.shown.get(id).containsKey("text/html"));
        Notebook.updateDisplay(id, "now text");
        assertEquals(Map.of("text/plain", "now text"), sink.shown.get(id));
        Notebook.updateDisplay(id, RenderersTest.table(4), "text/html");
        assertEquals(List.of("text/html"), List.copyOf(sink.shown.get(id).keySet()));
        String id2 = Notebook.display(Markdown.of("*x*"), "text/markdown");
        assertNotEquals(id, id2);
        assertEquals(List.of("display d0", "update d0", "update d0", "display d1"), sink.calls);
    }

    @Test
    void withoutSinkDisplayPrintsText() {
        assertFalse(Notebook.isActive());
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String id = Notebook.display(RenderersTest.table(2));
            Notebook.updateDisplay(id, 7);
            assertTrue(id.startsWith("text-"));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("2 rows × 3 columns") && out.contains("\n7\n"), out);
    }

    @Test
    void progressBarUpdatesOneDisplayThrottledWithFinalState() {
        RecordingSink sink = new RecordingSink();
        Notebook.setSink(sink);
        long t0 = System.nanoTime();
        try (ProgressBar bar = Progress.start("sweep <eta>", 100_000)) {
            assertInstanceOf(HtmlProgressBar.class, bar);
            for (int i = 0; i < 100_000; i++) {
                bar.step();
                if (i % 1000 == 0) {
                    bar.message("i=" + i);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, sink.shown.size(), "one display");
        long updates = sink.calls.stream().filter(c -> c.startsWith("update")).count();
        assertTrue(updates >= 1 && updates <= 10 * seconds + 2, updates + " updates in " + seconds + " s");
        Map<String, Object> last = sink.shown.get("d0");
        String html = (String) last.get("text/html");
        assertTrue(html.contains("100%") && html.contains("(100000/100000)") && html.contains("done in"), html);
        assertTrue(html.contains("sweep &lt;eta&gt;") && html.contains("i=99000"), html);
        assertTrue(((String) last.get("text/plain")).contains("100%"));
    }

    @Test
    void progressBarShowsEtaWhileRunningAndStoppedWhenClosedEarly() throws Exception {
        RecordingSink sink = new RecordingSink();
        HtmlProgressBar bar = new HtmlProgressBar(sink, "fit", 10);
        bar.stepTo(4);
        String running = (String) bar.bundle().get("text/html");
        assertTrue(running.contains("40%") && running.contains("left") && running.contains("(4/10)"), running);
        Thread.sleep(120);
        bar.step();
        assertEquals(1, bar.updates(), "an update after the 100 ms interval");
        bar.close();
        bar.close();
        assertEquals(2, bar.updates(), "close sends the final state once");
        String done = (String) sink.shown.get(bar.displayId()).get("text/html");
        assertTrue(done.contains("stopped after") && done.contains("50%"), done);
    }

    @Test
    void clearSinkRestoresTextBars() {
        Notebook.setSink(new RecordingSink());
        Notebook.clearSink();
        try (ProgressBar bar = Progress.start("x", 1)) {
            assertInstanceOf(Progress.TextProgressBar.class, bar);
            bar.step();
        }
    }

    @Test
    void installOutsideIJavaSaysSoClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Notebook::install);
        assertTrue(e.getMessage().contains("No IJava kernel found"), e.getMessage());
        assertFalse(Notebook.isActive());
    }
}
