package org.sharpnesslab.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kernel's magics: IJava's {@code %jars}, {@code %classpath}, {@code %maven} and {@code %load}, timing
 * ({@code %time} for a line, {@code %%time} for a cell, IPython's names), {@code %release} for the values JShell
 * keeps, and {@code %lsmagic}.
 */
final class KernelMagics {

    /** Runs the code (and line magics) of {@code cell} from offset {@code from} on, as the kernel runs a cell. */
    @FunctionalInterface
    interface CellRunner {
        JShellSession.Result run(String cell, int from, String label) throws Exception;
    }

    private KernelMagics() {
    }

    static void register(Magics magics, JShellSession session, CellRunner cells) {
        ClasspathMagics cp = new ClasspathMagics(session::addToClasspath);
        MavenMagic maven = new MavenMagic(session::addToClasspath);
        magics.line("jars", "%jars glob...            add jar files to the class path (e.g. %jars lib/*.jar)",
                        (args, cell, at, label) -> {
                            cp.jars(KernelConfig.splitOptions(args));
                            return JShellSession.Result.NONE;
                        })
                .line("classpath", "%classpath glob...       add jars and directories to the class path",
                        (args, cell, at, label) -> {
                            cp.classpath(KernelConfig.splitOptions(args));
                            return JShellSession.Result.NONE;
                        })
                .line("maven", "%maven g:a:v...          resolve artifacts with their dependencies (Maven Central,"
                                + " ~/.m2) onto the class path",
                        (args, cell, at, label) -> {
                            List<String> jars = maven.resolve(KernelConfig.splitOptions(args));
                            System.out.println("%maven: added " + jars.size() + " jar(s) to the class path"
                                    + jars.stream().map(j -> "\n  " + Path.of(j).getFileName())
                                    .collect(Collectors.joining()));
                            return JShellSession.Result.NONE;
                        })
                .line("load", "%load file.jsh           run the Java code of a file (as if it were this line)",
                        (args, cell, at, label) -> load(args, cells))
                .line("time", "%time statement          run the rest of the line and print its wall time",
                        (args, cell, at, label) -> timed(() -> session.evaluate(args, 0, args.length(), label)))
                .line("release", "%release [name...]       free the unnamed results $1, $2, ... (the last "
                                + JShellSession.KEPT_RESULT_CELLS + " cells' are kept) and the compiler's cache;"
                                + " with names, set those variables to null so their values can be freed",
                        (args, cell, at, label) -> release(session, KernelConfig.splitOptions(args), label))
                .line("lsmagic", "%lsmagic                 list the magics",
                        (args, cell, at, label) -> {
                            System.out.print(magics.list());
                            return JShellSession.Result.NONE;
                        })
                .cell("time", "%%time                   run the cell and print its wall time",
                        (args, cell, body, label) -> timed(() -> cells.run(cell, body, label)));
    }

    private static JShellSession.Result release(JShellSession session, List<String> names, String label)
            throws Exception {
        if (names.isEmpty()) {
            System.out.println("%release: released " + session.release() + " unnamed result(s)");
        } else {
            session.release(names, label);
            System.out.println("%release: set " + String.join(", ", names) + " to null");
        }
        return JShellSession.Result.NONE;
    }

    private static JShellSession.Result load(String args, CellRunner cells) throws Exception {
        List<String> files = KernelConfig.splitOptions(args);
        if (files.size() != 1) {
            throw new IllegalArgumentException("%load takes one file, e.g. %load setup.jsh, got '" + args + "'");
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: no file " + file.toAbsolutePath());
        }
        String code = Files.readString(file, StandardCharsets.UTF_8);
        return cells.run(code, 0, file.getFileName().toString());
    }

    /** A piece of work that gives a cell result. */
    private interface Work {
        JShellSession.Result run() throws Exception;
    }

    private static JShellSession.Result timed(Work work) throws Exception {
        long t0 = System.nanoTime();
        try {
            return work.run();
        } finally {
            System.out.println("Wall time: " + formatDuration(System.nanoTime() - t0));
        }
    }

    /** {@code 850 µs}, {@code 12.3 ms}, {@code 4.56 s}, {@code 2 min 5 s}. */
    static String formatDuration(long nanos) {
        if (nanos < 1_000_000) {
            return (nanos / 1000) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long s = Math.round(nanos / 1e9);
        return (s / 60) + " min " + (s % 60) + " s";
    }

}
