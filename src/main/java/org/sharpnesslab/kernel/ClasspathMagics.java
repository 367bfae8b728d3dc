package org.sharpnesslab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IJava's class-path line magics: {@code %jars lib/*.jar} adds the jar files a glob matches,
 * {@code %classpath build/classes lib/*} adds files and directories; both to the compile and the run class path.
 * A pattern that matches nothing is an error (IJava ignores it silently).
 */
public final class ClasspathMagics {

    private final Consumer<String> addToClasspath;

    public ClasspathMagics(Consumer<String> addToClasspath) {
        this.addToClasspath = addToClasspath;
    }

    /** {@code %jars glob...}: jar files. Returns the absolute paths added. */
    public List<String> jars(List<String> args) {
        return add(args, true, "jars");
    }

    /** {@code %classpath glob...}: files and directories. Returns the absolute paths added. */
    public List<String> classpath(List<String> args) {
        return add(args, false, "classpath");
    }

    private List<String> add(List<String> globs, boolean filesOnly, String name) {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("%" + name + " needs at least one path or glob pattern");
        }
        List<String> added = new ArrayList<>();
        for (String glob : globs) {
            List<Path> paths = KernelConfig.resolve(glob, filesOnly);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("%" + name + ": nothing matches '" + glob + "'");
            }
            for (Path p : paths) {
                addToClasspath.accept(p.toString());
                added.add(p.toString());
            }
        }
        return added;
    }
}
