package org.sharpnesslab.bench;

import org.sharpnesslab.linalg.NativeArray;
import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.linalg.Blas;
import org.sharpnesslab.nn.FCN;
import org.sharpnesslab.nn.Hessian;
import org.sharpnesslab.nn.Loss;

import java.util.Arrays;
import java.util.Random;

/**
 * Our side of the scaling table of {@code bench/run}: the time of one Hessian-vector product at a fixed θ (the
 * cache kept, what each step of an eigen-solve costs) and the memory of the operator (off-heap cache and work
 * buffers of a product, the native copy of the inputs it keeps, by JavaCPP's count, plus the Java heap the tape
 * holds, measured after a GC) for FCN din-width-width-10 (ReLU, SP, MSE) on n random examples, for every
 * {@code n:width} pair given.
 *
 * Also prints what the memory is made of (the inputs' native copy, θ, the cache, a product's work buffers) and
 * the process CPU time of a product ({@code _product_cpu_s}, all threads), steadier than wall time
 * on a loaded machine.
 *
 * <p>Usage: {@code ScaleBench <din> <reps> n:width ...}; prints {@code ours_scale_<tag>_product_s} and
 * {@code ours_scale_<tag>_mb} lines with tag {@code <din>-<width>-n<n>}.
 */
public final class ScaleBench {

    public static void main(String[] args) throws InterruptedException {
        int din = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        Blas.setThreads(Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors()));
        for (int a = 2; a < args.length; a++) {
            String[] nw = args[a].split(":");
            int n = Integer.parseInt(nw[0]);
            int width = Integer.parseInt(nw[1]);
            FCN net = FCN.builder().input(din).width(width).depth(3).output(10).relu().sp().sigmaW2(2.0).build();
            Random rng = new Random(1);
            double[] x = new double[n * din];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            double[] y = new double[n * 10];
            for (int i = 0; i < n; i++) {
                y[i * 10 + rng.nextInt(10)] = 1;
            }
            Dataset data = new Dataset("scale", n, din, 10, x, y, null);
            double[] theta = net.init(3);
            double[] v = new double[theta.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            double[] out = new double[theta.length];
            // the operator's memory, all of it: its cache, the native copy of the inputs it keeps and the work
            // buffers of a product (per thread: made on a fresh thread, alive until counted); the previous
            // operator's native memory given back first (after a collection, on a cleaner thread)
            Hessian.at(FCN.of(1, 1, 2, 1), FCN.of(1, 1, 2, 1).init(1), TINY, Loss.MSE); // keeps TINY's inputs instead
            OperatorMemory.settled();
            NativeArray.releasePool(); // memory kept for reuse is not an operator's: none of it may be taken
            OperatorMemory.Held<Hessian> held = OperatorMemory.heldBy(() -> {
                Hessian built = Hessian.at(net, theta, data, Loss.MSE);
                built.apply(v, new double[theta.length]);
                return built;
            }, OperatorMemory.settled());
            long bytes = held.bytes();
            Hessian h = held.value();
            h.apply(v, out);
            double[] ts = new double[reps];
            double[] cpu = new double[reps];
            for (int r = 0; r < reps; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                h.apply(v, out);
                ts[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (processCpuNanos() - c0) / 1e9;
            }
            Arrays.sort(ts);
            Arrays.sort(cpu);
            String tag = din + "-" + width + "-n" + n;
            System.out.printf("ours_scale_%s_product_s=%.5f%n", tag, ts[reps / 2]);
            System.out.printf("ours_scale_%s_mb=%.1f%n", tag, bytes / 1048576.0);
            System.out.printf("ours_scale_%s_product_cpu_s=%.5f%n", tag, cpu[reps / 2]);
            // what the total is made of (sizes, depth 3, ReLU): the inputs' one native copy; θ; the cache a_1, a_2
            // and δ_2, δ_3 (δ_1 only when the gradient is asked; φ' read off a_l); a product's work buffers (v, whose
            // buffer H v overwrites block by block when there is one micro-batch, else v and H v; R(a_l), R(δ_l),
            // R(z_3) of one micro-batch)
            long mb = Math.min(n, Hessian.DEFAULT_MICRO_BATCH);
            double mib = 8.0 / 1048576.0;
            System.out.printf("ours_scale_%s_inputs_mb=%.1f%n", tag, (double) n * din * mib);
            System.out.printf("ours_scale_%s_theta_mb=%.1f%n", tag, theta.length * mib);
            System.out.printf("ours_scale_%s_cache_mb=%.1f%n", tag, (3.0 * n * width + n * 10.0) * mib);
            System.out.printf("ours_scale_%s_work_mb=%.1f%n", tag,
                    ((mb == n ? 1.0 : 2.0) * theta.length + mb * (4.0 * width + 2 * 10.0)) * mib);
            h = null;
        }
    }

    private static final Dataset TINY = new Dataset("tiny", 1, 1, 1, new double[]{1}, new double[]{0}, null);

    /** CPU time of the whole process (all BLAS threads): on a loaded machine a steadier measure of work. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

}
