package org.sharpnesslab.nn;

import org.sharpnesslab.data.Dataset;
import org.sharpnesslab.spectrum.LinearOperator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sharpnesslab.task.Check;

/**
 * The loss Hessian in row-space coordinates, H̃ = Pᵀ ∇²L P, an exact compression of {@link Hessian} when the
 * dataset has fewer examples than input dimensions (n &lt; d). P maps (M, θ₂…) ↦ (M Qᵀ, θ₂…), where Qᵀ (r×d) is an
 * orthonormal basis of the row space of the inputs X ({@link InputBasis}) and M ∈ ℝ^{width×r} replaces the
 * first layer's weights (its bias and all later layers are unchanged). P is an isometry and range(∇²L) ⊆ range(P)
 * (the first-layer weight block of any product is γ Rδ₁ᵀ X = γ Rδ₁ᵀ C Qᵀ), so ∇²L = P H̃ Pᵀ: H̃ has exactly the
 * non-zero eigenvalues of ∇²L, eigenvectors lift by {@link #lift}, and ∇²L v = lift(H̃ restrict(v)). The same
 * holds for the Gauss-Newton and functional parts.
 *
 * <p>Implementation: L depends on W₁ only through X W₁ᵀ = C (W₁Q)ᵀ, so H̃ is the Hessian of the same network with
 * a first layer of input size r (same multipliers γ, β), evaluated on the coordinates C with first-layer weights
 * W₁Q. A product then costs n·r·width instead of n·d·width multiply-adds in each of the two first-layer GEMMs
 * (FCN 3072-512-512-10, n = 1000: ≈ 5.2 instead of 9.5 GFLOP per product). Building it costs the basis (once per
 * dataset, {@link InputBasis#flops()}), W₁Q (2·width·r·d) and a forward/backward pass in the reduced coordinates.
 *
 * <p>Needs a first layer that is a {@link DenseLayer}. Usable by every solver in {@code spectrum} unchanged; warm
 * starts stay valid across θ as long as the basis is the same. Not thread-safe.
 */
public final class ReducedHessian implements LinearOperator, AutoCloseable {

    private final Hessian inner;
    private final InputBasis basis;
    private final int rows;      // first layer's output size
    private final int fullFirst; // first block length in the full layout
    private final int redFirst;  // first block length in the reduced layout
    private final int fullDim;
    private final int weightsFull;
    private final int weightsRed;

    private ReducedHessian(Hessian inner, InputBasis basis, int rows, int fullFirst, int redFirst, int fullDim) {
        this.inner = inner;
        this.basis = basis;
        this.rows = rows;
        this.fullFirst = fullFirst;
        this.redFirst = redFirst;
        this.fullDim = fullDim;
        this.weightsFull = rows * basis.inputDim();
        this.weightsRed = rows * basis.rank();
    }

