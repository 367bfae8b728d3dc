package org.sharpnesslab.study.early;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Predicate;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.TableSlice;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;

/**
 * The critical learning-rate constants of one initialisation (and SGD batch sequence), 002 Defs. 1 and 3:
 * <ul>
 * <li>c_loss = min{c | max_{t∈[1,T₁]} L_t(c) &gt; L₀}, c_sharp the same with λ^H (and, for the uv model of §5,
 *     c_trace with tr H and c_frob with ‖H‖_F²);</li>
 * <li>c_max = max{c | L_t(c) &lt; K ∀t ∈ [1, T₁]} (footnote 5: K = 10⁵, the library's
 *     {@link org.sharpnesslab.task.Divergence});</li>
 * <li>c_barrier = min{c | U(c) &gt; 0}, U(c) = max_{s∈[0,1]} L[(1−s)θ₀ + sθ_{T₁}] − L(θ₀) (Defs. 2–3).</li>
 * </ul>
 * Where 002's text allows two readings, both are named options of a {@link Reading} (default {@link Reading#PAPER}):
 * <ul>
 * <li>c_max ({@link CMaxReading}): the last grid value before the first diverging c (App. A, "c_max = 2^{x_max}",
 *     the default; the walk stops there) or the largest c of the whole grid that does not diverge (Def. 1; the walk
 *     covers the grid). Divergence need not be monotone in c, so the two can differ.</li>
 * <li>rounding ({@link Reading#decimals}): as in 002 App. C the ratios L_t/L₀, λ_t/λ₀ (and L_int/L₀) are rounded to
 *     2 decimal places before they are compared with 1 (the default), or compared exactly ({@link Reading#exact}).</li>
 * <li>ε ({@link Reading#sharpEpsilon}): the sharpness counts as risen above (1 + ε)λ₀ (002 App. G.1, footnote 8:
 *     ε = 0.05 for centred and last-layer-zero networks; 0 otherwise).</li>
 * </ul>
 * The events of c_loss, c_sharp, c_barrier are looked for below the first diverging c (a diverged run counts as a
 * rise). A constant whose event never happens below c_max is reported as c_max, with its {@code *_seen} flag false
 * (that phase has zero width on this grid). Optional bisection refines each boundary inside the bracket of grid
 * values around it.
 *
 * @param cLoss        c_loss
 * @param cSharp       c_sharp (λ^H), NaN when not measured
 * @param cTrace       c_trace (tr H), NaN when not measured
 * @param cFrob        c_frob (‖H‖_F²), NaN when not measured
 * @param cMax         c_max; NaN if the smallest grid value already diverged
 * @param cBarrier     c_barrier, NaN when not measured
 * @param lossSeen     whether the loss rose before c_max
 * @param sharpSeen    whether the sharpness rose before c_max
 * @param barrierSeen  whether a barrier appeared before c_max
 * @param maxCensored  true if no grid value diverged (c_max is then only a lower bound: the grid's end)
 * @param runs         the number of training runs used
 */
