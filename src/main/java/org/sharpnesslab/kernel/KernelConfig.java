package org.sharpnesslab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

/**
 * What the kernel's JShell starts with, read from IJava's environment variables so IJava users keep their
 * settings:
 * <ul>
 *   <li>{@code IJAVA_CLASSPATH}: extra class-path entries (glob patterns allowed), separated by the platform's
 *       path separator, added to compile and run class path;</li>
 *   <li>{@code IJAVA_COMPILER_OPTS}: options for the JShell compiler, split at blanks, double quotes group;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPTS_PATH}: files (globs, path-separated) whose code runs after the imports;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPT}: code that runs last at start-up;</li>
 *   <li>{@code IJAVA_TIMEOUT}: time limit of one top-level statement, in milliseconds, or {@code "30 SECONDS"}
 *       with a {@link TimeUnit} name; below 1 means none.</li>
 * </ul>
 *
 * @param classpath       class-path entries or glob patterns, unresolved
 * @param compilerOptions JShell compiler options
 * @param startupScripts  code run in order after the built-in imports (file contents, then the inline script)
 * @param timeoutMillis   per-statement time limit in ms, 0 for none; must be &ge; 0
 */
public record KernelConfig(List<String> classpath, List<String> compilerOptions, List<String> startupScripts,
                           long timeoutMillis) {

    public static final String CLASSPATH = "IJAVA_CLASSPATH";
    public static final String COMPILER_OPTS = "IJAVA_COMPILER_OPTS";
    public static final String STARTUP_SCRIPTS_PATH = "IJAVA_STARTUP_SCRIPTS_PATH";
    public static final String STARTUP_SCRIPT = "IJAVA_STARTUP_SCRIPT";
    public static final String TIMEOUT = "IJAVA_TIMEOUT";

    private static final Pattern PATH_SPLIT = Pattern.compile(Pattern.quote(File.pathSeparator));

    public KernelConfig {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis must be >= 0 (0 = no limit), got " + timeoutMillis);
        }
        classpath = List.copyOf(classpath);
        compilerOptions = List.copyOf(compilerOptions);
        startupScripts = List.copyOf(startupScripts);
    }

    /** Nothing extra: no class path, options, scripts or timeout. */
    public static KernelConfig defaults() {
        return new KernelConfig(List.of(), List.of(), List.of(), 0);
    }

    /** The same configuration with another per-statement time limit (ms, 0 for none). */
    public KernelConfig withTimeoutMillis(long millis) {
        return new KernelConfig(classpath, compilerOptions, startupScripts, millis);
    }

    /**
     * Reads the IJava variables from {@code env} (usually {@link System#getenv()}).
     *
     * @throws IllegalArgumentException when {@code IJAVA_TIMEOUT} cannot be parsed or a start-up script file
     *                                  cannot be read
     */
    public static KernelConfig fromEnvironment(Map<String, String> env) {
        List<String> cp = new ArrayList<>();
        String rawCp = env.get(CLASSPATH);
        if (rawCp != null) {
            for (String entry : PATH_SPLIT.split(rawCp)) {
                if (!entry.isBlank()) {
                    cp.add(entry.trim());
                }
            }
        }
        List<String> scripts = new ArrayList<>();
        String paths = env.get(STARTUP_SCRIPTS_PATH);
        if (paths != null) {
            for (String glob : PATH_SPLIT.split(paths)) {
                if (glob.isBlank()) {
                    continue;
                }
                for (Path p : resolve(glob.trim(), true)) {
                    try {
                        scripts.add(Files.readString(p, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(STARTUP_SCRIPTS_PATH + ": cannot read " + p + ": " + e, e);
                    }
                }
            }
        }
        String inline = env.get(STARTUP_SCRIPT);
        if (inline != null && !inline.isBlank()) {
            scripts.add(inline);
        }
        return new KernelConfig(cp, splitOptions(env.getOrDefault(COMPILER_OPTS, "")), scripts,
                parseTimeout(env.get(TIMEOUT)));
    }

    /**
     * Parses IJava's timeout syntax: {@code "5000"} (ms) or {@code "30 SECONDS"}; blank or below 1 → 0 (none).
     *
     * @throws IllegalArgumentException naming {@code IJAVA_TIMEOUT} and the value when it does not parse
     */
    public static long parseTimeout(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        String[] parts = raw.trim().split("\\s+");
        try {
            long n = Long.parseLong(parts[0]);
            TimeUnit unit = parts.length > 1 ? TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT)) : TimeUnit.MILLISECONDS;
            if (parts.length > 2) {
                throw new IllegalArgumentException("too many words");
            }
            return n < 1 ? 0 : Math.max(1, unit.toMillis(n));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TIMEOUT + " must be a number of milliseconds or '<n> <TimeUnit>'"
                    + " (e.g. '30 SECONDS'), got '" + raw + "'", e);
        }
    }

    /** Splits compiler options at blanks; double quotes group words, backslash escapes a quote. */
    public static List<String> splitOptions(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Files (or files and directories) matching a glob; a plain path that exists matches itself. */
    static List<Path> resolve(String glob, boolean filesOnly) {
        List<Path> out = new ArrayList<>();
        try {
            GlobFinder finder = new GlobFinder(glob);
            for (Path p : filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                out.add(p.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve '" + glob + "': " + e, e);
        }
        return out;
    }
}
