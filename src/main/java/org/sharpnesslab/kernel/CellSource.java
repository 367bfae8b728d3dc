package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell's text cut into what the kernel runs in order: stretches of Java code, and line magics
 * ({@code %jars *.jar}) that stand alone on their line. Offsets stay those of the whole cell so errors can name
 * the user's own line.
 */
final class CellSource {

    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*%([A-Za-z_]\\w*)([^\\n]*)$", Pattern.MULTILINE);

    /**
     * One piece of a cell.
     *
     * @param magicName {@code null} for code, else the magic's name
     * @param text      the code, or the magic's argument text
     * @param offset    where the piece starts in the cell (chars)
     */
    record Part(String magicName, String text, int offset) {
        boolean isMagic() {
            return magicName != null;
        }
    }

    private static final Pattern CELL_MAGIC = Pattern.compile("\\A\\s*%%([A-Za-z_]\\w*)([^\\n]*)(\\n|\\z)");

    /**
     * A cell magic: the cell's first line {@code %%name args}, the rest of the cell its body.
     *
     * @param name       the magic's name
     * @param args       the rest of the first line, trimmed
     * @param bodyOffset where the body starts in the cell
     */
    record CellMagic(String name, String args, int bodyOffset) {
    }

    private CellSource() {
    }

    /** The cell magic {@code cell} starts with, or {@code null}. */
    static CellMagic cellMagic(String cell) {
        Matcher m = CELL_MAGIC.matcher(cell);
        return m.find() ? new CellMagic(m.group(1), m.group(2).trim(), m.end()) : null;
    }

    /** Cuts {@code cell} at lines {@code %name args} whose name {@code isMagic} accepts. */
    static List<Part> split(String cell, Predicate<String> isMagic) {
        List<Part> parts = new ArrayList<>();
        Matcher m = MAGIC_LINE.matcher(cell);
        int codeStart = 0;
        while (m.find()) {
            if (!isMagic.test(m.group(1))) {
                continue;
            }
            if (m.start() > codeStart) {
                parts.add(new Part(null, cell.substring(codeStart, m.start()), codeStart));
            }
            parts.add(new Part(m.group(1), m.group(2).trim(), m.start()));
            codeStart = m.end();
        }
        if (codeStart < cell.length()) {
            parts.add(new Part(null, cell.substring(codeStart), codeStart));
        }
        parts.removeIf(p -> !p.isMagic() && p.text().isBlank());
        return parts;
    }

    /** The cell with magic lines blanked out (same length, same line numbers). */
    static String codeOnly(String cell, Predicate<String> isMagic) {
        StringBuilder sb = new StringBuilder(cell);
        Matcher m = MAGIC_LINE.matcher(cell);
        while (m.find()) {
            if (isMagic.test(m.group(1))) {
                for (int i = m.start(); i < m.end(); i++) {
                    sb.setCharAt(i, ' ');
                }
            }
        }
        return sb.toString();
    }

    /** The 1-based line of character {@code offset} in {@code text}. */
    static int lineAt(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The text of 1-based line {@code line} of {@code text} (empty past the end). */
    static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].replace("\r", "") : "";
    }

    /** The 0-based column of {@code offset} within its line. */
    static int columnAt(String text, int offset) {
        int nl = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1));
        return offset - (nl + 1);
    }

    /**
     * Whether {@code snippet} is one call {@code display(...)} or {@code Notebook.display(...)}: its value (a
     * display id) is not shown as the cell's result, since the display itself is the output.
     */
    static boolean isBareDisplayCall(String snippet) {
        String s = snippet.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.startsWith("Notebook.")) {          // Notebook.display(...) is the same call, qualified
            s = s.substring("Notebook.".length()).strip();
        }
        if (!s.startsWith("display")) {
            return false;
        }
        int i = "display".length();
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '(') {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i == s.length() - 1;
                }
            }
        }
        return false;
    }
}
