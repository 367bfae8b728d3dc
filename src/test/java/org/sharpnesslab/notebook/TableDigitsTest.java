package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Tables rendered for reading: significant digits chosen per column; the table keeps the exact values. */
class TableDigitsTest {

    private static Table table() {
        return Table.create("t",
                DoubleColumn.create("lambda", 7.3644085259801635, 0.9142135623730951, 2.5600000000000005,
                        -0.19999999999999996),
                DoubleColumn.create("close", 1.00001, 1.00002, 1.00003, 1.00004));
    }

    @Test
    void eachColumnGetsTheDigitsItNeeds() {
        String text = TableFormat.text(table());
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(1).contains("7.364") && !lines.get(1).contains("7.3644"), text);
        assertTrue(lines.get(2).contains("0.9142 ") && lines.get(3).contains("2.56 ") && lines.get(4).contains("-0.2 "),
                text);
        for (String v : List.of("1.00001", "1.00002", "1.00003", "1.00004")) {
            assertTrue(text.contains(v), "a column whose values differ in the 6th digit keeps 6: " + text);
        }
        String html = TableFormat.html(table());
        assertTrue(html.contains(">0.9142<") && html.contains(">-0.2<") && html.contains(">1.00004<"), html);
        assertTrue(!html.contains("0.9142135") && !text.contains("0.9142135"));
    }

    @Test
    void theTableKeepsTheExactValues() {
        Table t = table();
        TableFormat.html(t);
        TableFormat.text(t);
        assertEquals(0.9142135623730951, t.doubleColumn("lambda").get(1), 0.0);
        assertEquals("0.914214", TableFormat.number(0.9142135623730951));
        assertEquals("0.9142", TableFormat.number(0.9142135623730951, 4));
        assertEquals("1.235e-07", TableFormat.number(1.23456789e-7, 4));
    }
}
