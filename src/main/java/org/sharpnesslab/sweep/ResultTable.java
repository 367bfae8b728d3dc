package org.sharpnesslab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Builds a sweep's table from its cell records (parameters, seed, cell_id, results, status, error). */
final class ResultTable {

    private ResultTable() {
    }

    static Table of(String name, List<CellRecord> records) {
        LinkedHashMap<String, Class<?>> params = new LinkedHashMap<>();
        LinkedHashMap<String, Class<?>> results = new LinkedHashMap<>();
        for (CellRecord r : records) {
            collect(params, r.cell().params(), "parameter");
            if (r.ok()) {
                collect(results, r.outcome().values(), "result");
            }
        }
        for (String p : params.keySet()) {
            if (results.containsKey(p)) {
                throw new IllegalArgumentException("result '" + p + "' has the name of a parameter");
            }
        }
        List<Column<?>> cols = new ArrayList<>();
        Map<String, Column<?>> pc = columns(params, records.size(), cols);
        LongColumn seed = LongColumn.create("seed");
        StringColumn id = StringColumn.create("cell_id");
        cols.add(seed);
        cols.add(id);
        Map<String, Column<?>> rc = columns(results, records.size(), cols);
        StringColumn status = StringColumn.create("status");
        StringColumn error = StringColumn.create("error");
        cols.add(status);
        cols.add(error);
        for (CellRecord r : records) {
            append(pc, r.cell().params());
            seed.append(r.cell().seed());
            id.append(r.cell().id());
            append(rc, r.ok() ? r.outcome().values() : Map.of());
            status.append(r.ok() ? "ok" : "failed");
            error.append(r.error());
        }
        return Table.create(name, cols.toArray(new Column<?>[0]));
    }

    private static void collect(LinkedHashMap<String, Class<?>> types, Map<String, Object> values, String what) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Class<?> c = e.getValue().getClass();
            Class<?> before = types.putIfAbsent(e.getKey(), c);
            if (before != null && before != c) {
                if (Number.class.isAssignableFrom(before) && Number.class.isAssignableFrom(c)) {
                    types.put(e.getKey(), Double.class);
                } else {
                    throw new IllegalArgumentException(what + " '" + e.getKey() + "' is " + before.getSimpleName()
                            + " in one cell and " + c.getSimpleName() + " in another");
                }
            }
        }
    }

    private static Map<String, Column<?>> columns(LinkedHashMap<String, Class<?>> types, int n, List<Column<?>> out) {
        LinkedHashMap<String, Column<?>> m = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : types.entrySet()) {
            Class<?> c = e.getValue();
            Column<?> col = c == Double.class ? DoubleColumn.create(e.getKey())
                    : c == Long.class ? LongColumn.create(e.getKey())
                    : c == Boolean.class ? BooleanColumn.create(e.getKey())
                    : StringColumn.create(e.getKey());
            m.put(e.getKey(), col);
            out.add(col);
        }
        return m;
    }

    private static void append(Map<String, Column<?>> cols, Map<String, Object> values) {
        for (Map.Entry<String, Column<?>> e : cols.entrySet()) {
            Object v = values.get(e.getKey());
            Column<?> col = e.getValue();
            if (v == null) {
                col.appendMissing();
            } else if (col instanceof DoubleColumn d) {
                d.append(((Number) v).doubleValue());
            } else if (col instanceof LongColumn l) {
                l.append((Long) v);
            } else if (col instanceof BooleanColumn b) {
                b.append((Boolean) v);
            } else {
                ((StringColumn) col).append(v.toString());
            }
        }
    }
}
