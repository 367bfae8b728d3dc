package org.sharpnesslab.kernel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kernel's magics: line magics ({@code %name args} alone on a line) and cell magics ({@code %%name args} on
 * a cell's first line, applying to the rest of the cell). Each has a one-line usage that {@code %lsmagic} lists
 * and that the error for an unknown magic repeats.
 */
final class Magics {

    /** A line magic: its argument text; returns the value to show (or {@link JShellSession.Result#NONE}). */
    @FunctionalInterface
    interface Line {
        JShellSession.Result run(String args, String cell, int offset, String label) throws Exception;
    }

    /** A cell magic: its arguments and the cell whose body starts at {@code bodyOffset}. */
    @FunctionalInterface
    interface Cell {
        JShellSession.Result run(String args, String cell, int bodyOffset, String label) throws Exception;
    }

    private record Entry<T>(String usage, T magic) {
    }

    private final Map<String, Entry<Line>> lines = new TreeMap<>();
    private final Map<String, Entry<Cell>> cells = new TreeMap<>();

    Magics line(String name, String usage, Line magic) {
        lines.put(name, new Entry<>(usage, magic));
        return this;
    }

    Magics cell(String name, String usage, Cell magic) {
        cells.put(name, new Entry<>(usage, magic));
        return this;
    }

    Line line(String name) {
        Entry<Line> e = lines.get(name);
        return e == null ? null : e.magic();
    }

    Cell cell(String name) {
        Entry<Cell> e = cells.get(name);
        return e == null ? null : e.magic();
    }

    /** What {@code %lsmagic} prints: every magic with its usage. */
    String list() {
        return "Line magics:\n" + lines.entrySet().stream().map(e -> "  " + e.getValue().usage())
                .collect(Collectors.joining("\n"))
                + "\nCell magics (first line of a cell):\n" + cells.entrySet().stream()
                .map(e -> "  " + e.getValue().usage()).collect(Collectors.joining("\n")) + "\n";
    }

    /** The error for {@code %name} (or {@code %%name}) that is not a magic of this kernel. */
    CellError unknown(String name, boolean cellMagic, int line, String label) {
        String known = "line magics: " + lines.keySet().stream().map(n -> "%" + n).collect(Collectors.joining(", "))
                + "; cell magics: " + cells.keySet().stream().map(n -> "%%" + n).collect(Collectors.joining(", "));
        String spelled = (cellMagic ? "%%" : "%") + name;
        String msg = "unknown magic " + spelled + " (" + known + ")";
        return new CellError.MagicError(msg, line, List.of("Unknown magic " + spelled + " in " + label + ", line "
                + line + ".", "The kernel knows " + known + ".", "%lsmagic describes them."));
    }
}