public record CriticalConstants(double cLoss, double cSharp, double cTrace, double cFrob, double cMax,
                                double cBarrier, boolean lossSeen, boolean sharpSeen, boolean barrierSeen,
                                boolean maxCensored, int runs) {

    /** The paper's rounding: ratios to 2 decimals before comparing with 1 (002 App. C). */
    public static final int PAPER_DECIMALS = 2;

    /** The two readings of c_max that 002 allows. */
    public enum CMaxReading {
        /**
         * 002 App. A: "We scale the learning rate constant as c = 2^x, with x ∈ {−1.0, …, x_max} in steps of 0.1.
         * Here, x_max is related to the maximum learning rate constant as c_max = 2^{x_max}." Read as the last grid
         * value before the first diverging c: the scan stops at the first divergence (the default).
         */
        FIRST_DIVERGENCE,
        /**
         * 002 Def. 1: "c_max as the maximum learning rate constant such that the loss does not diverge during the
         * initial transient period: c_max = max_c {c | L_t(c) &lt; K, ∀t ∈ [1, T₁]}". Read as the largest c of the
         * whole grid whose run does not diverge, also above a diverging c: the scan walks the whole grid.
         */
        LARGEST_STABLE;

        /** "first_divergence" or "largest_stable", the cell parameter {@code c_max_reading}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The reading a key names. */
        public static CMaxReading of(String key) {
            for (CMaxReading r : values()) {
                if (r.key().equals(key)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("c_max_reading must be 'first_divergence' or 'largest_stable', was '" + key
                    + "'");
        }
    }

    /**
     * Which reading of 002's definitions a computation of the constants uses; every path that computes them
     * ({@link #scan}, {@link #of}, {@link #fromRuns}, {@link UVEarlyPhase}, {@link NetworkEarlyPhase}) takes one.
     *
     * @param cMax         the reading of c_max ({@link CMaxReading})
     * @param decimals     002 App. C: "To avoid a random increase in loss and sharpness due to fluctuations, we round
     *                     off the values of λ_t^H/λ_0^H and L_t/L_0 to their second decimal places before comparing
     *                     with 1." The ratios are rounded to this many decimals (2, {@link #PAPER_DECIMALS});
     *                     negative: compared exactly ({@link #exact()})
     * @param sharpEpsilon 002 App. G.1: "we introduce a threshold ϵ, comparing normalized sharpness λ_t^H/λ_0^H with
     *                     1 + ϵ, to define a sharpness catapult", footnote 8: "In experiments, we set ϵ = 0.05. We use
     *                     the same threshold for zero-init networks." 0 for plain networks; ≥ 0 and finite
     */
    public record Reading(CMaxReading cMax, int decimals, double sharpEpsilon) {

        /** 002 as the library reads it by default: first divergence, 2 decimals, ε = 0. */
        public static final Reading PAPER = new Reading(CMaxReading.FIRST_DIVERGENCE, PAPER_DECIMALS, 0);

        public Reading {
            if (cMax == null) {
                throw new IllegalArgumentException("cMax must be FIRST_DIVERGENCE or LARGEST_STABLE, was null");
            }
            if (!(sharpEpsilon >= 0) || !Double.isFinite(sharpEpsilon)) {
                throw new IllegalArgumentException("sharpEpsilon must be finite and >= 0, was " + sharpEpsilon);
            }
            decimals = Math.max(decimals, -1);
        }

        public Reading withCMax(CMaxReading v) {
            return new Reading(v, decimals, sharpEpsilon);
        }

        public Reading withDecimals(int v) {
            return new Reading(cMax, v, sharpEpsilon);
        }

        /** Ratios compared with 1 exactly, without App. C's rounding. */
        public Reading exact() {
            return withDecimals(-1);
        }

        public Reading withSharpEpsilon(double v) {
            return new Reading(cMax, decimals, v);
        }

        /**
         * The reading a cell asks for: parameters {@code c_max_reading} ("first_divergence" [default] or "largest_stable"),
         * {@code decimals} [2; −1: exact] and {@code sharp_epsilon} [0].
         */
        public static Reading from(Cell cell) {
            return new Reading(cell.has("c_max_reading") ? CMaxReading.of(cell.s("c_max_reading")) : CMaxReading.FIRST_DIVERGENCE,
                    cell.has("decimals") ? cell.i("decimals") : PAPER_DECIMALS,
                    cell.has("sharp_epsilon") ? cell.d("sharp_epsilon") : 0);
        }
    }

    /** Whether a ratio counts as "above its initial value": rounded to {@code decimals} places, &gt; 1. */
    public static boolean risen(double ratio, int decimals) {
        return risen(ratio, decimals, 0);
    }

    /**
     * Whether a ratio, rounded to {@code decimals} places, exceeds 1 + ε (002 App. G.1, footnote 8: ε = 0.05 for the
     * sharpness of centred and zero-initialised networks, which rises slightly at small c without a catapult).
     */
    public static boolean risen(double ratio, int decimals, double epsilon) {
        if (Double.isNaN(ratio)) {
            return false;
        }
        if (decimals < 0 || Double.isInfinite(ratio)) {
            return ratio > 1 + epsilon;
        }
        double s = Math.pow(10, decimals);
        return Math.round(ratio * s) / s > 1 + epsilon;
    }

    /** {@link #scan(CGrid, DoubleFunction, int, Reading)} with {@link Reading#PAPER} rounded to {@code decimals}. */
    public static CriticalConstants scan(CGrid grid, DoubleFunction<EarlyObservation> run, int bisect, int decimals) {
        return scan(grid, run, bisect, Reading.PAPER.withDecimals(decimals));
    }

    /**
     * Scans {@code grid} upwards with {@code run} (one training run per c) until the first divergence (or over the
     * whole grid for {@link CMaxReading#LARGEST_STABLE}), then refines each boundary by {@code bisect} bisection
     * steps inside its grid bracket.
     */
    public static CriticalConstants scan(CGrid grid, DoubleFunction<EarlyObservation> run, int bisect,
                                         Reading reading) {
        if (bisect < 0) {
            throw new IllegalArgumentException("bisect must be >= 0, got " + bisect);
        }
        if (reading == null) {
            throw new IllegalArgumentException("reading must not be null");
        }
        int decimals = reading.decimals();
        double sharpEpsilon = reading.sharpEpsilon();
        boolean whole = reading.cMax() == CMaxReading.LARGEST_STABLE;
        List<EarlyObservation> obs = new ArrayList<>();
        for (double c : grid.values()) {
            Cancellation.checkpoint();
            EarlyObservation o = run.apply(c);
            obs.add(o);
            if (o.diverged() && !whole) {
                break;
            }
        }
        CriticalConstants g = of(obs, reading);
        if (bisect == 0) {
            return g;
        }
        int[] runs = {obs.size()};
        DoubleFunction<EarlyObservation> counted = c -> {
            runs[0]++;
            return run.apply(c);
        };
        int d = firstDiverged(obs);
        double cMax = g.cMax;
        int last = whole ? lastStable(obs) : d - 1;
        if (d > 0 && last >= 0 && last + 1 < obs.size()) {
            cMax = refine(grid, counted, obs.get(last).c(), obs.get(last + 1).c(), EarlyObservation::diverged, bisect,
                    false);
        }
        double cLoss = refineEvent(grid, counted, obs, d, lossEvent(decimals), bisect, cMax);
        double cSharp = Double.isNaN(g.cSharp) ? Double.NaN
                : refineEvent(grid, counted, obs, d, sharpEvent(decimals, sharpEpsilon), bisect, cMax);
        double cTrace = Double.isNaN(g.cTrace) ? Double.NaN
                : refineEvent(grid, counted, obs, d, traceEvent(decimals), bisect, cMax);
        double cFrob = Double.isNaN(g.cFrob) ? Double.NaN
                : refineEvent(grid, counted, obs, d, frobEvent(decimals), bisect, cMax);
        double cBar = Double.isNaN(g.cBarrier) ? Double.NaN
                : refineEvent(grid, counted, obs, d, barrierEvent(decimals), bisect, cMax);
        return new CriticalConstants(cLoss, cSharp, cTrace, cFrob, cMax, cBar, g.lossSeen, g.sharpSeen,
                g.barrierSeen, g.maxCensored, runs[0]);
    }

    /**
     * {@link #scan(CGrid, DoubleFunction, int, Reading)} as an outcome with {@code prefix}; under
     * {@link CMaxReading#LARGEST_STABLE} it also has {prefix}_max_first_divergence, App. A's reading from the same
     * runs, so that one sweep shows both.
     */
    static Outcome scanOutcome(CGrid grid, DoubleFunction<EarlyObservation> run, int bisect, Reading reading,
                               String prefix) {
        List<EarlyObservation> seen = new ArrayList<>();
        CriticalConstants cc = scan(grid, c -> {
            EarlyObservation o = run.apply(c);
            seen.add(o);
            return o;
        }, bisect, reading);
        Outcome o = cc.outcome(prefix);
        if (reading.cMax() == CMaxReading.LARGEST_STABLE) {
            o = o.with(prefix + "_max_first_divergence",
                    of(seen, reading.withCMax(CMaxReading.FIRST_DIVERGENCE)).cMax());
        }
        return o;
    }

    /** The constants from runs on a grid with {@link Reading#PAPER} rounded to {@code decimals}. */
    public static CriticalConstants of(List<EarlyObservation> observations, int decimals) {
        return of(observations, Reading.PAPER.withDecimals(decimals));
    }

    /** {@link #of(List, int)} with the sharpness compared against 1 + {@code sharpEpsilon}. */
    public static CriticalConstants of(List<EarlyObservation> observations, int decimals, double sharpEpsilon) {
        return of(observations, Reading.PAPER.withDecimals(decimals).withSharpEpsilon(sharpEpsilon));
    }

    /**
     * The constants from runs on a grid (any order). Events are looked for below the first diverging c; c_max is
     * the c before it ({@link CMaxReading#FIRST_DIVERGENCE}: runs above it are ignored) or the largest
     * non-diverging c of all runs ({@link CMaxReading#LARGEST_STABLE}).
     */
    public static CriticalConstants of(List<EarlyObservation> observations, Reading reading) {
        if (reading == null) {
            throw new IllegalArgumentException("reading must not be null");
        }
        if (observations == null || observations.isEmpty()) {
            throw new IllegalArgumentException("observations must be non-empty");
        }
        int decimals = reading.decimals();
        double sharpEpsilon = reading.sharpEpsilon();
        List<EarlyObservation> obs = new ArrayList<>(observations);
        obs.sort(Comparator.comparingDouble(EarlyObservation::c));
        int d = firstDiverged(obs);
        int end = d < 0 ? obs.size() : d;
        int lastStable = reading.cMax() == CMaxReading.LARGEST_STABLE ? lastStable(obs) : end - 1;
        double cMax = lastStable < 0 ? Double.NaN : obs.get(lastStable).c();
        boolean sharpMeasured = !Double.isNaN(obs.get(0).maxSharpnessRatio());
        boolean traceMeasured = !Double.isNaN(obs.get(0).maxTraceRatio());
        boolean frobMeasured = !Double.isNaN(obs.get(0).maxFrobeniusRatio());
        boolean barrierMeasured = obs.stream().anyMatch(o -> !Double.isNaN(o.barrierRatio()));
        int il = first(obs, end, lossEvent(decimals));
        int is = first(obs, end, sharpEvent(decimals, sharpEpsilon));
        int it = first(obs, end, traceEvent(decimals));
        int ifr = first(obs, end, frobEvent(decimals));
        int ib = first(obs, end, barrierEvent(decimals));
        return new CriticalConstants(at(obs, il, cMax), sharpMeasured ? at(obs, is, cMax) : Double.NaN,
                traceMeasured ? at(obs, it, cMax) : Double.NaN, frobMeasured ? at(obs, ifr, cMax) : Double.NaN, cMax,
                barrierMeasured ? at(obs, ib, cMax) : Double.NaN, il >= 0, is >= 0, ib >= 0, d < 0,
                observations.size());
    }

    private static double refineEvent(CGrid grid, DoubleFunction<EarlyObservation> run, List<EarlyObservation> obs,
                                      int d, Predicate<EarlyObservation> e, int bisect, double cMax) {
        int end = d < 0 ? obs.size() : d;
        int i = first(obs, end, e);
        if (i < 0) {
            return cMax;
        }
        if (i == 0) {
            return obs.get(0).c();
        }
        return Math.min(refine(grid, run, obs.get(i - 1).c(), obs.get(i).c(), e, bisect, true), cMax);
    }

    /** Bisection of [a, b] (event false at a, true at b): the smallest c with the event, or the largest without. */
    private static double refine(CGrid grid, DoubleFunction<EarlyObservation> run, double a, double b,
                                 Predicate<EarlyObservation> event, int steps, boolean upper) {
        for (int k = 0; k < steps; k++) {
            double m = grid.mid(a, b);
            if (event.test(run.apply(m))) {
                b = m;
            } else {
                a = m;
            }
        }
        return upper ? b : a;
    }

    private static int firstDiverged(List<EarlyObservation> obs) {
        for (int i = 0; i < obs.size(); i++) {
            if (obs.get(i).diverged()) {
                return i;
            }
        }
        return -1;
    }

    private static int lastStable(List<EarlyObservation> obs) {
        for (int i = obs.size() - 1; i >= 0; i--) {
            if (!obs.get(i).diverged()) {
                return i;
            }
        }
        return -1;
    }

    private static int first(List<EarlyObservation> obs, int end, Predicate<EarlyObservation> e) {
        for (int i = 0; i < end; i++) {
            if (e.test(obs.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static double at(List<EarlyObservation> obs, int i, double cMax) {
        return i < 0 ? cMax : obs.get(i).c();
    }

    private static Predicate<EarlyObservation> lossEvent(int dec) {
        return o -> o.diverged() || risen(o.maxLossRatio(), dec);
    }

    private static Predicate<EarlyObservation> sharpEvent(int dec, double eps) {
        return o -> o.diverged() || risen(o.maxSharpnessRatio(), dec, eps);
    }

    private static Predicate<EarlyObservation> traceEvent(int dec) {
        return o -> o.diverged() || risen(o.maxTraceRatio(), dec);
    }

    private static Predicate<EarlyObservation> frobEvent(int dec) {
        return o -> o.diverged() || risen(o.maxFrobeniusRatio(), dec);
    }

    private static Predicate<EarlyObservation> barrierEvent(int dec) {
        return o -> !o.diverged() && risen(o.barrierRatio(), dec);
    }

    /**
     * These constants as an outcome, the names prefixed with {@code prefix} ("c" or "k"): {prefix}_loss,
     * {prefix}_sharp, {prefix}_trace, {prefix}_frob, {prefix}_max, {prefix}_barrier (unmeasured ones left out),
     * loss_seen, sharp_seen, barrier_seen, max_censored, runs.
     */
    public Outcome outcome(String prefix) {
        Outcome o = Outcome.of(prefix + "_loss", cLoss);
        if (!Double.isNaN(cSharp)) {
            o = o.with(prefix + "_sharp", cSharp);
        }
        if (!Double.isNaN(cTrace)) {
            o = o.with(prefix + "_trace", cTrace);
        }
        if (!Double.isNaN(cFrob)) {
            o = o.with(prefix + "_frob", cFrob);
        }
        o = o.with(prefix + "_max", cMax);
        if (!Double.isNaN(cBarrier)) {
            o = o.with(prefix + "_barrier", cBarrier);
        }
        return o.with("loss_seen", lossSeen).with("sharp_seen", sharpSeen).with("barrier_seen", barrierSeen)
                .with("max_censored", maxCensored).with("runs", runs);
    }

    /**
     * Per-initialisation constants from a table of single runs (one row per (initialisation, c), e.g. the result
     * of a sweep of {@link NetworkEarlyRun} cells), grouped by {@code groupBy} and {@code seed}.
     *
     * @param runs needs columns c, max_loss_ratio, diverged; optionally max_sharpness_ratio, barrier_ratio,
     *             max_trace_ratio, max_frobenius_ratio, and status (rows not "ok" are skipped)
     * @return the group columns, seed, then c_loss, c_sharp, c_max, c_barrier, … as {@link #outcome}
     */
    public static Table fromRuns(Table runs, int decimals, String... groupBy) {
        return fromRuns(runs, Reading.PAPER.withDecimals(decimals), groupBy);
    }

    /**
     * {@link #fromRuns(Table, int, String...)} with a reading. The runs' own settings win where the table has them,
     * as {@link NetworkEarlyPhase} reads them from its cell: a column {@code sharp_epsilon} (e.g. a sweep's fixed
     * parameter for centred or last-layer-zero networks, 002 footnote 8), {@code decimals} or {@code c_max_reading} sets
     * that part of the reading per group.
     */
    public static Table fromRuns(Table runs, Reading reading, String... groupBy) {
        if (reading == null) {
            throw new IllegalArgumentException("reading must not be null");
        }
        String[] keys = Arrays.copyOf(groupBy, groupBy.length + 1);
        keys[groupBy.length] = "seed";
        Table ok = runs.columnNames().contains("status") ? runs.where(runs.stringColumn("status").isEqualTo("ok"))
                : runs;
        Table out = null;
        for (TableSlice slice : ok.splitOn(keys)) {
            Table g = slice.asTable();
            List<EarlyObservation> obs = new ArrayList<>();
            for (int r = 0; r < g.rowCount(); r++) {
                obs.add(new EarlyObservation(num(g, "c", r), num(g, "max_loss_ratio", r),
                        num(g, "max_sharpness_ratio", r), num(g, "max_trace_ratio", r),
                        num(g, "max_frobenius_ratio", r), num(g, "barrier_ratio", r),
                        g.booleanColumn("diverged").get(r)));
            }
            Outcome o = of(obs, readingOf(g, reading)).outcome("c");
            if (out == null) {
                out = g.selectColumns(keys).emptyCopy();
                out.setName("critical constants");
                for (var e : o.values().entrySet()) {
                    Object v = e.getValue();
                    out.addColumns(v instanceof Boolean ? BooleanColumn.create(e.getKey())
                            : v instanceof Long ? IntColumn.create(e.getKey()) : DoubleColumn.create(e.getKey()));
                }
            }
            Table keyRow = g.selectColumns(keys);
            for (String k : keys) {
                appendFirst(out.column(k), keyRow.column(k));
            }
            for (var e : o.values().entrySet()) {
                Object v = e.getValue();
                if (!out.columnNames().contains(e.getKey())) {
                    continue;
                }
                if (v instanceof Boolean b) {
                    out.booleanColumn(e.getKey()).append(b);
                } else if (v instanceof Long l) {
                    out.intColumn(e.getKey()).append(l.intValue());
                } else {
                    out.doubleColumn(e.getKey()).append((Double) v);
                }
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("no ok rows in " + runs.name());
        }
        return out;
    }

    /** The reading of one group of runs: its sharp_epsilon, decimals, c_max_reading columns override {@code base}. */
    private static Reading readingOf(Table g, Reading base) {
        Reading r = base;
        if (g.columnNames().contains("sharp_epsilon") && !Double.isNaN(num(g, "sharp_epsilon", 0))) {
            r = r.withSharpEpsilon(num(g, "sharp_epsilon", 0));
        }
        if (g.columnNames().contains("decimals") && !Double.isNaN(num(g, "decimals", 0))) {
            r = r.withDecimals((int) num(g, "decimals", 0));
        }
        if (g.columnNames().contains("c_max_reading") && !g.column("c_max_reading").isMissing(0)) {
            r = r.withCMax(CMaxReading.of(g.column("c_max_reading").getString(0)));
        }
        return r;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendFirst(Column to, Column from) {
        to.append(from, 0);
    }

    private static double num(Table t, String col, int r) {
        if (!t.columnNames().contains(col)) {
            return Double.NaN;
        }
        Column<?> c = t.column(col);
        if (c.isMissing(r)) {
            return Double.NaN;
        }
        return ((Number) c.get(r)).doubleValue();
    }

    /**
     * Averages over initialisations with the 25–75 % quantiles (002 App. C, B.7), per group.
     *
     * @param perInit one row per initialisation (from a sweep of {@link UVEarlyPhase} or {@link NetworkEarlyPhase},
     *                or {@link #fromRuns}); its double columns named c_* or k_* are summarised
     * @param groupBy the group columns (e.g. "width", "depth")
     * @return the group columns, n (initialisations), and for each constant X: X_mean, X_q25, X_q75 (linear
     *         interpolation between order statistics; missing values skipped)
     */
    public static Table summary(Table perInit, String... groupBy) {
        Table ok = perInit.columnNames().contains("status")
                ? perInit.where(perInit.stringColumn("status").isEqualTo("ok")) : perInit;
        List<String> names = new ArrayList<>();
        for (Column<?> c : ok.columns()) {
            if (c instanceof DoubleColumn && (c.name().startsWith("c_") || c.name().startsWith("k_"))) {
                names.add(c.name());
            }
        }
        Table out = ok.selectColumns(groupBy).emptyCopy();
        out.setName("critical constants: averages and 25-75 % quantiles");
        out.addColumns(IntColumn.create("n"));
        for (String n : names) {
            out.addColumns(DoubleColumn.create(n + "_mean"), DoubleColumn.create(n + "_q25"),
                    DoubleColumn.create(n + "_q75"));
        }
        for (TableSlice slice : groupBy.length == 0 ? List.of(new TableSlice(ok)) : ok.splitOn(groupBy)) {
            Table g = slice.asTable();
            for (String k : groupBy) {
                appendFirst(out.column(k), g.column(k));
            }
            out.intColumn("n").append(g.rowCount());
            for (String n : names) {
                double[] v = Arrays.stream(g.doubleColumn(n).asDoubleArray()).filter(x -> !Double.isNaN(x)).sorted()
                        .toArray();
                out.doubleColumn(n + "_mean").append(Arrays.stream(v).average().orElse(Double.NaN));
                out.doubleColumn(n + "_q25").append(quantile(v, 0.25));
                out.doubleColumn(n + "_q75").append(quantile(v, 0.75));
            }
        }
        return out;
    }

    /** The q-quantile of sorted values, linear between order statistics (NaN if empty). */
    public static double quantile(double[] sorted, double q) {
        Check.notNull("sorted", sorted);
        if (!(q >= 0 && q <= 1)) {
            throw Check.range("q", "in [0, 1]", q);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
