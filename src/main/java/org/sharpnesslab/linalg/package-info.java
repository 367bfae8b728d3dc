/**
 * The one place that talks to BLAS ({@link org.sharpnesslab.linalg.Blas#gemm}, OpenBLAS {@code cblas_dgemm} on
 * flat row-major {@code double[]}) and small dense helpers over Commons Math ({@link org.sharpnesslab.linalg.Dense}).
 */
package org.sharpnesslab.linalg;
