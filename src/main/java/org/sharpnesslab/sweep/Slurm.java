package org.sharpnesslab.sweep;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.sharpnesslab.task.Check;

/**
 * Options of a Slurm submission, and the submission itself: a sweep becomes one job array
 * ({@code #SBATCH --array=0-N%M}) whose tasks each run several cells through {@link SweepMain}
 * ({@code java -cp <class path> org.sharpnesslab.sweep.SweepMain run-task DIR TASK BATCH}) into the same
 * results directory as {@link Sweep#runIn}, so the results are collected into the same table and a resubmission
 * runs only the missing and failed cells.
 *
 * <pre>{@code
 * Slurm opts = Slurm.options().partition("cpu").time("01:00:00").memory("4G").cpusPerTask(4).maxConcurrent(20);
 * SlurmJob job = sweep.submit(Path.of("/shared/results/uv-grid"), new MyExperiment(), opts);
 * job.follow();                  // progress bar from squeue and the results directory
 * Table t = job.table();         // the same table as sweep.runIn(...)
 * job.resubmit();                // only missing or failed cells
 * }</pre>
 *
 * <p>Set-up assumed: the notebook (or program) runs on a login node with {@code sbatch}, {@code squeue} on the
 * PATH; the results directory and the class path (the library jar and the experiment's classes) are on a file
 * system the compute nodes share; the nodes have the same Java. Every option is immutable; each setter returns a
 * new {@code Slurm}.
 *
 * @param partition     {@code --partition}, or null
 * @param account       {@code --account}, or null
 * @param time          {@code --time} (e.g. {@code "01:00:00"}), or null
 * @param memory        {@code --mem} (e.g. {@code "4G"}), or null
 * @param cpusPerTask   {@code --cpus-per-task}, ≥ 1; also the threads each task runs its cells on
 * @param maxConcurrent the {@code %M} of {@code --array}: at most M tasks at once, 0 = no limit
 * @param cellsPerTask  cells per array task, 0 = automatic (so that there are at most {@code maxTasks} tasks)
 * @param maxTasks      the largest array when {@code cellsPerTask} is automatic, ≥ 1
 * @param extra         extra {@code #SBATCH} lines (e.g. {@code "--qos=short"}), written as given
 * @param jobName       {@code --job-name}
 * @param java          the java launcher on the nodes
 * @param jvmOptions    JVM options of the tasks (e.g. {@code "-Xmx3g"})
 * @param classpath     the class path of the tasks (default: this JVM's)
 * @param sbatch        the sbatch command (default {@code "sbatch"} from the PATH)
 */
