package org.sharpnesslab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import tech.tablesaw.api.Table;

/**
 * A sweep's results directory on disk. Layout:
 * <pre>
 * manifest.txt          which sweep wrote it: format, sweep_id (a hash of every cell id in order), experiment, cells
 * cells.txt             the sweep's cells, one per line: cell_id TAB seed=N TAB name=type:value ...
 * cells/*.txt           finished cells (ok or failed), one or more per file: written to tmp/ and renamed, never partial
 * trajectories/&lt;cell_id&gt;.csv   the cell's trajectory, when its outcome kept one (written before the cell file)
 * tmp/                  files being written (a killed writer may leave one behind; they are never read)
 * slurm/                job scripts, batches and logs of Slurm submissions
 * locks/                one file per runner writing now ({@link DirectoryLock}: host, pid, start time, scope)
 * </pre>
 * A file of cells/ is the commit point: a cell is finished exactly when a file there holds it, so a run killed at any
 * moment leaves only complete results, and the next run redoes only what is missing. Files are renamed, not synced: this
 * survives a killed process (kill -9, a Slurm time limit), not a crash of the machine's kernel.
 */
final class ResultsDirectory {

    static final String MANIFEST = "manifest.txt";
    static final String CELLS = "cells.txt";
    static final int FORMAT = 1;

    private static final AtomicLong TEMP_IDS = new AtomicLong();
    private static final String WRITER = writerId();

    private final Path dir;
    private final String sweepId;
    private final String experiment;
    private final List<Cell> cells;
    private final List<String> ids;

    private ResultsDirectory(Path dir, String sweepId, String experiment, List<Cell> cells, List<String> ids) {
        this.dir = dir;
        this.sweepId = sweepId;
        this.experiment = experiment;
        this.cells = cells;
        this.ids = ids;
    }

    Path dir() {
        return dir;
    }

    String sweepId() {
        return sweepId;
    }

    String experiment() {
        return experiment;
    }

    List<Cell> cells() {
        return cells;
    }

    /** The cells' ids, in the same order (computed once). */
    List<String> ids() {
        return ids;
    }

