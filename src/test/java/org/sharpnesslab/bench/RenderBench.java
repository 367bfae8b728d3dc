package org.sharpnesslab.bench;

import java.util.Arrays;
import java.util.Map;
import org.sharpnesslab.notebook.ChartImages;
import org.sharpnesslab.notebook.Renderers;
import org.sharpnesslab.plot.Figure;
import org.sharpnesslab.plot.Plots;

/**
 * Benchmark (a printed figure, not a timed test): renders one chart of 10 series × 10,000 points (the default
 * 720×420 {@link Figure}) to PNG, as the kernel does for a cell's value. Prints the median of several runs after
 * warm-up, for the raw PNG encoding and for the full {@link Renderers#render} bundle (PNG + Base64 + text).
 * Goal: &lt; 300 ms.
 *
 * <pre>
 * mvn -o -q test-compile
 * java -Djava.awt.headless=true -cp target/test-classes:target/classes:$(cat cp.txt) org.sharpnesslab.bench.RenderBench
 * </pre>
 */
public final class RenderBench {

    private RenderBench() {
    }

    /** The benchmark chart: 10 noisy sine series of 10,000 points each (deterministic, seed 42). */
    static Figure chart(int series, int points) {
        Figure fig = Plots.figure().title(series + " series × " + points + " points").axes("step", "value");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = i;
        }
        for (int s = 0; s < series; s++) {
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                y[i] = s + Math.sin(i * 0.01 * (s + 1)) + 0.1 * rng.nextDouble();
            }
            fig.addLine("s" + s, x, y);
        }
        return fig;
    }

    static double medianMillis(Runnable r, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : 0.5 * (t[runs / 2 - 1] + t[runs / 2]);
    }

    public static void main(String[] args) {
        int series = 10;
        int points = 10_000;
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Figure fig = chart(series, points);
        int[] bytes = new int[1];
        double png = medianMillis(() -> {
            try {
                bytes[0] = ChartImages.png(fig).length;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, warmup, runs);
        double bundle = medianMillis(() -> {
            Map<String, Object> b = Renderers.render(fig);
            if (!b.containsKey(Renderers.PNG)) {
                throw new IllegalStateException("no image/png: " + b.get(Renderers.TEXT));
            }
        }, warmup, runs);
        // for comparison: XChart's own encoder drawing every point (no line reduction)
        double plain = medianMillis(() -> {
            try {
                org.knowm.xchart.BitmapEncoder.getBitmapBytes(fig, org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, Math.max(1, warmup / 2), Math.max(3, runs / 2));
        System.out.printf("RenderBench: %d series x %d points, %dx%d px PNG (%d bytes): "
                        + "ChartImages.png median %.1f ms, Renderers.render bundle (PNG + Base64) median %.1f ms "
                        + "(%d warm-up, %d runs; goal < 300 ms); XChart BitmapEncoder drawing every point: %.1f ms%n",
                series, points, fig.getWidth(), fig.getHeight(), bytes[0], png, bundle, warmup, runs, plain);
    }
}
