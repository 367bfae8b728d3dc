package org.sharpnesslab.reproduction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.study.early.CGrid;
import org.sharpnesslab.study.early.CriticalSearch;
import org.sharpnesslab.sweep.Experiment;
import org.sharpnesslab.sweep.Slurm;
import org.sharpnesslab.sweep.SlurmJob;
import org.sharpnesslab.sweep.Sweep;
import org.sharpnesslab.sweep.SweepResults;
import org.sharpnesslab.task.Parallel;
import tech.tablesaw.api.Table;

/**
 * The papers' figures on the papers' data, one command each ({@code reproductions/run NAME [options]}), on the
 * sweep layer: the cells run in a resumable results directory (default {@code target/reproductions/NAME}) with a
 * progress bar and ETA, on all cores or as a Slurm job array ({@code --slurm}); then the figure's table
 * ({@code NAME.csv}), its chart ({@code NAME.png}), the paper's claims beside what was measured
 * ({@code NAME-claims.csv}) and the provenance ({@code provenance.json}) are written to {@code reproductions/NAME/}
 * (or {@code --out DIR}).
 *
 * <p>Figures: {@code 002-fig3a} (FCN d = 8 on MNIST against width), {@code 002-fig3b} (Myrtle CNN d = 7 on
 * Fashion-MNIST against width), {@code 002-fig3def} (FCNs on Fashion-MNIST against depth for three widths),
 * {@code 000-fig23} and {@code 000-fig24} (the route to chaos of a 4-layer FCN on MNIST / Fashion-MNIST).
 * Each has a local scale (the default, stated in the provenance), {@code --paper} (the papers' scale) and
 * {@code --smoke} (a seconds-long check of the command). Options override single knobs: {@code --widths 64,128},
 * {@code --depths 4,8}, {@code --seeds 3} (or one count per width: {@code --seeds 4,4,2}), {@code --n 2048}, {@code --cs 2,2.8,4} (000: c = ηλ₀^H),
 * {@code --transient T}, {@code --window W}, {@code --threads K}, {@code --dir DIR}, {@code --out DIR}; Slurm:
 * {@code --slurm [--partition P] [--time HH:MM:SS] [--memory 8G] [--cpus K] [--account A]}.
 */
public final class Reproduction {

    /** The figures, by command name. */
    public static final List<String> FIGURES = List.of("002-fig3a", "002-fig3b", "002-fig3def", "000-fig23",
            "000-fig24");

    private Reproduction() {
    }

