package org.sharpnesslab.notebook;

import java.util.Objects;

/**
 * Markdown text to be shown rendered in a notebook ({@code text/markdown}; {@code text/plain} elsewhere):
 * {@code display(Markdown.of("**λ** crosses $2/\\eta$"))}.
 *
 * @param text the markdown source
 */
public record Markdown(String text) {
    public Markdown {
        Objects.requireNonNull(text, "text");
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
