package org.sharpnesslab.reproduction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sharpnesslab.plot.Figure;
import org.sharpnesslab.plot.Figures;
import org.sharpnesslab.plot.PhaseDiagramCharts;
import org.sharpnesslab.study.early.CriticalConstants;
import tech.tablesaw.api.Table;

/**
 * 002 Fig. 3 (a), (b) and (d–f) from a sweep of {@code CriticalSearch} cells: the per-initialisation table
 * ({@code NAME.csv}: width, depth, seed, c_loss, c_sharp, c_max, lambda0, loss0, loss_seen, sharp_seen,
 * max_censored, loss_runs, sharp_runs, cpu_seconds), the phase diagram laid out as the paper's (⟨c⟩ with 25–75 %
 * bars against 1/w, or against d with one panel per width; {@code NAME.png}) and the claims of 002 §2.1 about it
 * ({@code NAME-claims.csv}).
 */
public final class PhaseDiagramFigure {

    /** The result columns a stored table keeps, after the cell parameters width, depth, seed. */
    public static final List<String> COLUMNS = List.of("width", "depth", "seed", "c_loss", "c_sharp", "c_max",
            "lambda0", "loss0", "loss_seen", "sharp_seen", "max_censored", "loss_runs", "sharp_runs", "cpu_seconds");

    private PhaseDiagramFigure() {
    }

    /** The stored table of a sweep's result: {@link #COLUMNS}, ok rows, sorted by width, depth, seed. */
    public static Table table(Table sweep, String name) {
        Table ok = sweep.where(sweep.stringColumn("status").isEqualTo("ok"));
        if (ok.rowCount() < sweep.rowCount()) {
            throw new IllegalStateException((sweep.rowCount() - ok.rowCount()) + " cells failed; first error: "
                    + sweep.where(sweep.stringColumn("status").isNotEqualTo("ok")).stringColumn("error").get(0));
        }
        Table t = ok.selectColumns(COLUMNS.toArray(String[]::new)).sortAscendingOn("width", "depth", "seed");
        t.setName(name);
        return t;
    }

    static Reproduction.Outputs write(Reproduction.Options o, Table sweep) {
        String name = o.figure();
        Table t = table(sweep, name);
        Path dir = o.out();
        List<Path> files = new ArrayList<>();
        Path csv = dir.resolve(name + ".csv");
        Reproduction.writeCsv(t, csv);
        files.add(csv);
        Path png = dir.resolve(name + ".png");
        writePng(chart(t, name), png);
        files.add(png);
        Table claims = claims(t, name);
        Path cc = dir.resolve(name + "-claims.csv");
        Reproduction.writeCsv(claims, cc);
        files.add(cc);
        StringBuilder sb = new StringBuilder();
        sb.append(CriticalConstants.summary(t, byDepth(name) ? new String[] {"width", "depth"}
                : new String[] {"width"}).print()).append('\n').append(claims.print()).append('\n');
        sb.append("wrote ").append(files);
        return new Reproduction.Outputs(files, sb.toString());
    }

    static boolean byDepth(String name) {
        return name.equals("002-fig3def");
    }

    /** The figure's chart: against 1/w (a, b) or, per width, against d (d–f). */
    public static BufferedImage chart(Table t, String name) {
        if (!byDepth(name)) {
            Figure f = PhaseDiagramCharts.phaseDiagram(CriticalConstants.summary(t, "width"), "width", true,
                    "c_loss", "c_sharp", "c_max");
            f.title(name + ": " + (name.equals("002-fig3a") ? "FCN d = 8, MNIST" : "Myrtle CNN d = 7, Fashion-MNIST"))
                    .logX();                                        // "note the log scale", 002 §2.1
            return BitmapEncoder.getBufferedImage(f);
        }
        List<Chart<?, ?>> panels = new ArrayList<>();
        for (int w : widths(t)) {
            Table tw = t.where(t.longColumn("width").isEqualTo(w));
            Figure f = PhaseDiagramCharts.phaseDiagram(CriticalConstants.summary(tw, "depth"), "depth", false,
                    "c_loss", "c_sharp", "c_max");
            f.title("FCN w = " + w + ", Fashion-MNIST").logX();
            panels.add(f);
        }
        return Figures.row(panels.toArray(Chart[]::new));
    }

    static int[] widths(Table t) {
        return Arrays.stream(t.longColumn("width").asLongArray()).mapToInt(Math::toIntExact).distinct().sorted()
                .toArray();
    }