    /** The options of one invocation: the figure, its scale, and where to run. */
    public record Options(String figure, String scale, int[] widths, int[] depths, int[] seedsPerWidth, int n,
                          double[] cs, int transientSteps, int window, int threads, Path dir, Path out, boolean slurm,
                          Map<String, String> slurmOptions, List<String> args) {

        /** The largest number of initialisations of any width. */
        public int seeds() {
            return Arrays.stream(seedsPerWidth).max().orElseThrow();
        }

        /** The initialisations (seeds 0 … k−1) run at {@code width}. */
        public int seedsAt(int width) {
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] == width) {
                    return seedsPerWidth.length == 1 ? seedsPerWidth[0] : seedsPerWidth[i];
                }
            }
            throw new IllegalArgumentException("width must be one of " + Arrays.toString(widths) + ", got " + width);
        }
    }

    /** Parses the command line (figure first); unknown options and bad values are refused. */
    public static Options parse(String... args) {
        if (args.length == 0 || !FIGURES.contains(args[0])) {
            throw new IllegalArgumentException("first argument must be one of " + FIGURES + ", got "
                    + (args.length == 0 ? "nothing" : "'" + args[0] + "'"));
        }
        String fig = args[0];
        Map<String, String> kv = new LinkedHashMap<>();
        String scale = "local";
        boolean slurm = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--paper" -> scale = "paper";
                case "--smoke" -> scale = "smoke";
                case "--slurm" -> slurm = true;
                case "--widths", "--depths", "--seeds", "--n", "--cs", "--transient", "--window", "--threads",
                     "--dir", "--out", "--partition", "--time", "--memory", "--cpus", "--account" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    kv.put(a.substring(2), args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; options: --paper, "
                        + "--smoke, --widths, --depths, --seeds, --n, --cs, --transient, --window, --threads, "
                        + "--dir, --out, --slurm, --partition, --time, --memory, --cpus, --account");
            }
        }
        Defaults d = Defaults.of(fig, scale);
        Map<String, String> so = new LinkedHashMap<>();
        for (String k : List.of("partition", "time", "memory", "cpus", "account")) {
            if (kv.containsKey(k)) {
                so.put(k, kv.get(k));
            }
        }
        int[] widths = kv.containsKey("widths") ? ints("widths", kv.get("widths")) : d.widths;
        int[] seeds = kv.containsKey("seeds") ? ints("seeds", kv.get("seeds")) : d.seeds;
        if (seeds.length != 1 && seeds.length != widths.length) {
            throw new IllegalArgumentException("--seeds must be one count or one per width (" + widths.length
                    + " widths), got '" + kv.get("seeds") + "'");
        }
        return new Options(fig, scale, widths,
                kv.containsKey("depths") ? ints("depths", kv.get("depths")) : d.depths,
                seeds,
                kv.containsKey("n") ? positive("n", kv.get("n")) : d.n,
                kv.containsKey("cs") ? doubles("cs", kv.get("cs")) : d.cs,
                kv.containsKey("transient") ? positive("transient", kv.get("transient")) : d.transientSteps,
                kv.containsKey("window") ? positive("window", kv.get("window")) : d.window,
                kv.containsKey("threads") ? positive("threads", kv.get("threads")) : Parallel.defaultThreads(),
                Path.of(kv.getOrDefault("dir", "target/reproductions/" + fig + (scale.equals("local") ? ""
                        : "-" + scale))),
                Path.of(kv.getOrDefault("out", scale.equals("smoke") ? "target/reproductions/" + fig
                        + "-smoke-out" : "reproductions/" + fig)),
                slurm, so, List.of(args));
    }

    /** The built-in scales of each figure (see the README of {@code reproductions/}). */
    record Defaults(int[] widths, int[] depths, int[] seeds, int n, double[] cs, int transientSteps, int window) {
        static Defaults of(String fig, String scale) {
            boolean paper = scale.equals("paper");
            boolean smoke = scale.equals("smoke");
            return switch (fig) {
                case "002-fig3a" -> paper ? early(new int[] {64, 128, 256, 512, 1024, 2048}, new int[] {8}, 10, 2048)
                        : smoke ? early(new int[] {8}, new int[] {2}, 1, 520)
                        : early(new int[] {64, 128, 256, 512}, new int[] {8}, new int[] {4, 4, 4, 2}, 2048);
                case "002-fig3b" -> paper ? early(new int[] {64, 128, 256, 512}, new int[] {7}, 10, 2048)
                        : smoke ? early(new int[] {1}, new int[] {5}, 1, 520)
                        : early(new int[] {8, 16}, new int[] {7}, 1, 128);
                case "002-fig3def" -> paper ? early(new int[] {256, 512, 1024}, new int[] {4, 8, 12, 16}, 10, 2048)
                        : smoke ? early(new int[] {8}, new int[] {2, 3}, 1, 520)
                        : early(new int[] {32, 64, 128}, new int[] {4, 8, 12, 16}, 2, 2048);
                case "000-fig23", "000-fig24" -> paper
                        ? chaos(new int[] {512}, 5000, new double[] {2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0}, 9000, 1000)
                        : smoke ? chaos(new int[] {8}, 64, new double[] {2.0, 3.0}, 20, 16)
                        : chaos(new int[] {64}, 500, new double[] {2.0, 2.8, 4.0, 5.6, 8.0, 11.3, 16.0}, 9000, 1000);
                default -> throw new IllegalArgumentException("figure must be one of " + FIGURES + ", got " + fig);
            };
        }

        private static Defaults early(int[] widths, int[] depths, int seeds, int n) {
            return early(widths, depths, new int[] {seeds}, n);
        }

        private static Defaults early(int[] widths, int[] depths, int[] seeds, int n) {
            return new Defaults(widths, depths, seeds, n, new double[0], 0, 0);
        }

        private static Defaults chaos(int[] widths, int n, double[] cs, int transientSteps, int window) {
            return new Defaults(widths, new int[] {4}, new int[] {1}, n, cs, transientSteps, window);
        }
    }

    /** Whether the figure is one of 002's phase diagrams (else 000's route to chaos). */
    static boolean early(String fig) {
        return fig.startsWith("002");
    }

    /** The dataset of a figure, as {@code EarlyNetwork}'s {@code data} parameter. */
    static String dataset(String fig) {
        return fig.equals("002-fig3a") || fig.equals("000-fig23") ? "mnist" : "fashion-mnist";
    }

    /**
     * The sweep of a figure at the given options: for 002, one cell per (width, depth, initialisation) of
     * {@link CriticalSearch} (SP, MSE, SGD B = 512 or full batch when n ≤ 512, T₁ = 10, c = 2^x with x = 0, 0.1, …
     * as 002 App. C, λ by the 20 power steps of App. A); for 000, one cell per c of {@link ChaosRun}.
     */
    public static Sweep sweep(Options o) {
        String fig = o.figure();
        if (early(fig)) {
            Sweep s = Sweep.grid().axis("width", o.widths()).axis("depth", o.depths())
                    .fixed("arch", fig.equals("002-fig3b") ? "myrtle" : "fcn").fixed("data", dataset(fig))
                    .fixed("n", o.n()).fixed("steps", 10).fixed("sharpness", "power20").fixed("sharp_search", "gallop").fixed("walk", 5);
            Sweep all = CGrid.log2(0, 0.1).into(s).seeds(o.seeds());
            if (o.seedsPerWidth().length == 1) {
                return all;
            }
            // fewer initialisations at some widths (the widest cost the most): seeds 0 … k−1 of each width
            return Sweep.of(all.cells().stream().filter(c -> c.seed() < o.seedsAt((int) c.l("width"))).toList());
        }
        int keep = Math.max(2, Math.min(200, o.window() / 2));
        return Sweep.grid().axis("c", o.cs()).fixed("data", dataset(fig)).fixed("n", o.n())
                .fixed("width", o.widths()[0]).fixed("depth", 4).fixed("transient", o.transientSteps())
                .fixed("window", o.window()).fixed("keep", keep).fixed("spectrum", o.window()).seeds(o.seeds());
    }

    /** The experiment of a figure. */
    public static Experiment experiment(String fig) {
        if (fig == null || !FIGURES.contains(fig)) {
            throw new IllegalArgumentException("fig must be one of " + FIGURES + ", got " + fig);
        }
        return early(fig) ? new CriticalSearch() : new ChaosRun();
    }

    /** Runs a figure as the options say and writes its outputs; returns the output directory. */
    public static Path run(Options o) {
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Sweep sweep = sweep(o);
        Experiment exp = experiment(o.figure());
        SweepResults results;
        if (o.slurm()) {
            Slurm opts = Slurm.options();
            Map<String, String> so = o.slurmOptions();
            if (so.containsKey("partition")) {
                opts = opts.partition(so.get("partition"));
            }
            if (so.containsKey("time")) {
                opts = opts.time(so.get("time"));
            }
            if (so.containsKey("memory")) {
                opts = opts.memory(so.get("memory"));
            }
            if (so.containsKey("cpus")) {
                opts = opts.cpusPerTask(Integer.parseInt(so.get("cpus")));
            }
            if (so.containsKey("account")) {
                opts = opts.account(so.get("account"));
            }
            SlurmJob job = sweep.submit(o.dir().toAbsolutePath(), exp, opts.jobName(o.figure()));
            System.out.println("submitted " + job + "; following (Ctrl-C stops watching, not the job; run the same "
                    + "command without --slurm later to collect)");
            results = job.follow();
        } else {
            // cells side by side each get their share of the cores: BLAS threads of concurrent callers contend
            // (measured: two cells with two BLAS threads each ran at about half the speed of one thread each)
            Blas.setThreads(blasThreads(o.threads()));
            results = sweep.resultsIn(o.dir(), exp, o.threads());
        }
        Table t = results.table();
        Outputs out = early(o.figure()) ? PhaseDiagramFigure.write(o, t) : RouteFigure.write(o, t, results);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        Provenance.write(o, out, wall, cpu, load, t, results);
        System.out.println(out.summary());
        return o.out();
    }

    /** The BLAS threads of each cell when {@code cells} cells run side by side: the cores shared out, at least 1. */
    static int blasThreads(int cells) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / cells);
    }

    /** What a figure wrote, and a one-paragraph summary to print. */
    record Outputs(List<Path> files, String summary) {
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** {@code reproductions/run NAME [options]}: see the class comment. */
    public static void main(String[] args) {
        try {
            run(parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("reproductions/run: " + e.getMessage());
            System.err.println("usage: reproductions/run " + String.join("|", FIGURES) + " [--paper|--smoke] "
                    + "[--widths 64,128] [--depths 4,8] [--seeds N|N,N,...] [--n N] [--cs 2,4] [--threads K] [--dir DIR] "
                    + "[--out DIR] [--slurm [--partition P] [--time T] [--memory M] [--cpus K] [--account A]]");
            System.exit(2);
        }
        System.exit(0);
    }

    // ---- small helpers ----

    static int[] ints(String name, String v) {
        try {
            int[] r = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            for (int x : r) {
                if (x < 1) {
                    throw new IllegalArgumentException("--" + name + " values must be >= 1, was '" + v + "'");
                }
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a comma-separated list of integers, was '"
                    + v + "'");
        }
    }

    static double[] doubles(String name, String v) {
        try {
            double[] r = Arrays.stream(v.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
            for (double x : r) {
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw new IllegalArgumentException("--" + name + " values must be finite and > 0, was '" + v
                            + "'");
                }
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a comma-separated list of numbers, was '"
                    + v + "'");
        }
    }

    static int positive(String name, String v) {
        int[] r = ints(name, v);
        if (r.length != 1) {
            throw new IllegalArgumentException("--" + name + " takes one integer, was '" + v + "'");
        }
        return r[0];
    }

    /** Writes a table as CSV with every double in full (round-trip) precision; missing values empty. */
    static void writeCsv(Table t, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", t.columnNames())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (var c : t.columns()) {
                if (c.isMissing(r)) {
                    cells.add("");
                    continue;
                }
                Object v = c.get(r);
                String s = v instanceof Double d ? Double.toString(d) : String.valueOf(v);
                if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                    s = "\"" + s.replace("\"", "\"\"") + "\"";
                }
                cells.add(s);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stored table ({@code NAME.csv}, {@code NAME-claims.csv}, … as written here): a column whose values
     * are all integers becomes a {@code LongColumn}, all numbers a {@code DoubleColumn}, all true/false a
     * {@code BooleanColumn}, else a {@code StringColumn}; an empty cell is missing. Doubles read back bit for bit.
     */
    public static Table read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("file " + file + " is empty");
        }
        List<String> head = splitCsv(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isEmpty()) {
                List<String> r = splitCsv(l);
                if (r.size() != head.size()) {
                    throw new IllegalArgumentException(file + ": a row has " + r.size() + " cells, the header "
                            + head.size());
                }
                rows.add(r);
            }
        }
        Table t = Table.create(file.getFileName().toString().replaceAll("\\.csv$", ""));
        for (int c = 0; c < head.size(); c++) {
            final int col = c;
            List<String> v = rows.stream().map(r -> r.get(col)).toList();
            List<String> present = v.stream().filter(x -> !x.isEmpty()).toList();
            if (!present.isEmpty() && present.stream().allMatch(x -> x.matches("-?\\d+"))) {
                tech.tablesaw.api.LongColumn lc = tech.tablesaw.api.LongColumn.create(head.get(c));
                v.forEach(x -> {
                    if (x.isEmpty()) {
                        lc.appendMissing();
                    } else {
                        lc.append(Long.parseLong(x));
                    }
                });
                t.addColumns(lc);
            } else if (!present.isEmpty() && present.stream().allMatch(Reproduction::isNumber)) {
                tech.tablesaw.api.DoubleColumn dc = tech.tablesaw.api.DoubleColumn.create(head.get(c));
                v.forEach(x -> dc.append(x.isEmpty() ? Double.NaN : Double.parseDouble(x)));
                t.addColumns(dc);
            } else if (!present.isEmpty() && present.stream().allMatch(x -> x.equals("true") || x.equals("false"))) {
                tech.tablesaw.api.BooleanColumn bc = tech.tablesaw.api.BooleanColumn.create(head.get(c));
                v.forEach(x -> {
                    if (x.isEmpty()) {
                        bc.appendMissing();
                    } else {
                        bc.append(Boolean.parseBoolean(x));
                    }
                });
                t.addColumns(bc);
            } else {
                t.addColumns(tech.tablesaw.api.StringColumn.create(head.get(c), v));
            }
        }
        return t;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.endsWith("f") && !s.endsWith("d");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
