package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

/**
 * The cells executed in this kernel session, for Jupyter's {@code history_request}: {@code tail} (the last n),
 * {@code range} (execution counts {@code [start, stop)} of session 0 = this one, also numbered {@value #SESSION}),
 * {@code search} (a glob with {@code *} and {@code ?}, the last n matches, optionally unique). The output kept
 * is the {@code text/plain} of a cell's result (its first {@value #MAX_OUTPUT} characters). Only the last
 * {@value #KEPT} cells are kept, and only as many of them as fit in {@value #MAX_CHARS} characters of input and
 * output, so that a long session's history stays a small part of the heap.
 */
final class SessionHistory implements HistoryManager {

    /** This session's number in the entries. */
    static final int SESSION = 1;
    static final int KEPT = 10_000;
    static final int MAX_OUTPUT = 10_000;
    static final long MAX_CHARS = 2_000_000;

    private record Cell(int count, String input, String output) {
    }

    private final List<Cell> cells = new ArrayList<>();
    private long chars;

    /** Cell {@code count} ran {@code input} and showed {@code output} (null when it showed no value). */
    synchronized void record(int count, String input, String output) {
        String out = output == null ? "" : output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output;
        cells.add(new Cell(count, input, out));
        chars += input.length() + out.length();
        int drop = 0;
        while (drop < cells.size() - 1 && (cells.size() - drop > KEPT || chars > MAX_CHARS)) {
            Cell c = cells.get(drop++);
            chars -= c.input().length() + c.output().length();
        }
        cells.subList(0, drop).clear();
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int n = Math.max(0, Math.min(length, cells.size()));
        return entries(cells.subList(cells.size() - n, cells.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell,
                                                       Set<ResultFlag> flags) {
        if (sessionOffset != 0 && sessionOffset != SESSION) {
            return List.of();
        }
        List<Cell> in = new ArrayList<>();
        for (Cell c : cells) {
            if (c.count() >= startCell && (endCell <= 0 || c.count() < endCell)) {
                in.add(c);
            }
        }
        return entries(in, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Cell> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = cells.size() - 1; i >= 0 && (length <= 0 || found.size() < length); i--) {
            Cell c = cells.get(i);
            if (glob.matcher(c.input()).matches() && (!flags.contains(ResultFlag.UNIQUE) || seen.add(c.input()))) {
                found.add(0, c);
            }
        }
        return entries(found, flags);
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder("(?s)");
        for (char ch : glob.toCharArray()) {
            re.append(switch (ch) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(ch));
            });
        }
        return Pattern.compile(re.toString());
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return cells.stream().map(c -> output ? new HistoryEntry(SESSION, c.count(), c.input(), c.output())
                : new HistoryEntry(SESSION, c.count(), c.input())).toList();
    }
}
