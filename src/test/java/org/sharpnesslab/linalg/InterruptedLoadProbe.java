package org.sharpnesslab.linalg;

/**
 * The child JVM of {@link BlasInterruptTest}: a thread makes the first call to {@link Blas} and is stopped as JShell
 * stops a cell ({@code Thread.stop}, again every 20 ms while it lives) {@code args[0]} ms later, in the middle of
 * the library's load; then this thread uses {@link Blas}. Prints {@code first=…}, {@code backend=…} and
 * {@code c00=…} (the (0,0) entry of a 64×64 product of all-ones matrices: 64).
 */
public final class InterruptedLoadProbe {

    private InterruptedLoadProbe() {
    }

    @SuppressWarnings({"deprecation", "removal"})
    public static void main(String[] args) throws Exception {
        // Blas's own class (a few counters) is initialised first: the kernel's stop spares class initialisers
        // (kernel.CellThreads); what is stopped here is the load of the natives, which takes a second or more
        Blas.flops();
        Thread cell = new Thread(() -> {
            try {
                System.out.println("first=" + Blas.backend());
            } catch (Throwable e) {
                System.out.println("first=" + e);
            }
        }, "cell");
        cell.start();
        Thread.sleep(Long.parseLong(args[0]));
        int stops = 0;
        while (cell.isAlive()) {
            cell.stop();
            stops++;
            Thread.sleep(20);
        }
        System.out.println("stops=" + stops);
        try {
            System.out.println("backend=" + Blas.backend());
            int n = 64;
            double[] a = new double[n * n];
            java.util.Arrays.fill(a, 1.0);
            double[] c = new double[n * n];
            Blas.gemm(false, false, n, n, n, 1.0, a, a, 0.0, c);
            System.out.println("c00=" + c[0]);
        } catch (Throwable e) {
            System.out.println("after=" + e);
        }
    }
}
