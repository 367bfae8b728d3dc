/**
 * What a notebook shows: renderers from {@code Table} to HTML and text and from XChart charts to PNG/SVG
 * ({@link org.sharpnesslab.notebook.Renderers}), {@link org.sharpnesslab.notebook.Notebook#display} and
 * {@code updateDisplay}, HTML progress bars bound to {@code task.Progress}, Markdown and LaTeX output, and the
 * registration with this project's kernel or with an IJava/JJava kernel found at run time.
 */
package org.sharpnesslab.notebook;
