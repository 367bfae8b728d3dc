package org.sharpnesslab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tech.tablesaw.api.Table;

/**
 * What an {@link Experiment} returns for one cell: named result values (the result columns of the sweep's table)
 * and optionally the cell's trajectory (a per-step table kept beside the results and loadable later).
 * Values are {@code Double}, {@code Long} ({@code Integer} widens), {@code String} or {@code Boolean}; a
 * non-finite double is stored as a missing value.
 *
 * @param values     result values in their declared order (unmodifiable)
 * @param trajectory the per-step table, or {@code null}
 */
public record Outcome(Map<String, Object> values, Table trajectory) {

    public Outcome {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String name = Cell.checkName(e.getKey());
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d)) {
                copy.put(name, Double.NaN);          // a missing value, not a number
            } else if (v instanceof Float f && !Float.isFinite(f)) {
                copy.put(name, Double.NaN);
            } else {
                copy.put(name, Cell.normalise(name, v));
            }
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** An outcome from alternating names and values: {@code Outcome.of("c_loss", 2.1, "diverged", false)}. */
    public static Outcome of(Object... namesAndValues) {
        return new Outcome(Cell.namedValues("result", namesAndValues), null);
    }

    /** This outcome with one more value. */
    public Outcome with(String name, Object value) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Outcome(m, trajectory);
    }

    /** This outcome with its trajectory kept. */
    public Outcome withTrajectory(Table t) {
        return new Outcome(values, t);
    }
}