    static void writePng(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The claims of 002 §2.1 about the figure, each computed from {@code t} (see {@link ClaimTable}). */
    public static Table claims(Table t, String name) {
        ClaimTable c = new ClaimTable(name + " claims");
        int n = t.rowCount();
        int ok = 0;
        int okMax = 0;
        for (int r = 0; r < n; r++) {
            double l = t.doubleColumn("c_loss").get(r);
            double s = t.doubleColumn("c_sharp").get(r);
            double m = t.doubleColumn("c_max").get(r);
            ok += l <= s && s <= m ? 1 : 0;
            okMax += s <= m ? 1 : 0;
        }
        c.add("we have found that the inequality c_loss ≤ c_sharp ≤ c_max typically holds, for any given "
                        + "initialization and batch sequences", "002 §2.1 (Fig. 4), App. D",
                "c_loss ≤ c_sharp ≤ c_max in every run (c_sharp ≤ c_max holds by the convention that a sharpness "
                        + "which never rises below c_max is reported as c_max)",
                ok + " of " + n + " runs (c_sharp ≤ c_max in " + okMax + ")", ok == n);
        if (byDepth(name)) {
            for (int w : widths(t)) {
                Table s = CriticalConstants.summary(t.where(t.longColumn("width").isEqualTo(w)), "depth");
                trend(c, s, "depth", "c_loss", "w = " + w + ": ",
                        "Phase diagrams obtained by varying d are qualitatively similar to those obtained by varying "
                                + "1/w (⟨c_loss⟩ increases with d)", "002 §2.1, Fig. 3(d-f)");
                trend(c, s, "depth", "c_max", "w = " + w + ": ",
                        "we observe that ⟨c_max⟩ ... consistently increasing with d", "002 §2.1");
                between(c, s, "depth", "w = " + w + ": ");
            }
            return c.table();
        }
        Table s = CriticalConstants.summary(t, "width").sortDescendingOn("width"); // ascending 1/w
        long wide = s.longColumn("width").get(0);
        double cl = s.doubleColumn("c_loss_mean").get(0);
        c.add("At large widths, the loss starts to catapult at c ≈ 2", "002 §2.1",
                "⟨c_loss⟩ at the largest width run within a factor 2^0.5 of 2",
                "⟨c_loss⟩ = " + ClaimTable.num(cl) + " at w = " + wide, Math.abs(Math.log(cl / 2) / Math.log(2)) <= 0.5);
        trend(c, s, "width", "c_loss", "", "As 1/w increases, ⟨c_loss⟩ increases", "002 §2.1");
        trend(c, s, "width", "c_sharp", "", "the averaged values of all the critical constants increase "
                + "significantly with 1/w (⟨c_sharp⟩)", "002 §2.1");
        trend(c, s, "width", "c_max", "", "the averaged values of all the critical constants increase "
                + "significantly with 1/w (⟨c_max⟩; App. F, H: it may also decrease)", "002 §2.1");
        between(c, s, "width", "");
        return c.table();
    }

    /** ⟨X⟩ increases along the group (1/w: widths descending; d: depths ascending), from the first to the last. */
    private static void trend(ClaimTable c, Table s, String group, String x, String prefix, String quote, String sec) {
        Table sorted = group.equals("width") ? s.sortDescendingOn("width") : s.sortAscendingOn(group);
        String along = group.equals("width") ? "1/w" : "d";
        if (sorted.rowCount() < 2) {
            c.untested(quote, sec, "⟨" + x + "⟩ larger at the last " + along + " than at the first",
                    prefix + "one " + group + " run: no trend to test");
            return;
        }
        double[] v = sorted.doubleColumn(x + "_mean").asDoubleArray();
        long[] g = sorted.longColumn(group).asLongArray();
        StringBuilder m = new StringBuilder(prefix);
        for (int i = 0; i < v.length; i++) {
            m.append(i == 0 ? "" : ", ").append("⟨").append(x).append("⟩(").append(group.equals("width") ? "w" : "d")
                    .append(" = ").append(g[i]).append(") = ").append(ClaimTable.num(v[i]));
        }
        c.add(quote, sec, "⟨" + x + "⟩ larger at the last " + along + " than at the first", m.toString(),
                v[v.length - 1] > v[0]);
    }

    /** ⟨c_loss⟩ ≤ ⟨c_sharp⟩ ≤ ⟨c_max⟩ in every group. */
    private static void between(ClaimTable c, Table s, String group, String prefix) {
        int ok = 0;
        StringBuilder m = new StringBuilder(prefix);
        for (int r = 0; r < s.rowCount(); r++) {
            double l = s.doubleColumn("c_loss_mean").get(r);
            double sh = s.doubleColumn("c_sharp_mean").get(r);
            double mx = s.doubleColumn("c_max_mean").get(r);
            ok += l <= sh && sh <= mx ? 1 : 0;
            m.append(r == 0 ? "" : "; ").append(group).append(" = ").append(s.longColumn(group).get(r)).append(": ")
                    .append(ClaimTable.num(l)).append(" ≤ ").append(ClaimTable.num(sh)).append(" ≤ ")
                    .append(ClaimTable.num(mx));
        }
        c.add("⟨c_sharp⟩ continuing to increase with 1/w while remaining between ⟨c_loss⟩ and ⟨c_max⟩", "002 §2.1",
                "⟨c_loss⟩ ≤ ⟨c_sharp⟩ ≤ ⟨c_max⟩ for every " + group, m.toString(), ok == s.rowCount());
    }
}
