/**
 * The one place that talks to BLAS ({@link org.sharpnesslab.linalg.Blas}: products, Gram matrices, triangular
 * solves and Cholesky factorisations on flat row-major arrays, by OpenBLAS or MKL, or in pure Java where no native
 * library loads) and small dense helpers over Commons Math ({@link org.sharpnesslab.linalg.Dense}).
 */
package org.sharpnesslab.linalg;
