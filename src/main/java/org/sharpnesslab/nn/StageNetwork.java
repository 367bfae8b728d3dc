package org.sharpnesslab.nn;

import java.util.List;

/**
 * A {@link Network} given as one {@link Stage} (a chain of convolutions, poolings, norms, residual blocks, dense
 * layers): {@link #layers()} are the stage's weight layers (one parameter block each, in θ order) and every
 * curvature product ({@link Hessian}, its Gauss-Newton and functional parts, the NTK) runs through the stage's
 * exact passes. f(x; θ) = body(x; θ) (− body(x; θ₀) when centred, 002 §4).
 */
public interface StageNetwork extends Network {

    /** The whole network as one stage, input to output (the output scale α included). */
    Stage body();

    @Override
    default List<Layer> layers() {
        return body().layers();
    }

    @Override
    default int inputDim() {
        return body().inputSize();
    }

    @Override
    default int outputDim() {
        return body().outputSize();
    }

    @Override
    default double[] forward(double[] params, double[] inputs) {
        return StagePasses.forward(this, params, inputs);
    }
}
