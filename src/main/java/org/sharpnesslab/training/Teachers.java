package org.sharpnesslab.training;

import org.sharpnesslab.data.Dataset;

import java.util.Random;
import org.sharpnesslab.nn.Network;
import org.sharpnesslab.task.Check;

/**
 * Synthetic datasets whose targets come from a network of this package (000 App. B.1, "teacher-student").
 */
public final class Teachers {

    private Teachers() {
    }

    /**
     * The teacher-student dataset of 000 App. B.1: inputs xᵘ ~ N(0, I) and targets yᵘ = f(xᵘ; θ_T) for a
     * randomly initialised teacher θ_T = teacher.init(seed).
     *
     * @param teacher the teacher architecture (its inputDim and outputDim set the dataset's)
     * @param n       number of examples ≥ 1
     * @param seed    seeds the teacher's weights and (seed + 1) the inputs
     * @return a regression Dataset named "teacher-student[n] &lt;teacher&gt;"
     */
    public static Dataset teacherStudent(Network teacher, int n, long seed) {
        Check.notNull("teacher", teacher);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Check.memory(Check.product(n, Math.max(teacher.inputDim(), teacher.outputDim())), true, "teacher-student data of "
                + n + " examples");
        return teacherStudent(teacher, teacher.init(seed), n, seed + 1);
    }

    /**
     * Teacher-student data with given teacher parameters.
     *
     * @param teacher       the teacher architecture
     * @param teacherParams θ_T (not modified)
     * @param n             number of examples ≥ 1
     * @param seed          seeds the Gaussian inputs
     */
    public static Dataset teacherStudent(Network teacher, double[] teacherParams, int n, long seed) {
        Check.notNull("teacher", teacher);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (teacherParams == null || teacherParams.length != teacher.numParams()) {
            throw new IllegalArgumentException("teacherParams must have numParams = " + teacher.numParams()
                    + " entries");
        }
        int d = teacher.inputDim();
        Check.memory(Check.product(n, Math.max(d, teacher.outputDim())), true, "teacher-student data of " + n
                + " examples");
        Random rng = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] y = teacher.forward(teacherParams, x);
        return new Dataset("teacher-student[" + n + "] " + teacher, n, d, teacher.outputDim(), x, y, null);
    }

    /**
     * The generative dataset of 000 App. B.1 / G.3: inputs xᵘ ~ N(0, I) and targets yᵘ = f(xᵘ; θ) of a network
     * trained on a real dataset (000 G.3: a CNN trained on CIFAR-10; any trained network here).
     *
     * @param trained the trained run (its network and final parameters; a diverged run is refused)
     * @param n       number of examples ≥ 1
     * @param seed    seeds the Gaussian inputs
     */
    public static Dataset generative(TrainingRun trained, int n, long seed) {
        if (trained == null || trained.diverged()) {
            throw new IllegalArgumentException("generative data needs a trained, not diverged, run, got " + trained);
        }
        Dataset d = teacherStudent(trained.network(), trained.finalParams(), n, seed);
        return new Dataset("generative[" + n + "] from " + trained.dataset(), n, d.inputDim(), d.outputDim(),
                d.inputs(), d.targets(), null);
    }
}
