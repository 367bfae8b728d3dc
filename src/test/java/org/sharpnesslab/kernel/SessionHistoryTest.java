package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

/** history_request over the session's cells: tail, range, search. */
class SessionHistoryTest {

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    @Test
    void tailRangeAndSearch() {
        SessionHistory h = new SessionHistory();
        h.record(1, "int a = 1;", null);
        h.record(2, "a + 1", "2");
        h.record(3, "var t = Table.create();", null);
        h.record(4, "a + 1", "2");
        Set<ResultFlag> none = EnumSet.noneOf(ResultFlag.class);
        assertEquals(List.of("var t = Table.create();", "a + 1"), inputs(h.lookupTail(2, none)));
        assertEquals(List.of("a + 1", "var t = Table.create();"), inputs(h.lookupRange(0, 2, 4, none)));
        assertEquals(List.of(), h.lookupRange(-3, 1, 5, none));
        assertEquals(List.of("a + 1", "a + 1"), inputs(h.search("a +*", 10, none)));
        assertEquals(List.of("a + 1"), inputs(h.search("a +*", 10, EnumSet.of(ResultFlag.UNIQUE))));
        HistoryEntry withOutput = h.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals("2", withOutput.getOutput());
        assertEquals(4, withOutput.getCellNumber());
        assertEquals(SessionHistory.SESSION, withOutput.getSession());
    }
}
