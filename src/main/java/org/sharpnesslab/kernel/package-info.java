/**
 * The sharpness-lab Jupyter kernel: Java cells run by JShell inside the kernel's own JVM, on
 * jupyter-jvm-basekernel 2.3.0, compatible with IJava's variables and magics.
 *
 * <h2>Starting it</h2>
 * Kernelspec {@code sharpness-java}:
 * <pre>
 * {"argv": ["java", "-Djava.security.manager=allow", "-Djava.awt.headless=true",
 *           "-jar", "/abs/path/sharpness-lab-0.1.0-SNAPSHOT-kernel.jar", "{connection_file}"],
 *  "display_name": "Java (sharpness-lab)", "language": "java", "interrupt_mode": "message"}
 * </pre>
 * {@code -Djava.security.manager=allow} only for JDK 18–23 (there it lets {@link org.sharpnesslab.kernel.ExitGuard}
 * block {@code System.exit}; on 17 it is not needed (a deprecation warning goes to the kernel log either way); JDK 24+ refuses to start with it — there the kernel
 * reports an exit instead of blocking it). Heap options ({@code -Xmx8g}) go before {@code -jar}.
 *
 * <h2>What a cell gets</h2>
 * <ul>
 *   <li>imports: {@code java.util.*}, {@code java.util.stream.*}, {@code java.util.function.*}, {@code java.io.*},
 *       {@code java.math.*}, {@code java.util.concurrent.*}, {@code tech.tablesaw.api.*}, {@code org.knowm.xchart.*},
 *       {@code org.knowm.xchart.style.*}, every existing {@code org.sharpnesslab.X.*} (uv, nn, dynamics, spectrum,
 *       data, plot, notebook, experiment), and {@code display(...)}/{@code updateDisplay(...)} (static imports of
 *       {@link org.sharpnesslab.notebook.Notebook});</li>
 *   <li>the last expression's value rendered by {@link org.sharpnesslab.notebook.Renderers} (a bare
 *       {@code display(x)} shows {@code x}, not its id);</li>
 *   <li>stdout/stderr streamed; errors with the cell and line ({@code cell [3], line 2});</li>
 *   <li>interrupt (stops even {@code while (true) {}}), {@code IJAVA_TIMEOUT} per statement;</li>
 *   <li>line magics {@code %jars glob...}, {@code %classpath glob...}, {@code %maven g:a:v...} (Maven Resolver:
 *       Maven Central and {@code ~/.m2}, with dependencies), {@code %load file.jsh}, {@code %time statement},
 *       {@code %release [name...]} (frees the unnamed results {@code $n}, or sets the variables named to null),
 *       {@code %lsmagic}; the cell magic {@code %%time};
 *       an unknown magic is an error that lists the known ones;</li>
 *   <li>inspect (Shift+Tab) on the name at or before the cursor: its signatures and its Javadoc (the library's
 *       sources ship in the jar under {@code META-INF/sharpness-lab/sources}), as text and HTML; the same in the
 *       pager for a cell {@code Math.max?} or {@code ?Math.max} (IPython's help syntax, a {@code page} payload);
 *       completion, {@code is_complete} ({@code invalid} for a syntax error), history (tail, range, search),
 *       {@code clear_output} ({@code Notebook.clear()});</li>
 *   <li>every reply as the messaging spec 5.3 has it ({@code status} included, which basekernel 2.3.0 omits in
 *       kernel_info, shutdown, interrupt, history and comm_info replies);</li>
 *   <li>a long session's memory stays flat: the value of a redefined variable is released, the unnamed results
 *       of the last {@value org.sharpnesslab.kernel.JShellSession#KEPT_RESULT_CELLS} cells are kept, JShell forgets
 *       the snippets that cannot run again and their classes, the compiler's cache is renewed now and then, the
 *       history, error origins and renderer registrations are bounded.</li>
 * </ul>
 * Environment: {@code IJAVA_CLASSPATH}, {@code IJAVA_COMPILER_OPTS}, {@code IJAVA_STARTUP_SCRIPTS_PATH},
 * {@code IJAVA_STARTUP_SCRIPT}, {@code IJAVA_TIMEOUT} (see {@link org.sharpnesslab.kernel.KernelConfig}).
 */
package org.sharpnesslab.kernel;
