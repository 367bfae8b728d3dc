package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Check;

/**
 * A LaTeX formula to be typeset in a notebook ({@code text/latex}; {@code text/plain} elsewhere), e.g.
 * {@code Latex.of("$\\lambda_{t+1} = \\lambda_t (1 - \\eta \\Delta f)$")}. Jupyter typesets the text with
 * MathJax, so it should carry its own {@code $...$} delimiters.
 *
 * @param text the LaTeX source
 */
public record Latex(String text) {
    public Latex {
        Check.notNull("text", text);
    }

    /** LaTeX with the given source. */
    public static Latex of(String text) {
        return new Latex(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