    /** The id of a sweep: the first 16 hex digits of SHA-256 over its cell ids in order. */
    static String sweepId(List<String> ids) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String id : ids) {
                md.update(id.getBytes(StandardCharsets.US_ASCII));
                md.update((byte) '\n');
            }
            byte[] h = md.digest();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", h[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Opens {@code dir} for writing the results of {@code cells} made by {@code experiment}: creates it (and its
     * manifest) when new or empty; otherwise checks that its manifest names the same sweep and experiment.
     *
     * @throws IllegalArgumentException naming the directory when it cannot be created or written, is a file, holds
     *                                  other files and no manifest, or was written by a different sweep
     */
    static ResultsDirectory create(Path dir, List<Cell> cells, String experiment) {
        if (dir == null) {
            throw new IllegalArgumentException("results directory must not be null");
        }
        dir = dir.toAbsolutePath().normalize();
        List<String> ids = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            ids.add(c.id());
        }
        String id = sweepId(ids);
        if (Files.exists(dir.resolve(MANIFEST))) {
            ResultsDirectory existing = open(dir);
            if (!existing.sweepId.equals(id) || !existing.experiment.equals(experiment)) {
                throw new IllegalArgumentException("results directory " + dir + " was written by a different sweep: "
                        + "it holds " + existing.cells.size() + " cells (sweep_id " + existing.sweepId + ") of "
                        + "experiment " + existing.experiment + ", this sweep has " + cells.size()
                        + " cells (sweep_id " + id + ") of experiment " + experiment
                        + "; use another directory (its results are kept)");
            }
            existing.checkWritable();
            return existing;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("results directory " + dir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("results directory " + dir + " cannot be created: " + e, e);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> others = s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(CELLS) && !n.equals("tmp") && !n.equals("cells")
                            && !n.equals(DirectoryLock.LOCKS)).sorted().toList();
            if (!others.isEmpty()) {
                throw new IllegalArgumentException("results directory " + dir + " is not empty and has no "
                        + MANIFEST + " (it holds " + others.subList(0, Math.min(5, others.size()))
                        + "): not a sweep's results directory; use a new or empty directory");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("results directory " + dir + " cannot be listed: " + e, e);
        }
        ResultsDirectory rd = new ResultsDirectory(dir, id, experiment, List.copyOf(cells), List.copyOf(ids));
        rd.checkWritable();
        StringBuilder cs = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            cs.append(ids.get(i)).append('\t').append(CellText.cell(cells.get(i))).append('\n');
        }
        rd.writeAtomically(dir.resolve(CELLS), cs.toString());
        rd.writeAtomically(dir.resolve(MANIFEST), "# sharpness-lab sweep results (written by Sweep.runIn or a Slurm "
                + "task; do not edit)\nformat=" + FORMAT + "\nsweep_id=" + id + "\nexperiment=" + experiment
                + "\ncells=" + cells.size() + "\n");
        return rd;
    }

    /** The directory {@link #create} would make, without touching the disk (for {@code Slurm.preview}). */
    static ResultsDirectory virtual(Path dir, List<Cell> cells, String experiment) {
        List<String> ids = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            ids.add(c.id());
        }
        return new ResultsDirectory(dir.toAbsolutePath().normalize(), sweepId(ids), experiment, List.copyOf(cells),
                List.copyOf(ids));
    }

    /**
     * Opens an existing results directory (its manifest and cell list).
     *
     * @throws IllegalArgumentException naming the directory when it has no manifest or a damaged one
     */
    static ResultsDirectory open(Path dir) {
        dir = dir.toAbsolutePath().normalize();
        Path mf = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(mf)) {
            throw new IllegalArgumentException("results directory " + dir + " has no " + MANIFEST
                    + ": not a sweep's results directory (or the sweep never started)");
        }
        try {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(mf, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!String.valueOf(FORMAT).equals(m.get("format"))) {
                throw new IllegalArgumentException("results directory " + dir + ": manifest format "
                        + m.get("format") + " is not " + FORMAT);
            }
            List<Cell> cells = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(CELLS), StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    ids.add(line.substring(0, tab));
                    cells.add(CellText.parseCell(line.substring(tab + 1)));
                }
            }
            String id = m.get("sweep_id");
            if (cells.size() != Integer.parseInt(m.getOrDefault("cells", "-1")) || !sweepId(ids).equals(id)
                    || !cells.get(0).id().equals(ids.get(0))) {
                throw new IllegalArgumentException("results directory " + dir + ": " + CELLS
                        + " does not match " + MANIFEST + " (damaged?)");
            }
            return new ResultsDirectory(dir, id, m.getOrDefault("experiment", "?"), List.copyOf(cells),
                    List.copyOf(ids));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results directory " + dir, e);
        }
    }

    private void checkWritable() {
        Path probe = null;
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("cells"));
            probe = Files.createTempFile(dir.resolve("tmp"), WRITER + "-probe-", ".tmp");
        } catch (IOException e) {
            throw new IllegalArgumentException("results directory " + dir + " is not writable: " + e, e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the probe stays in tmp/, which is never read
                }
            }
        }
        removeStaleTemporaries();
    }

    /** Deletes files in tmp/ left by writers on this host that are no longer alive (a killed run). */
    private void removeStaleTemporaries() {
        String host = WRITER.substring(0, WRITER.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.resolve("tmp"))) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.startsWith(host)) {
                    continue;
                }
                int end = n.indexOf('-', host.length());
                try {
                    long pid = Long.parseLong(n.substring(host.length(), end));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(p);
                    }
                } catch (RuntimeException | IOException ignored) {
                    // not one of ours, or gone already
                }
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** Writes {@code text} to {@code target} through a temporary file in tmp/ and an atomic rename. */
    void writeAtomically(Path target, String text) {
        Path tmp = temporary(target);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw failure(target, tmp, e);
        }
    }

    /**
     * A failure of the file system (disk full, read-only, removed directory) naming the file, the directory and the
     * usable space left: the writers' own exceptions (univocity's {@code TextWritingException ... recordCount=101})
     * name neither.
     */
    UncheckedIOException failure(Path target, Path tmp, Exception e) {
        String space;
        try {
            space = Files.getFileStore(dir).getUsableSpace() + " bytes usable on its file system";
        } catch (IOException | RuntimeException ignored) {
            space = "usable space unknown";
        }
        String msg = "cannot write " + target + " (through " + tmp + ") in results directory " + dir + " (" + space
                + "): " + e;
        IOException io = e instanceof IOException i ? i
                : e.getCause() instanceof IOException i ? i : new IOException(e.toString(), e);
        return new UncheckedIOException(msg, io);
    }

    private Path temporary(Path target) {
        return dir.resolve("tmp").resolve(WRITER + "-" + TEMP_IDS.incrementAndGet() + "-" + target.getFileName());
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // tmp/ is never read
        }
    }

    Path trajectoryFile(String cellId) {
        return dir.resolve("trajectories").resolve(cellId + ".csv");
    }

    /**
     * Writes finished cells: each one's trajectory first (if any), then one file in cells/ holding all of them
     * (the commit point: renamed into place, so it is there complete or not at all).
     */
    void write(List<CellRecord> rs) {
        if (rs.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (CellRecord r : rs) {
            boolean traj = r.ok() && r.outcome().trajectory() != null;
            if (traj) {
                String id = r.cell().id();
                Path target = trajectoryFile(id);
                Path tmp = temporary(target);
                try {
                    Files.createDirectories(target.getParent());
                    r.outcome().trajectory().write().csv(tmp.toFile());
                    move(tmp, target);
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(tmp);
                    throw failure(target, tmp, e);
                }
            }
            CellText.record(r, traj, text);
        }
        String name = rs.get(0).cell().id() + "-" + WRITER + "-" + TEMP_IDS.incrementAndGet() + ".txt";
        writeAtomically(dir.resolve("cells").resolve(name), text.toString());
    }

    /**
     * Every finished cell of the directory by id. A cell written more than once (a failed cell run again, two
     * submissions racing) counts once: an ok record wins over a failed one.
     */
    Map<String, CellRecord> finished() {
        Map<String, CellRecord> out = new java.util.HashMap<>();
        Path cellsDir = dir.resolve("cells");
        if (!Files.isDirectory(cellsDir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(cellsDir, "*.txt")) {
            for (Path f : s) {
                for (CellRecord r : parse(f)) {
                    CellRecord before = out.get(r.cell().id());
                    if (before == null || (!before.ok() && r.ok())) {
                        out.put(r.cell().id(), r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + cellsDir, e);
        }
        return out;
    }

    /** The records of one file of cells/. */
    static List<CellRecord> parse(Path f) {
        try {
            return CellText.records(Files.readAllLines(f, StandardCharsets.UTF_8), f.toString());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Every finished cell of this sweep, in the sweep's order. */
    List<CellRecord> readAll() {
        return inOrder(finished());
    }

    /** The records of {@code done} (by cell id) in the sweep's order. */
    List<CellRecord> inOrder(Map<String, CellRecord> done) {
        List<CellRecord> out = new ArrayList<>();
        for (String id : ids) {
            CellRecord r = done.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The trajectory kept for a cell, or {@code null}. */
    Table trajectory(String cellId) {
        Path f = trajectoryFile(cellId);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        return Table.read().csv(f.toFile()).setName("trajectory " + cellId);
    }

    private static String writerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        host = host.replaceAll("[^A-Za-z0-9.]", "_");
        long pid = ProcessHandle.current().pid();
        return host + "-" + pid;
    }
}
