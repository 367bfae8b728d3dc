package org.sharpnesslab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class SweepTest {

    @Test
    void gridEnumeratesTheProductWithSeedsInnermost() {
        Sweep s = Sweep.grid().axis("c", 0.5, 1.0, 2.0).axis("width", 16, 64).seeds(2);
        assertEquals(12, s.size());
        List<Cell> cells = s.cells();
        assertEquals(12, cells.size());
        assertEquals(0.5, cells.get(0).d("c"));
        assertEquals(16, cells.get(0).i("width"));
        assertEquals(1, cells.get(1).seed());
        assertEquals(64, cells.get(2).i("width"));
        assertEquals(1.0, cells.get(4).d("c"));
    }

    @Test
    void idDependsOnContentOnly() {
        Cell a = Cell.of(3, "c", 2.0, "width", 16);
        Cell b = Cell.of(3, "c", 2.0, "width", 16L);
        assertEquals(a.id(), b.id());
        assertNotEquals(a.id(), a.withSeed(4).id());
        assertNotEquals(a.id(), Cell.of(3, "c", 2.0000000000000004, "width", 16).id());
        assertEquals(16, a.id().length());
    }

    @Test
    void runGivesParametersBesideResultsAndRecordsFailures() {
        Sweep s = Sweep.grid().axis("x", 1.0, 2.0, 3.0).seeds(2);
        Table t = s.run(cell -> {
            if (cell.d("x") == 2.0 && cell.seed() == 1) {
                throw new IllegalStateException("boom");
            }
            return Outcome.of("y", cell.d("x") * cell.d("x") + cell.seed(), "big", cell.d("x") > 1);
        }, 2);
        assertEquals(List.of("x", "seed", "cell_id", "y", "big", "status", "error"), t.columnNames());
        assertEquals(6, t.rowCount());
        assertEquals(4.0, t.doubleColumn("y").get(2));
        assertEquals(10.0, t.doubleColumn("y").get(5));
        assertEquals("failed", t.stringColumn("status").get(3));
        assertEquals("IllegalStateException: boom", t.stringColumn("error").get(3));
        assertEquals(1, t.doubleColumn("y").countMissing());
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cell.of(0, "c", 2.0).d("width"));
        assertEquals("unknown parameter 'width'; this cell has [c]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cell.of(0, "c", "two").d("c"));
        assertEquals("parameter 'c' must be a number, got String two", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid().axis("c", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid().axis("seed", 1));
    }
}
