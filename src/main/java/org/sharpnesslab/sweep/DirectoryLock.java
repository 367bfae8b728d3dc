package org.sharpnesslab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lock of a results directory held by the runner writing into it, so that two runners never run the same cells:
 * one file per holder in {@code locks/}, named {@code <host>-<pid>-<n>.lock}, holding its host, pid, the process's
 * start time, its scope and when it was taken.
 *
 * <p>Runners of one <em>scope</em> share the directory: the array tasks of one Slurm submission (scope: the
 * submission's batch file), which run disjoint cells, on as many nodes as the cluster gives them. A runner of another
 * scope (a second {@code runIn} in this or another JVM, a resubmission while the first job still runs) is refused with
 * an {@link IllegalStateException} naming the holder: it does not wait (a Slurm task waiting would burn its
 * allocation; a notebook cell waiting would look hung).
 *
 * <p>A holder that is provably gone is taken over: its lock file names this host, and its pid is not alive or is
 * alive with another start time (a reused pid). A holder on another host is never taken over: a node cannot see
 * another node's processes, and a crashed node's lock says nothing about whether its process still writes. The
 * error says how to clear it (delete the named file once that process is known to be gone). Taking the lock is
 * write-then-check: a runner writes its own file, then reads every other; of two runners starting together the
 * one whose lock was taken first (its {@code since}, then the file name: one order that both see alike) runs and
 * the other refuses, so exactly one runs.
 */
final class DirectoryLock implements AutoCloseable {

    static final String LOCKS = "locks";
    private static final AtomicLong IDS = new AtomicLong();
    private static final String HOST = host();
    private static final long PID = ProcessHandle.current().pid();
    private static final String START = startOf(ProcessHandle.current());

    private final Path file;

    private DirectoryLock(Path file) {
        this.file = file;
    }

    /** This host's name as lock files write it. */
    static String thisHost() {
        return HOST;
    }

    /** The file of this holder. */
    Path file() {
        return file;
    }

    /**
     * Takes the lock of {@code dir} for {@code scope}.
     *
     * @throws IllegalStateException naming the holder, when a live (or not provably dead) runner of another scope holds
     *                               it
     */
    static DirectoryLock acquire(Path dir, String scope) {
        Path locks = dir.resolve(LOCKS);
        String name = HOST + "-" + PID + "-" + IDS.incrementAndGet() + ".lock";
        Path mine = locks.resolve(name);
        Path tmp = dir.resolve("tmp").resolve(name + ".tmp");
        Instant since = Instant.now();
        String text = "host=" + HOST + "\npid=" + PID + "\nstart=" + START + "\nscope=" + scope.replace('\n', ' ')
                + "\nsince=" + since + "\n";
        try {
            Files.createDirectories(locks);
            Files.createDirectories(tmp.getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, mine, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lock file " + mine + " of results directory " + dir, e);
        }
        DirectoryLock lock = new DirectoryLock(mine);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(locks, "*.lock")) {
            for (Path other : s) {
                if (other.equals(mine)) {
                    continue;
                }
                Map<String, String> h = read(other);
                if (h == null) {
                    continue;                      // released while we looked
                }
                if (scope.equals(h.get("scope"))) {
                    continue;                      // a task of the same submission
                }
                if (takenAfter(h, other, since, name)) {
                    continue;                      // it sees this lock first and refuses itself
                }
                if (provablyGone(h)) {
                    try {
                        Files.deleteIfExists(other);
                    } catch (IOException e) {
                        // left; it is stale and ignored by everyone on this host
                    }
                    continue;
                }
                lock.close();
                throw new IllegalStateException(describe(dir, other, h));
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot list the locks " + locks + " of results directory " + dir, e);
        }
        return lock;
    }

    /** Whether the lock {@code h} (file {@code other}) was taken after this one: its since, then its file name. */
    private static boolean takenAfter(Map<String, String> h, Path other, Instant since, String name) {
        Instant t;
        try {
            t = Instant.parse(h.getOrDefault("since", ""));
        } catch (java.time.format.DateTimeParseException e) {
            return false;                          // unreadable: treated as older, so it refuses us
        }
        int c = t.compareTo(since);
        return c > 0 || (c == 0 && other.getFileName().toString().compareTo(name) > 0);
    }

    static String describe(Path dir, Path file, Map<String, String> h) {
        boolean here = HOST.equals(h.get("host"));
        return "results directory " + dir + " is in use by process " + h.get("pid") + " on host " + h.get("host")
                + " (scope " + h.get("scope") + ", since " + h.get("since") + "): two runners would run the same "
                + "cells; wait until it ends (or stop it), then run again. "
                + (here ? "It is alive on this host."
                : "It runs on another host, where this one cannot see whether it is alive: if it is gone (a crashed "
                + "node, a killed job), delete " + file + " and run again.");
    }

    /** Whether the holder is a process of this host that is not alive, or a different process under its pid. */
    static boolean provablyGone(Map<String, String> h) {
        if (!HOST.equals(h.get("host"))) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(h.get("pid"));
        } catch (RuntimeException e) {
            return false;
        }
        if (pid == PID) {
            return !START.equals(h.get("start"));       // this JVM's own locks are never stale
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        String start = startOf(p.get());
        return !start.equals("?") && !"?".equals(h.get("start")) && !start.equals(h.get("start"));
    }

    /** The fields of a lock file, or null when it is gone. */
    static Map<String, String> read(Path f) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return m;
    }

    /** Releases the lock (idempotent). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a lock left behind by this process is stale as soon as it ends
        }
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString).orElse("?");
    }

    private static String host() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host.replaceAll("[^A-Za-z0-9.]", "_");
    }
}
