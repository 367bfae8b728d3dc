package org.sharpnesslab.reproduction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sharpnesslab.sweep.CellRecord;
import org.sharpnesslab.sweep.SweepResults;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Where a committed table came from ({@code provenance.json} beside it): the commit (and whether the tree had
 * uncommitted changes), the command, the scale actually run, the machine (cores, CPU model, JVM, OS, load average
 * at the start), the invocation's wall and CPU time, and the summed CPU time of the cells (a resumed run's cells
 * ran in earlier invocations too).
 */
public final class Provenance {

    private Provenance() {
    }

    static void write(Reproduction.Options o, Reproduction.Outputs out, double wall, double cpu, double load,
                      Table sweep, SweepResults results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", o.figure());
        m.put("command", "reproductions/run " + String.join(" ", o.args()));
        m.put("commit", git("rev-parse", "HEAD"));
        // the code's changes only: the outputs of other reproductions under reproductions/ are not the code run
        m.put("uncommitted_changes", !git("status", "--porcelain", "--untracked-files=no", "--", "src", "pom.xml",
                "reproductions/run").isEmpty());
        m.put("date", Instant.now().toString());
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("name", o.scale());
        if (Reproduction.early(o.figure())) {
            scale.put("widths", Arrays.toString(o.widths()));
            scale.put("depths", Arrays.toString(o.depths()));
            scale.put("initialisations", o.seedsPerWidth().length == 1 ? (Object) o.seeds()
                    : Arrays.toString(o.seedsPerWidth()) + " (per width)");
            scale.put("examples", o.n());
            scale.put("batch", o.n() > 512 ? 512 : 0);
            scale.put("steps", 10);
            scale.put("grid", "c = 2^x, x = 0, 0.1, ... to the first divergence");
            scale.put("sharpness", "20 warm-started power steps on the n examples, only in the runs c_sharp needs");
        } else {
            scale.put("width", o.widths()[0]);
            scale.put("depth", 4);
            scale.put("examples", o.n());
            scale.put("c", Arrays.toString(o.cs()));
            scale.put("transient_steps", o.transientSteps());
            scale.put("window", o.window());
        }
        scale.put("cells", sweep.rowCount());
        m.put("scale", scale);
        Map<String, Object> mach = new LinkedHashMap<>();
        mach.put("cores", Runtime.getRuntime().availableProcessors());
        mach.put("cpu_model", cpuModel());
        mach.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        mach.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        mach.put("load_average_at_start", load);
        mach.put("threads", o.threads());
        if (!o.slurm()) {
            mach.put("blas_threads_per_cell", Reproduction.blasThreads(o.threads()));
        }
        m.put("machine", mach);
        m.put("wall_seconds", round(wall));
        m.put("cpu_seconds", round(cpu));
        double cells = 0;
        if (sweep.columnNames().contains("cpu_seconds")) {
            cells = ((NumericColumn<?>) sweep.column("cpu_seconds")).sum();
        }
        m.put("cells_cpu_seconds", round(cells));
        m.put("cpu_seconds_per_cell", round(sweep.rowCount() == 0 ? 0 : cells / sweep.rowCount()));
        // a resumed run computes only the missing cells: the cells' own wall time, summed over every invocation
        // that ran them, is the cost (wall_seconds and cpu_seconds above are this invocation's)
        m.put("cells_wall_seconds", round(results.records().stream().mapToDouble(CellRecord::seconds).sum()));
        m.put("files", out.files().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        try {
            Files.writeString(o.out().resolve("provenance.json"), json(m, "") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    static String json(Object v, String indent) {
        if (v instanceof Map<?, ?> map) {
            String in = indent + "  ";
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                parts.add(in + quote(e.getKey().toString()) + ": " + json(e.getValue(), in));
            }
            return "{\n" + String.join(",\n", parts) + "\n" + indent + "}";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(x -> json(x, indent)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.format(Locale.ROOT, "%s", v);
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
