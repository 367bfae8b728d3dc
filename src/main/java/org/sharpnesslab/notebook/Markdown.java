package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Check;

/**
 * Markdown text to be shown rendered in a notebook ({@code text/markdown}; {@code text/plain} elsewhere):
 * {@code display(Markdown.of("**λ** crosses $2/\\eta$"))}.
 *
 * @param text the markdown source
 */
public record Markdown(String text) {
    public Markdown {
        Check.notNull("text", text);
    }

    /** Markdown with the given source. */
    public static Markdown of(String text) {
        return new Markdown(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
