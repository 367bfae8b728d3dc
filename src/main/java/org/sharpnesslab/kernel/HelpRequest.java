package org.sharpnesslab.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * IPython's help syntax, a cell that is only a name with a question mark: {@code Math.max?} or {@code ?Math.max}
 * ({@code ??} asks for more detail). No Java code has that form. The kernel answers with what inspect (Shift+Tab)
 * shows for the name — its signatures and Javadoc — as the {@code page} payload of the execute reply, which a
 * front end shows in its pager (JupyterLab and Notebook below the cell, the console in a pager), and no
 * {@code execute_result}.
 *
 * @param subject the dotted name asked about, e.g. {@code Math.max}
 * @param detail  whether it was asked with {@code ??}
 */
record HelpRequest(String subject, boolean detail) {

    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern SYNTAX = Pattern.compile(
            "(\\?{1,2})?\\s*(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*)\\s*(\\?{1,2})?");

    /** The help request {@code cell} is, or empty when it is code. */
    static Optional<HelpRequest> parse(String cell) {
        Matcher m = SYNTAX.matcher(cell.strip());
        if (!m.matches() || (m.group(1) == null) == (m.group(3) == null)) {
            return Optional.empty();
        }
        String marks = m.group(1) != null ? m.group(1) : m.group(3);
        return Optional.of(new HelpRequest(m.group(2), marks.length() == 2));
    }

    /**
     * The execute reply's payload entry that shows {@code doc} in the pager:
     * {@code {"source": "page", "data": {mime: text}, "start": 0}} with the {@code text/plain} and {@code text/html}
     * of {@code doc} (not modified).
     */
    static Map<String, Object> page(DisplayData doc) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (MIMEType type : new MIMEType[] {MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML}) {
            if (doc.hasDataForType(type)) {
                data.put(type.toString(), doc.getData(type));
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("source", "page");
        payload.put("data", data);
        payload.put("start", 0);
        return payload;
    }

    /** What the cell prints when nothing is known about the name. */
    String notFound() {
        return "No documentation found for " + subject + "\n";
    }
}
