package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aLongSessionKeepsTheLatestCellsWithinTheCharacterBudget() {
        SessionHistory h = new SessionHistory();
        String input = "x".repeat(90_000);
        int cells = (int) (3 * SessionHistory.MAX_CHARS / (input.length() + SessionHistory.MAX_OUTPUT));
        for (int i = 1; i <= cells; i++) {
            h.record(i, input, "y".repeat(20_000));
        }
        List<HistoryEntry> kept = h.lookupTail(cells, EnumSet.of(ResultFlag.INCLUDE_OUTPUT));
        long chars = kept.stream().mapToLong(e -> e.getInput().length() + e.getOutput().length()).sum();
        assertTrue(chars <= SessionHistory.MAX_CHARS, chars + " characters kept");
        assertTrue(kept.size() >= cells / 4, kept.size() + " of " + cells + " cells kept");
        assertEquals(cells, kept.get(kept.size() - 1).getCellNumber(), "the newest cell is kept");
        assertEquals(SessionHistory.MAX_OUTPUT, kept.get(0).getOutput().length(), "outputs are cut");

        h.record(cells + 1, "z".repeat((int) SessionHistory.MAX_CHARS + 1), null);
        assertEquals(List.of(cells + 1), h.lookupTail(5, EnumSet.noneOf(ResultFlag.class)).stream()
                .map(HistoryEntry::getCellNumber).toList(), "a cell larger than the budget is kept alone");
    }
}
