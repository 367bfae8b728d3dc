package org.sharpnesslab.bench;

import org.sharpnesslab.dynamics.Bifurcation;
import org.sharpnesslab.dynamics.BifurcationDiagram;
import org.sharpnesslab.dynamics.Maps;

/**
 * Speed of {@link Bifurcation#diagram} on the logistic map: 2,000 parameter values × 10,000 steps (issue 3 item 7:
 * under 1 s). Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.sharpnesslab.bench.BifurcationBench}.
 * Prints the first call (cold JIT, as a notebook cell sees it) and the best of 5 timed runs after 3 warm-ups, sequential and parallel, and with the Lyapunov exponent.
 */
public final class BifurcationBench {

    private BifurcationBench() {
    }

    public static void main(String[] args) {
        double[] r = Bifurcation.range(2.5, 4.0, 2000);
        Bifurcation.Options base = Bifurcation.Options.DEFAULT.withTransient(9_800).withKeep(200);
        for (Bifurcation.Options o : new Bifurcation.Options[] {base, base.withParallel(true),
                base.withParallel(true).withLyapunov(true)}) {
            long best = Long.MAX_VALUE;
            long first = 0;
            BifurcationDiagram d = null;
            for (int rep = 0; rep < 8; rep++) {
                long t0 = System.nanoTime();
                d = Bifurcation.diagram(Maps::logistic, r, new double[] {0.5}, 0, o);
                long t = System.nanoTime() - t0;
                if (rep == 0) {
                    first = t;
                }
                if (rep >= 3) {
                    best = Math.min(best, t);
                }
            }
            System.out.printf("logistic 2000 x 10000 steps, parallel=%s lyapunov=%s: best %.1f ms, first call %.1f ms"
                    + " (%s)%n", o.parallel(), o.lyapunov(), best / 1e6, first / 1e6, d);
        }
    }
}
