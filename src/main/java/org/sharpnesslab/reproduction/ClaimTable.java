package org.sharpnesslab.reproduction;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A paper's claims about one figure beside what a reproduction measured: one row per claim, its words quoted with
 * the section, the measured numbers and whether the claim holds there, every cell computed from the result table.
 * Columns {@code claim} (the quotation), {@code section}, {@code test} (the computed criterion), {@code measured},
 * {@code holds} ("yes", "no", or "n/a" when the scale run cannot test it, e.g. one width).
 */
public final class ClaimTable {

    private final StringColumn claim = StringColumn.create("claim");
    private final StringColumn section = StringColumn.create("section");
    private final StringColumn test = StringColumn.create("test");
    private final StringColumn measured = StringColumn.create("measured");
    private final StringColumn holds = StringColumn.create("holds");
    private final String name;

    /** An empty table named {@code name} (e.g. "002-fig3a claims"). */
    public ClaimTable(String name) {
        this.name = name;
    }

    /** Adds a claim that was tested: {@code ok} whether it held. */
    public ClaimTable add(String quote, String sec, String criterion, String what, boolean ok) {
        return row(quote, sec, criterion, what, ok ? "yes" : "no");
    }

    /** Adds a claim the scale run cannot test, with the reason in {@code what}. */
    public ClaimTable untested(String quote, String sec, String criterion, String what) {
        return row(quote, sec, criterion, what, "n/a");
    }

    private ClaimTable row(String quote, String sec, String criterion, String what, String h) {
        claim.append(quote);
        section.append(sec);
        test.append(criterion);
        measured.append(what);
        holds.append(h);
        return this;
    }

    /** The claims as a table. */
    public Table table() {
        return Table.create(name, claim.copy(), section.copy(), test.copy(), measured.copy(), holds.copy());
    }

    /** A number with four significant digits, for the measured column. */
    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
