package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The reading side of {@link NotebookNumbers}: tables printed by {@link TableFormat#text} read back cell by cell,
 * and, on request, the checks run on notebooks executed earlier ({@code -Dsharpness.executed=DIR}, e.g.
 * target/protocol-notebooks, to re-check numbers without executing the notebooks again).
 */
class NotebookNumbersTest {

    @Test
    void aPrintedTableReadsBackCellByCell() {
        Table t = Table.create("runs", StringColumn.create("run", "sp σ²=0.5 c=1.0", "a"),
                DoubleColumn.create("start", 4, Double.NaN), DoubleColumn.create("decades", 0.342423, 1e-7),
                StringColumn.create("regimes", "T1 T2 T3 T4", ""), BooleanColumn.create("diverged", false, true),
                IntColumn.create("long_integer_column_name", 7, 12345678));
        String text = "before\n" + TableFormat.text(t) + "\nafter 3 rows × 2 columns of nothing";
        PrintedTable p = PrintedTable.find(text, "runs", 0, "start");
        assertEquals(List.of("run", "start", "decades", "regimes", "diverged", "long_integer_column_name"), p.columns());
        assertEquals(2, p.rows());
        assertTrue(p.complete());
        assertEquals("sp σ²=0.5 c=1.0", p.s(0, "run"));
        assertEquals(4, p.d(0, "start"));
        assertTrue(Double.isNaN(p.d(1, "start")), "a missing number reads as NaN");
        assertEquals(1e-7, p.d(1, "decades"));
        assertEquals("T1 T2 T3 T4", p.s(0, "regimes"));
        assertEquals("", p.s(1, "regimes"));
        assertTrue(p.b(1, "diverged"));
        assertEquals(12345678, p.d(1, "long_integer_column_name"));
    }

    @Test
    void aShortenedTableShowsItsHeadAndTail() {
        double[] v = new double[30];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 1.5;
        }
        PrintedTable p = PrintedTable.all(TableFormat.text(Table.create(DoubleColumn.create("x", v)))).get(0);
        assertEquals("", p.name());
        assertEquals(30, p.rows());
        assertEquals(TableFormat.HEAD_ROWS + TableFormat.TAIL_ROWS, p.rowNumbers().size());
        assertEquals(43.5, p.d(29, "x"));
        assertTrue(!p.shown().containsKey(TableFormat.HEAD_ROWS));
    }

    @Test
    void theParameterCellIsReadForItsLiterals() {
        NotebookNumbers.Executed nb = new NotebookNumbers.Executed("", List.of(
                "int n = 128, d = 32;   // d = 64 in the paper\ndouble[] cs = {0.5, 1.0, 2.5};\n"
                        + "double third = 1.0 / 3;\nint steps = 20_000;\nString data = \"gaussian\";",
                "// cellsPerTask(50) at paper scale\nSlurm.options().cellsPerTask(16)"));
        assertEquals(32, nb.i("d"));
        assertEquals(128, nb.i("n"));
        assertEquals(List.of(0.5, 1.0, 2.5), java.util.Arrays.stream(nb.doubles("cs")).boxed().toList());
        assertEquals(1.0 / 3, nb.d("third"));
        assertEquals(20000, nb.i("steps"));
        assertEquals("\"gaussian\"", nb.parameter("data"));
        assertEquals(16, nb.codeInt("cellsPerTask\\((\\d+)\\)"));
    }

    /** The checks of notebooks 08 and 09 pass on consistent printed numbers and fail when one is off. */
    @Test
    void theIndependentChecksOf08And09FailOnAWrongNumber() {
        String ok09 = "Eq. 7 against independent E|K^k|^2 (Eq. 4): worst relative error over the layers 3.1e-14\n"
                + "Eq. 3: E|K|^2 = 12.345678, independent 12.345678\n"
                + "Eq. 3: rho(K) = 0.5 in [0, 1]; rho(K)·E|K|^2 = 6.1728390 = lambda_1(G) = 6.1728390\n"
                + "Eq. 8: E|K|^2 = 12.345678 <= sum_i E|K^i|^2 = 20.5\n";
        NotebookNumbers.alignment(ok09);
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> NotebookNumbers.alignment(ok09.replace("3.1e-14", "2.0e-3")));
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> NotebookNumbers.alignment(ok09.replace("independent 12.345678", "independent 24.691356")));
        String ok08 = "first flip at eta = 0.5 (c = 1.9): the period-1 state has eta*lambda/2 = 0.9961, i.e. ...\n"
                + "independent replay (1056 GD steps, dense 420 x 420 Hessian): eta*lambda_max/2 = 0.996100, "
                + "the library's = 0.996110\n";
        NotebookNumbers.routeToChaos(ok08);
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> NotebookNumbers.routeToChaos(ok08.replace("eta*lambda_max/2 = 0.996100", "eta*lambda_max/2 = 1.992200")));
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> NotebookNumbers.routeToChaos(ok08.replace("= 0.996100, the library's = 0.996110",
                        "= 1.010000, the library's = 1.010000").replace("0.9961,", "1.0100,")));
    }

    @TestFactory
    Stream<DynamicTest> executedNotebooksOnRequest() throws Exception {
        String dir = System.getProperty("sharpness.executed");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "-Dsharpness.executed=DIR not given");
        List<Path> executed;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            executed = s.filter(p -> NotebookNumbers.CHECKS.containsKey(p.getFileName().toString())).sorted().toList();
        }
        assertTrue(!executed.isEmpty(), "no executed notebook with checks in " + dir);
        return executed.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> NotebookNumbers.check(p.getFileName().toString(), p)));
    }
}
