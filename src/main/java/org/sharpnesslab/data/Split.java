package org.sharpnesslab.data;

/**
 * A training set and a test set made from the same source.
 *
 * @param train the training examples
 * @param test  the held-out examples
 */
public record Split(Dataset train, Dataset test) {

    public Split {
        if (train == null || test == null) {
            throw new IllegalArgumentException("train and test must not be null");
        }
        if (train.inputDim() != test.inputDim() || train.outputDim() != test.outputDim()) {
            throw new IllegalArgumentException("train (d=" + train.inputDim() + ", k=" + train.outputDim()
                    + ") and test (d=" + test.inputDim() + ", k=" + test.outputDim() + ") differ in shape");
        }
    }

    /**
     * Both sets standardised with the training set's per-feature statistics (000 App. B.1): the test set uses the
     * training mean and std, never its own.
     */
    public Split standardize() {
        Standardization s = Standardization.perFeature(train);
        return new Split(s.apply(train), s.apply(test));
    }

    @Override
    public String toString() {
        return "Split[train=" + train + ", test=" + test + "]";
    }
}
