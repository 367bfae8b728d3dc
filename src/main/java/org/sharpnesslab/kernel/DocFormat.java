package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doc comment as the inspect tooltip shows it: {@code text/plain} (tags spelled out, HTML removed) and
 * {@code text/html} (the comment's own HTML, inline tags as {@code <code>}, block tags as a definition list).
 */
final class DocFormat {

    private static final Pattern INLINE = Pattern.compile("\\{@(code|link|linkplain|literal|value)\\s*((?:[^{}]|\\{[^{}]*\\})*)\\}");
    private static final Pattern TAG = Pattern.compile("(?m)^@(\\w+)\\s+");

    private DocFormat() {
    }

    /** The comment as plain text. */
    static String text(String comment) {
        Parts p = split(comment);
        StringBuilder sb = new StringBuilder(plain(p.body));
        for (String[] tag : p.tags) {
            sb.append('\n').append(label(tag[0])).append(": ").append(plain(tag[1]));
        }
        return sb.toString().strip();
    }

    /** The comment as HTML. */
    static String html(String comment) {
        Parts p = split(comment);
        StringBuilder sb = new StringBuilder("<div>").append(inlineHtml(p.body)).append("</div>");
        if (!p.tags.isEmpty()) {
            sb.append("<dl>");
            for (String[] tag : p.tags) {
                sb.append("<dt>").append(label(tag[0])).append("</dt><dd>").append(inlineHtml(tag[1])).append("</dd>");
            }
            sb.append("</dl>");
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Parts(String body, List<String[]> tags) {
    }

    private static Parts split(String comment) {
        Matcher m = TAG.matcher(comment);
        List<String[]> tags = new ArrayList<>();
        int bodyEnd = comment.length();
        String name = null;
        int from = 0;
        while (m.find()) {
            if (name == null) {
                bodyEnd = m.start();
            } else {
                tags.add(new String[] {name, comment.substring(from, m.start()).strip()});
            }
            name = m.group(1);
            from = m.end();
        }
        if (name != null) {
            tags.add(new String[] {name, comment.substring(from).strip()});
        }
        return new Parts(comment.substring(0, bodyEnd).strip(), tags);
    }

    private static String label(String tag) {
        return switch (tag) {
            case "param" -> "Parameter";
            case "return" -> "Returns";
            case "throws", "exception" -> "Throws";
            case "see" -> "See";
            default -> tag;
        };
    }

    private static String plain(String s) {
        String t = INLINE.matcher(s).replaceAll(r -> Matcher.quoteReplacement(linkText(r.group(1), r.group(2))));
        t = t.replaceAll("(?i)<p>|<br/?>", "\n").replaceAll("(?i)<li>", "\n - ").replaceAll("<[^>]+>", "");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return t.replaceAll("[ \\t]+", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String inlineHtml(String s) {
        return INLINE.matcher(s).replaceAll(r -> Matcher.quoteReplacement(
                "<code>" + escape(linkText(r.group(1), r.group(2))) + "</code>"));
    }

    /** {@code {@link Foo#bar(int) label}} → label, else {@code Foo.bar(int)}. */
    private static String linkText(String kind, String body) {
        String b = body.strip();
        if (kind.startsWith("link") || kind.equals("value")) {
            int space = b.indexOf(' ');
            int paren = b.indexOf('(');
            if (space > 0 && (paren < 0 || space < paren || b.indexOf(')') < space)) {
                return b.substring(space + 1).strip();
            }
            return b.startsWith("#") ? b.substring(1) : b.replace('#', '.');
        }
        return b;
    }
}
