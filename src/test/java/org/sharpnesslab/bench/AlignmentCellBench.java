package org.sharpnesslab.bench;

import org.sharpnesslab.study.alignment.AlignmentScaling;
import org.sharpnesslab.sweep.Cell;
import org.sharpnesslab.sweep.Outcome;

/**
 * Times one cell of the dataset-size study: {@code AlignmentCellBench n width downsample eta snapshotEvery
 * [perClass]}; prints the outcome and the wall and CPU seconds.
 */
public final class AlignmentCellBench {
    private AlignmentCellBench() {
    }

    public static void main(String[] args) throws Exception {
        Cell cell = Cell.of(0, "n", Integer.parseInt(args[0]), "width", Integer.parseInt(args[1]),
                "downsample", Integer.parseInt(args[2]), "eta", Double.parseDouble(args[3]),
                "snapshot_every", Integer.parseInt(args[4]),
                "pool_per_class", args.length > 5 ? Integer.parseInt(args[5]) : 100);
        long t0 = System.nanoTime();
        long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Outcome o = new AlignmentScaling().run(cell);
        long c1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.println(o.values());
        System.out.printf("wall %.1fs, cpu (this thread) %.1fs%n", (System.nanoTime() - t0) / 1e9, (c1 - c0) / 1e9);
    }
}