    static ReducedHessian at(Network net, double[] params, Dataset data, Loss loss, InputBasis basis,
                             int microBatch) {
        Check.notNull("net", net);
        Check.notNull("params", params);
        Check.notNull("data", data);
        Check.notNull("loss", loss);
        if (basis == null) {
            throw new IllegalArgumentException("basis must not be null");
        }
        if (!basis.matches(data)) {
            throw new IllegalArgumentException("basis " + basis + " was not built from the inputs of " + data);
        }
        if (net instanceof StageNetwork) {
            throw new IllegalArgumentException("the row-space reduction needs a stack of layers, not " + net);
        }
        if (!(net.layers().get(0) instanceof DenseLayer first)) {
            throw new IllegalArgumentException("the reduced Hessian needs a DenseLayer first, had "
                    + net.layers().get(0));
        }
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("params must have numParams = " + net.numParams() + " entries, had "
                    + params.length);
        }
        if (data.inputDim() != net.inputDim() || data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data + " does not match network " + net);
        }
        int r = basis.rank();
        List<Layer> layers = new ArrayList<>(net.layers());
        DenseLayer red = new DenseLayer(r, first.out(), first.bias(), first.gamma(), first.biasGamma(),
                first.initStd(), first.zeroInit());
        layers.set(0, red);
        ReducedHessian shape = new ReducedHessian(null, basis, first.out(), first.numParams(), red.numParams(),
                net.numParams());
        double[] centre = net.centre() == null ? null : shape.restrict(net.centre());
        Network rnet = new RowSpaceNetwork(Collections.unmodifiableList(layers), net.activation(), centre);
        Dataset rdata = new Dataset(data.name() + " (row-space coordinates, r=" + r + ")", data.size(), r,
                data.outputDim(), basis.coordinates(), data.targets(), data.labels());
        Hessian h = Hessian.at(rnet, shape.restrict(params), rdata, loss, microBatch);
        return new ReducedHessian(h, basis, shape.rows, shape.fullFirst, shape.redFirst, shape.fullDim);
    }

    /** The Gauss-Newton part Pᵀ G P (same cache). */
    public ReducedHessian gaussNewton() {
        return new ReducedHessian(inner.gaussNewton(), basis, rows, fullFirst, redFirst, fullDim);
    }

    /** The functional part Pᵀ (∇²L − G) P (same cache). */
    public ReducedHessian functional() {
        return new ReducedHessian(inner.functional(), basis, rows, fullFirst, redFirst, fullDim);
    }

    /** The full Hessian Pᵀ ∇²L P (same cache). */
    public ReducedHessian full() {
        return new ReducedHessian(inner.full(), basis, rows, fullFirst, redFirst, fullDim);
    }

    /** The reduced dimension P − width·(d − r). */
    @Override
    public int dimension() {
        return fullDim - fullFirst + redFirst;
    }

    /** The number of parameters P of the network (dimension of {@link #lift}'s result). */
    public int fullDimension() {
        return fullDim;
    }

    @Override
    public void apply(double[] v, double[] out) {
        inner.apply(v, out);
    }

    /** P m: the full-parameter vector (M Qᵀ, rest) of a reduced vector m = (M, rest); ‖P m‖ = ‖m‖. */
    public double[] lift(double[] reduced) {
        check(reduced, dimension(), "reduced");
        double[] out = new double[fullDim];
        double[] m = java.util.Arrays.copyOfRange(reduced, 0, weightsRed);
        System.arraycopy(basis.fromReduced(m, rows), 0, out, 0, weightsFull);
        System.arraycopy(reduced, weightsRed, out, weightsFull, fullDim - weightsFull);
        return out;
    }

    /** Pᵀ v: the reduced coordinates (W₁Q, rest) of a full-parameter vector v = (W₁, rest). */
    public double[] restrict(double[] full) {
        check(full, fullDim, "full");
        double[] out = new double[dimension()];
        double[] w = java.util.Arrays.copyOfRange(full, 0, weightsFull);
        System.arraycopy(basis.toReduced(w, rows), 0, out, 0, weightsRed);
        System.arraycopy(full, weightsFull, out, weightsRed, fullDim - weightsFull);
        return out;
    }

    /** The basis this operator uses. */
    public InputBasis basis() {
        return basis;
    }

    /** L(θ) (the same in both coordinates). */
    public double loss() {
        return inner.loss();
    }

    /** Which part this operator applies: "hessian", "gauss_newton" or "functional". */
    public String part() {
        return inner.part();
    }

    private static void check(double[] a, int n, String name) {
        if (a.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", had " + a.length);
        }
    }

    /** Gives back the native memory of the reduced operator's cache now ({@link Hessian#close()}; views too). */
    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return "ReducedHessian[" + part() + ", dim=" + dimension() + " of P=" + fullDim + ", rank(X)="
                + basis.rank() + "]";
    }

    /** The network with its first layer acting on row-space coordinates (same γ, β, activation). */
    private record RowSpaceNetwork(List<Layer> layers, Activation activation, double[] centre) implements Network {

        @Override
        public Network centredAt(double[] theta0) {
            return new RowSpaceNetwork(layers, activation, theta0.clone());
        }
    }
}
