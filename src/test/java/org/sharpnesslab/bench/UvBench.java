package org.sharpnesslab.bench;

import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.uv.EoSMap;
import org.sharpnesslab.uv.UVBifurcation;
import org.sharpnesslab.uv.UVConfig;

/**
 * Speed of the UV bifurcation diagrams (issue 3 item 7): (a) 000 Fig. 3a from the EoS map (Eq. 3) at 2,000 values
 * of η × 10,000 steps (goal &lt; 1 s); (b) Fig. 3b from gradient descent on the full UV model (goal: seconds).
 * Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.sharpnesslab.bench.UvBench}.
 * Prints the first call (cold JIT, as a notebook cell sees it) and the best of the timed runs after warm-ups.
 */
public final class UvBench {

    private UvBench() {
    }

    interface Job {
        BifurcationDiagram run();
    }

    static void time(String label, Job job, int warm, int timed) {
        long first = 0;
        long best = Long.MAX_VALUE;
        BifurcationDiagram d = null;
        for (int rep = 0; rep < warm + timed; rep++) {
            long t0 = System.nanoTime();
            d = job.run();
            long t = System.nanoTime() - t0;
            if (rep == 0) {
                first = t;
            }
            if (rep >= warm) {
                best = Math.min(best, t);
            }
        }
        int diverged = 0;
        for (int p : d.period()) {
            if (p < 0) {
                diverged++;
            }
        }
        System.out.printf("%-62s best %8.1f ms, first call %8.1f ms (%d values, %d diverged)%n", label, best / 1e6,
                first / 1e6, d.parameters().length, diverged);
    }

    public static void main(String[] args) {
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        EoSMap eos = EoSMap.of(0.3, 1, 2, 1);
        double[] etas = Bifurcation.range(0.3, 1.0, 2000);
        Bifurcation.Options o = Bifurcation.Options.DEFAULT.withTransient(9_800).withKeep(200).withReseed(true);
        time("Fig. 3a Eq. 3, 2000 x 10000, sequential", () -> Bifurcation.diagram(
                eta -> eos.withEta(eta).asMap1D(), etas, new double[] {0.1}, 0, o.withParallel(false)), 3, 5);
        time("Fig. 3a Eq. 3, 2000 x 10000, parallel", () -> Bifurcation.diagram(
                eta -> eos.withEta(eta).asMap1D(), etas, new double[] {0.1}, 0, o), 3, 5);
        time("Fig. 3a Eq. 3, 2000 x 10000, parallel + Lyapunov (UVBifurcation)",
                () -> UVBifurcation.eosMap(eos, etas, 9_800, 200), 3, 5);
        for (int n : new int[] {1, 64, 512}) {
            UVConfig cfg = UVConfig.builder().n(n).muP().build();
            time("Fig. 3b full model n=" + n + ", 400 x 3200 (notebook scale)",
                    () -> UVBifurcation.fullModel(cfg, Bifurcation.range(0.3, 1.0, 400), 3000, 200, 42), 1, 2);
            time("Fig. 3b full model n=" + n + ", 2000 x 10000",
                    () -> UVBifurcation.fullModel(cfg, etas, 9_800, 200, 42), 0, 1);
        }
    }
}
