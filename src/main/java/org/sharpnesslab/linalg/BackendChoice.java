package org.sharpnesslab.linalg;

import java.util.Locale;
import java.util.Optional;

/**
 * Which library runs {@link Blas}'s operations, chosen once from the system property {@code sharpnesslab.blas}:
 *
 * <ul>
 *   <li>{@code auto} (default): on an Intel CPU, MKL's dgemm when its natives are on the class path; otherwise
 *       OpenBLAS; and when OpenBLAS's natives do not load (none for this platform on the class path, or a broken
 *       one), the pure-Java {@link JavaBlas}, with a {@link #warning()} that names the platform, the reason and
 *       the artifacts that bring the natives.</li>
 *   <li>{@code mkl}, {@code openblas}: that library, or an {@link IllegalStateException} saying why it cannot
 *       load (MKL runs the products only: it needs OpenBLAS too).</li>
 *   <li>{@code java}: {@link JavaBlas}, loading no native library at all (also JavaCPP's own), with a warning.</li>
 * </ul>
 *
 * @param backend     the library
 * @param description what {@link Blas#backend()} reports: "mkl …", "openblas …" or "java (…)"
 * @param warning     what to log once when the Java backend runs
 */
record BackendChoice(Backend backend, String description, Optional<String> warning) {

    /** How much slower the Java backend is (measured: {@link JavaBlas}). */
    static final String SLOWER = "about 4 times slower than OpenBLAS on large products";

    /**
     * The choice for a value of {@code sharpnesslab.blas} (null: auto).
     *
     * @throws IllegalArgumentException for an unknown value
     * @throws IllegalStateException    when the library asked for cannot be loaded
     */
    static BackendChoice choose(String property) {
        String want = property == null ? "auto" : property.trim().toLowerCase(Locale.ROOT);
        if (!want.equals("auto") && !want.equals("mkl") && !want.equals("openblas") && !want.equals("java")) {
            throw new IllegalArgumentException("system property sharpnesslab.blas must be auto, mkl, openblas or java,"
                    + " got " + property);
        }
        if (want.equals("java")) {
            return new BackendChoice(new JavaBlas(), "java (sharpnesslab.blas=java)", Optional.of(
                    "sharpnesslab.blas=java: sharpness-lab computes its matrix products and factorisations in pure "
                            + "Java, " + SLOWER + "; no native library is loaded"));
        }
        OpenBlas openBlas;
        try {
            openBlas = OpenBlas.load();
        } catch (LinkageError | RuntimeException e) {
            String platform = platform();
            String why = "OpenBLAS natives for " + platform + " did not load: " + reason(e);
            if (!want.equals("auto")) {
                throw new IllegalStateException("sharpnesslab.blas=" + want + " but " + why
                        + (want.equals("mkl") ? " (MKL runs the products, OpenBLAS everything else)" : "") + ". "
                        + howToGetNatives(platform), e);
            }
            return new BackendChoice(new JavaBlas(), "java (no native BLAS: " + why + ")", Optional.of(
                    "No native BLAS on " + platform + " (" + reason(e) + "): sharpness-lab computes its matrix "
                            + "products and factorisations in pure Java, " + SLOWER + ". " + howToGetNatives(platform)
                            + " -Dsharpnesslab.blas=java chooses the Java code on purpose."));
        }
        String cpu = cpuInfo();
        // MKL runs its AVX2 code on other vendors' CPUs (measured on an AVX-512 AMD EPYC: 50 GFLOP/s per core,
        // OpenBLAS 56-60, OpenBLAS with its AVX-512 kernels 87-92): auto takes it on Intel CPUs only
        if (want.equals("mkl") || (want.equals("auto") && cpu.contains("GenuineIntel"))) {
            try {
                Class.forName("org.bytedeco.mkl.global.mkl_rt", false, BackendChoice.class.getClassLoader());
                Mkl mkl = Mkl.load();
                return new BackendChoice(mkl, mkl.mklVersion(), Optional.empty());
            } catch (LinkageError | ClassNotFoundException | RuntimeException e) { // absent bindings or natives
                if (want.equals("mkl")) {
                    throw new IllegalStateException("sharpnesslab.blas=mkl but MKL cannot be loaded: " + e, e);
                }
            }
        }
        return new BackendChoice(openBlas, OpenBlas.version() + coreNote(cpu), Optional.empty());
    }

    /** JavaCPP's name of this platform ("linux-x86_64"), or os.name-os.arch without JavaCPP. */
    static String platform() {
        try {
            return org.bytedeco.javacpp.Loader.getPlatform();
        } catch (LinkageError | RuntimeException e) {
            return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT).replace(' ', '_') + "-"
                    + System.getProperty("os.arch", "?");
        }
    }

    /** Where the natives come from: the artifacts for {@code platform}, with the versions on the class path. */
    static String howToGetNatives(String platform) {
        String openblas = version("openblas", "0.3.28-1.5.11");
        String javacpp = version("javacpp", openblas.substring(openblas.indexOf('-') + 1));
        return "For OpenBLAS, put its natives for this platform on the class path: org.bytedeco:openblas:" + openblas
                + ":" + platform + " and org.bytedeco:javacpp:" + javacpp + ":" + platform
                + " (building sharpness-lab: mvn -Dnative.classifier=" + platform
                + "; or depend on org.bytedeco:openblas-platform:" + openblas + ", which has every platform's).";
    }

    private static String version(String artifact, String otherwise) {
        try {
            String v = org.bytedeco.javacpp.Loader.getVersion("org.bytedeco", artifact);
            return v == null ? otherwise : v;
        } catch (java.io.IOException | LinkageError | RuntimeException e) {
            return otherwise;
        }
    }

    /**
     * "UnsatisfiedLinkError: …" of the innermost cause (the most specific), without the search path that follows
     * "java.library.path" in JavaCPP's messages, nor a final full stop.
     */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = String.valueOf(t.getMessage()).strip().replaceFirst("\\.$", "");
        int path = message.indexOf("java.library.path:");
        if (path >= 0) {
            message = message.substring(0, path + "java.library.path".length());
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    /** vendor_id and flags of the first CPU in /proc/cpuinfo (empty where there is none). */
    private static String cpuInfo() {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/cpuinfo"))) {
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                if (line.startsWith("vendor_id") || line.startsWith("flags")) {
                    sb.append(line).append(' ');
                }
            }
            return sb.toString();
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * OpenBLAS picks its kernels from the CPU unless the environment variable OPENBLAS_CORETYPE forces a core (read
     * when the library loads, so Java cannot change it for its own process): report a forced core, and say when it
     * holds an AVX-512 CPU to older kernels (measured on an AMD EPYC of family 26 whose environment set
     * OPENBLAS_CORETYPE=Haswell: 56-60 GFLOP/s per core instead of 87-92 with its own detection).
     */
    private static String coreNote(String cpu) {
        boolean avx512 = cpu.contains(" avx512f") && cpu.contains(" avx512bw") && cpu.contains(" avx512vl")
                && cpu.contains(" avx512dq");
        String core = System.getenv("OPENBLAS_CORETYPE");
        if (core == null || core.isBlank()) {
            return "";
        }
        String c = core.trim().toUpperCase(Locale.ROOT);
        boolean old = !(c.contains("SKYLAKEX") || c.contains("COOPERLAKE") || c.contains("SAPPHIRERAPIDS")
                || c.contains("ZEN5") || c.contains("ZEN4"));
        return " (OPENBLAS_CORETYPE=" + core.trim() + " from the environment"
                + (avx512 && old ? ": older kernels than this AVX-512 CPU can run; unset it for the best" : "")
                + ")";
    }
}