public record Slurm(String partition, String account, String time, String memory, int cpusPerTask,
                    int maxConcurrent, int cellsPerTask, int maxTasks, List<String> extra, String jobName,
                    String java, List<String> jvmOptions, String classpath, String sbatch) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=@%/+-]+");

    public Slurm {
        partition = word("partition", partition);
        account = word("account", account);
        time = word("time", time);
        memory = word("memory", memory);
        jobName = word("jobName", jobName);
        if (cpusPerTask < 1) {
            throw new IllegalArgumentException("cpusPerTask must be >= 1, got " + cpusPerTask);
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 0 (0 = no limit), got " + maxConcurrent);
        }
        if (cellsPerTask < 0) {
            throw new IllegalArgumentException("cellsPerTask must be >= 0 (0 = automatic), got " + cellsPerTask);
        }
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be >= 1, got " + maxTasks);
        }
        extra = List.copyOf(extra == null ? List.of() : extra);
        for (String e : extra) {
            if (e.contains("\n") || e.contains("\r")) {
                throw new IllegalArgumentException("an extra #SBATCH line must be one line, got '" + e + "'");
            }
        }
        jvmOptions = List.copyOf(jvmOptions == null ? List.of() : jvmOptions);
        if (java == null || java.isBlank()) {
            throw new IllegalArgumentException("java must name the java launcher, got '" + java + "'");
        }
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("classpath must not be empty");
        }
        if (sbatch == null || sbatch.isBlank()) {
            throw new IllegalArgumentException("sbatch must name the sbatch command, got '" + sbatch + "'");
        }
    }

    private static String word(String name, String v) {
        if (v != null && !SAFE.matcher(v).matches()) {
            throw new IllegalArgumentException(name + " must be one word of [A-Za-z0-9_.:,=@%/+-], got '" + v + "'");
        }
        return v;
    }

    /** The defaults: 1 CPU per task, no partition/account/time/memory (the cluster's defaults), this JVM's java and class path. */
    public static Slurm options() {
        return new Slurm(null, null, null, null, 1, 0, 0, 1000, List.of(), "sweep",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of(),
                System.getProperty("java.class.path"), "sbatch");
    }

    /** {@code --partition}, or null for the cluster's default. */
    public Slurm partition(String p) {
        return with(k -> k.partition = p);
    }

    /** {@code --account}, or null for the cluster's default. */
    public Slurm account(String a) {
        return with(k -> k.account = a);
    }

    /** {@code --time} (e.g. {@code "01:00:00"}), or null for the cluster's default. */
    public Slurm time(String t) {
        return with(k -> k.time = t);
    }

    /** {@code --mem} (e.g. {@code "4G"}), or null for the cluster's default. */
    public Slurm memory(String m) {
        return with(k -> k.memory = m);
    }

    /** {@code --cpus-per-task} (≥ 1), also the threads each task runs its cells on. */
    public Slurm cpusPerTask(int c) {
        return with(k -> k.cpusPerTask = c);
    }

    /** At most {@code m} array tasks at once (the {@code %M} of {@code --array}); 0 = no limit. */
    public Slurm maxConcurrent(int m) {
        return with(k -> k.maxConcurrent = m);
    }

    /** Cells per array task; 0 = automatic (at most {@link #maxTasks} tasks). */
    public Slurm cellsPerTask(int n) {
        return with(k -> k.cellsPerTask = n);
    }

    /** The largest array when {@link #cellsPerTask} is automatic (≥ 1). */
    public Slurm maxTasks(int n) {
        return with(k -> k.maxTasks = n);
    }

    /** One more {@code #SBATCH} line, e.g. {@code extra("--qos=short")} or {@code extra("--constraint=avx2")}. */
    public Slurm extra(String line) {
        return with(k -> {
            k.extra = new ArrayList<>(k.extra);
            k.extra.add(line);
        });
    }

    /** {@code --job-name}. */
    public Slurm jobName(String n) {
        return with(k -> k.jobName = n);
    }

    /** The java launcher on the nodes. */
    public Slurm java(String j) {
        return with(k -> k.java = j);
    }

    /** The JVM options of the tasks (e.g. {@code "-Xmx3g"}), replacing any given before. */
    public Slurm jvmOptions(String... opts) {
        return with(k -> k.jvmOptions = List.of(opts));
    }

    /** The class path of the tasks (default: this JVM's). */
    public Slurm classpath(String cp) {
        return with(k -> k.classpath = cp);
    }

    /** The sbatch command (default {@code "sbatch"} from the PATH). */
    public Slurm sbatch(String command) {
        return with(k -> k.sbatch = command);
    }

    /** These options with the fields {@code edit} changes, validated again: the one copy helper of the setters. */
    private Slurm with(Consumer<Knobs> edit) {
        Knobs k = new Knobs(this);
        edit.accept(k);
        return new Slurm(k.partition, k.account, k.time, k.memory, k.cpusPerTask, k.maxConcurrent, k.cellsPerTask,
                k.maxTasks, k.extra, k.jobName, k.java, k.jvmOptions, k.classpath, k.sbatch);
    }

    /** The mutable copy {@link #with} edits; its fields are the record's components. */
    private static final class Knobs {
        String partition;
        String account;
        String time;
        String memory;
        int cpusPerTask;
        int maxConcurrent;
        int cellsPerTask;
        int maxTasks;
        List<String> extra;
        String jobName;
        String java;
        List<String> jvmOptions;
        String classpath;
        String sbatch;

        Knobs(Slurm s) {
            partition = s.partition;
            account = s.account;
            time = s.time;
            memory = s.memory;
            cpusPerTask = s.cpusPerTask;
            maxConcurrent = s.maxConcurrent;
            cellsPerTask = s.cellsPerTask;
            maxTasks = s.maxTasks;
            extra = s.extra;
            jobName = s.jobName;
            java = s.java;
            jvmOptions = s.jvmOptions;
            classpath = s.classpath;
            sbatch = s.sbatch;
        }
    }

    /**
     * Whether a Slurm cluster can take a submission from here: {@code sbatch} and {@code squeue} are on the PATH
     * and a controller answers ({@code squeue -h} succeeds within 30 s).
     */
    public static boolean reachable() {
        if (!available("sbatch") || !available("squeue")) {
            return false;
        }
        try {
            return exec(new ProcessBuilder("squeue", "-h"), 30).code() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether {@code command} (a name looked up on the PATH, or a path) is an executable here. */
    public static boolean available(String command) {
        Check.notNull("command", command);
        return resolve(command) != null;
    }

    static Path resolve(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(Pattern.quote(File.pathSeparator))) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Submits the cells of {@code sweep} not yet finished ok in {@code dir} (see {@link Sweep#submit}).
     *
     * @throws IllegalStateException    when sbatch is not found (nothing is written) or refuses the job
     * @throws IllegalArgumentException when the experiment cannot be made by name in a task (a lambda, a class
     *                                  defined in a notebook cell, no public no-argument constructor), or for the
     *                                  errors of {@link Sweep#runIn} (directory, parameters)
     */
    static SlurmJob submit(Sweep sweep, Path dir, Experiment experiment, Slurm o) {
        if (sweep == null || experiment == null || o == null) {
            throw new IllegalArgumentException("sweep, experiment and options must not be null");
        }
        Path sb = resolve(o.sbatch());
        if (sb == null) {
            throw new IllegalStateException("sbatch not found: '" + o.sbatch() + "' is not an executable on the PATH ("
                    + System.getenv("PATH") + "). Slurm submission needs a cluster's login node; run the sweep "
                    + "here with sweep.runIn(dir, experiment) instead. Nothing was written.");
        }
        String cls = checkLoadable(experiment);
        List<Cell> cells = sweep.cells();
        EmbeddedRunner.check(cells, experiment);
        ResultsDirectory rd = ResultsDirectory.create(dir, cells, cls);
        return submitPending(rd, o, sb);
    }

    /**
     * The job script a submission of every cell of {@code sweep} into {@code dir} would write, without writing or
     * submitting anything (to look at before submitting, or where sbatch is missing).
     */
    public String preview(Sweep sweep, Path dir, Experiment experiment) {
        String cls = checkLoadable(experiment);
        List<Cell> cells = sweep.cells();
        ResultsDirectory rd = ResultsDirectory.virtual(dir, cells, cls);
        int k = cellsPerTask() > 0 ? cellsPerTask() : (cells.size() + maxTasks() - 1) / maxTasks();
        return script(rd, this, (cells.size() + k - 1) / k, rd.dir().resolve("slurm/batch-001.txt"));
    }

    /** Submits the cells of an open results directory that are missing or failed. */
    static SlurmJob submitPending(ResultsDirectory rd, Slurm o, Path sbatchPath) {
        List<String> pending = new ArrayList<>();
        java.util.Map<String, CellRecord> done = rd.finished();
        for (Cell c : rd.cells()) {
            CellRecord r = done.get(c.id());
            if (r == null || !r.ok()) {
                pending.add(c.id());
            }
        }
        if (pending.isEmpty()) {
            return new SlurmJob(rd, o, null, List.of(), 0);
        }
        int k = o.cellsPerTask() > 0 ? o.cellsPerTask() : (pending.size() + o.maxTasks() - 1) / o.maxTasks();
        int tasks = (pending.size() + k - 1) / k;
        try {
            Path sd = rd.dir().resolve("slurm");
            Files.createDirectories(sd.resolve("logs"));
            int n = 1;
            while (Files.exists(sd.resolve(String.format("job-%03d.sh", n)))) {
                n++;
            }
            Path batch = sd.resolve(String.format("batch-%03d.txt", n));
            Path script = sd.resolve(String.format("job-%03d.sh", n));
            rd.writeAtomically(batch, "cells_per_task=" + k + "\n" + String.join("\n", pending) + "\n");
            rd.writeAtomically(script, script(rd, o, tasks, batch));
            ProcessBuilder pb = new ProcessBuilder(sbatchPath.toString(), "--parsable", script.toString())
                    .directory(rd.dir().toFile());
            Result r = exec(pb, 60);
            if (r.code != 0) {
                throw new IllegalStateException("sbatch refused " + script + " (exit " + r.code + "): "
                        + r.err.strip() + " " + r.out.strip());
            }
            String id = r.out.strip().split("[;\\s]")[0];
            if (!id.matches("\\d+")) {
                throw new IllegalStateException("sbatch answered '" + r.out.strip() + "', not a job id");
            }
            Files.writeString(sd.resolve(String.format("job-%03d.id", n)), id + "\n");
            return new SlurmJob(rd, o, id, pending, tasks);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Slurm job files in " + rd.dir() + ": " + e, e);
        }
    }

    /** The job script: #SBATCH lines, then one exec of SweepMain run-task. */
    static String script(ResultsDirectory rd, Slurm o, int tasks, Path batch) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(o.jobName()).append('\n');
        s.append("#SBATCH --array=0-").append(tasks - 1).append(o.maxConcurrent() > 0 ? "%" + o.maxConcurrent() : "")
                .append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.cpusPerTask()).append('\n');
        s.append("#SBATCH --output=").append(rd.dir().resolve("slurm/logs")).append("/%A_%a.out\n");
        if (o.partition() != null) {
            s.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        if (o.account() != null) {
            s.append("#SBATCH --account=").append(o.account()).append('\n');
        }
        if (o.time() != null) {
            s.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (o.memory() != null) {
            s.append("#SBATCH --mem=").append(o.memory()).append('\n');
        }
        for (String e : o.extra()) {
            s.append(e.startsWith("#SBATCH") ? e : "#SBATCH " + e).append('\n');
        }
        s.append("# sweep ").append(rd.sweepId()).append(", experiment ").append(rd.experiment()).append(", ")
                .append(tasks).append(" tasks\nset -eu\nexec ").append(quote(o.java()));
        for (String j : o.jvmOptions()) {
            s.append(' ').append(quote(j));
        }
        s.append(" -cp ").append(quote(o.classpath())).append(" org.sharpnesslab.sweep.SweepMain run-task ")
                .append(quote(rd.dir().toString())).append(" \"$SLURM_ARRAY_TASK_ID\" ")
                .append(quote(batch.toString())).append('\n');
        return s.toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The class name a task instantiates, after checking that it can. */
    static String checkLoadable(Experiment e) {
        Class<?> c = e.getClass();
        String name = EmbeddedRunner.nameOf(e);
        if ("lambda".equals(name)) {
            throw new IllegalArgumentException("experiment is a lambda: a Slurm task runs in another JVM and makes "
                    + "the experiment by class name; write it as a public class with a public no-argument "
                    + "constructor, on the tasks' class path");
        }
        if (c.getName().startsWith("REPL.")) {
            throw new IllegalArgumentException("experiment class " + name + " was defined in a notebook cell: a Slurm "
                    + "task runs in another JVM and cannot see it; compile it into a jar on the class path "
                    + "(Slurm.options().classpath(...))");
        }
        boolean ok = Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null
                || Modifier.isStatic(c.getModifiers()));
        try {
            ok &= Modifier.isPublic(c.getConstructor().getModifiers());
        } catch (NoSuchMethodException ex) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("experiment class " + c.getName() + " must be a public (static) class "
                    + "with a public no-argument constructor: a Slurm task makes it by name");
        }
        return c.getName();
    }

    record Result(int code, String out, String err) {
    }

    static Result exec(ProcessBuilder pb, int timeoutSeconds) throws IOException {
        Process p = pb.start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(pb.command() + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException ie) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + pb.command(), ie);
        }
    }
}
