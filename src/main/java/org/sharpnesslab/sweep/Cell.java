package org.sharpnesslab.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a {@link Sweep}: named parameters plus its seed. Values are {@code Double}, {@code Long} (an
 * {@code Integer} is stored as {@code Long}), {@code String} or {@code Boolean}, so a cell can be written to a file
 * and read back in another JVM (a Slurm task). Its {@link #id()} is derived from its content only, so the same cell
 * has the same id in every run of a sweep.
 *
 * @param params the parameters in their declared order (unmodifiable)
 * @param seed   the cell's seed
 */
public record Cell(Map<String, Object> params, long seed) {

    public Cell {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            copy.put(checkName(e.getKey()), normalise(e.getKey(), e.getValue()));
        }
        if (copy.containsKey("seed")) {
            throw new IllegalArgumentException("parameter name 'seed' is reserved (the cell's seed is its own field)");
        }
        params = Collections.unmodifiableMap(copy);
    }

    /** A cell from alternating names and values: {@code Cell.of(7, "c", 2.0, "width", 16)}. */
    public static Cell of(long seed, Object... namesAndValues) {
        return new Cell(namedValues("parameter", namesAndValues), seed);
    }

    /**
     * The pairs of alternating names and values, in order ({@link Cell#of}, {@link Outcome#of}).
     *
     * @param kind what the names name, for the message ("parameter", "result")
     * @throws IllegalArgumentException for an odd count or a name that is not a String
     */
    static LinkedHashMap<String, Object> namedValues(String kind, Object... namesAndValues) {
        if (namesAndValues == null || namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues must alternate name, value; got "
                    + (namesAndValues == null ? "null" : namesAndValues.length + " items"));
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException(kind + " name at position " + i + " must be a String, got "
                        + namesAndValues[i]);
            }
            m.put(name, namesAndValues[i + 1]);
        }
        return m;
    }

    static String checkName(String name) {
        if (name == null || !validName(name)) {
            throw new IllegalArgumentException("parameter name must match [A-Za-z_][A-Za-z0-9_]*, got '" + name + "'");
        }
        return name;
    }

    /** [A-Za-z_][A-Za-z0-9_]* without a regex (called for every value read back from a results directory). */
    private static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    static Object normalise(String name, Object v) {
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("parameter '" + name + "' must be finite, got " + d);
            }
            return d;
        }
        if (v instanceof Float f) {
            return normalise(name, f.doubleValue());
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a double, an integer, a String or a "
                + "boolean, got " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }

    /** One digest per thread (bounded by the threads): {@link #id()} is called for every cell of every run. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** A stable id: the first 16 hex digits of SHA-256 over the canonical text of the parameters and seed. */
    public String id() {
        byte[] h = SHA256.get().digest(canonical().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }

    /** {@code name=type:value;...;seed=N}, with doubles in their exact round-trip form. */
    String canonical() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object v = e.getValue();
            String type = v instanceof Double ? "d" : v instanceof Long ? "l" : v instanceof Boolean ? "b" : "s";
            sb.append(e.getKey()).append('=').append(type).append(':').append(v).append(';');
        }
        return sb.append("seed=").append(seed).toString();
    }

    /** The value of parameter {@code name}. */
    public Object get(String name) {
        Object v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; this cell has " + params.keySet());
        }
        return v;
    }

    /** Whether the cell has parameter {@code name}. */
    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** A numeric parameter as a double (integers widen). */
    public double d(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(name, v, "a number");
    }

    /** An integer parameter as a long. */
    public long l(String name) {
        Object v = get(name);
        if (v instanceof Long n) {
            return n;
        }
        throw wrongType(name, v, "an integer");
    }

    /** An integer parameter as an int. */
    public int i(String name) {
        long v = l(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + name + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    /** A String parameter. */
    public String s(String name) {
        Object v = get(name);
        if (v instanceof String str) {
            return str;
        }
        throw wrongType(name, v, "a String");
    }

    /** A boolean parameter. */
    public boolean b(String name) {
        Object v = get(name);
        if (v instanceof Boolean bo) {
            return bo;
        }
        throw wrongType(name, v, "a boolean");
    }

    private static IllegalArgumentException wrongType(String name, Object v, String wanted) {
        return new IllegalArgumentException("parameter '" + name + "' must be " + wanted + ", got "
                + v.getClass().getSimpleName() + " " + v);
    }

    /** The same parameters with another seed. */
    public Cell withSeed(long s) {
        return new Cell(params, s);
    }

    /** The same cell with one parameter added or replaced. */
    public Cell with(String name, Object value) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(params);
        m.put(name, value);
        return new Cell(m, seed);
    }

    @Override
    public String toString() {
        return "Cell" + params + "[seed=" + seed + ", id=" + id() + "]";
    }
}
