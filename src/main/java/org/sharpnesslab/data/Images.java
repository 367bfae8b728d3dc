package org.sharpnesslab.data;

import java.nio.file.Path;

/**
 * Image datasets for convolutional networks: inputs are images of an {@link ImageShape} (channels, height, width),
 * stored channel-major per example as the loaders read them, standardised per channel (one mean and standard
 * deviation per colour channel over all pixels of the training set, applied unchanged to the test set). The dice
 * images ({@link Dice}, 1×32×32) are the built-in set that needs no download.
 *
 * <pre>{@code
 * Dataset train = Images.dice(50, seed);                     // 300 standardised 1×32×32 images, 6 classes
 * Split s = Images.cifar10(Path.of("data/cifar-10"), 5000);  // 3×32×32, per-channel standardised
 * Network net = Myrtle.of(Dice.SHAPE, 5, 16, Dice.CLASSES);
 * }</pre>
 */
public final class Images {

    private Images() {
    }

    /** Per-channel statistics of {@code train}'s images (μ_c, σ_c over every pixel and example). */
    public static Standardization perChannel(Dataset train, ImageShape shape) {
        shape.check(train);
        return Standardization.perChannel(train, shape.channels());
    }

    /** {@code data} standardised per channel with its own statistics. */
    public static Dataset standardize(Dataset data, ImageShape shape) {
        return perChannel(data, shape).apply(data);
    }

    /** Both sets standardised per channel with the training set's statistics. */
    public static Split standardize(Split split, ImageShape shape) {
        Standardization s = perChannel(split.train(), shape);
        return new Split(s.apply(split.train()), s.apply(split.test()));
    }

    /**
     * The built-in dice images, {@code nPerClass} per class (6 classes, interleaved), 1×32×32, standardised per
     * channel: the no-download image dataset.
     */
    public static Dataset dice(int nPerClass, long seed) {
        return standardize(Dice.create(nPerClass, seed), Dice.SHAPE);
    }

    /** Dice train and test sets (disjoint, 004 §7.3), standardised with the training statistics. */
    public static Split diceSplit(int nPerClass, long seed) {
        return standardize(Dice.trainTest(nPerClass, seed), Dice.SHAPE);
    }

    /** The first {@code n} CIFAR-10 training images and the test set's first n, 3×32×32, per-channel standardised. */
    public static Split cifar10(Path dir, int n) {
        return standardize(new Split(Cifar10Loader.load(dir, true, n), Cifar10Loader.load(dir, false, n)),
                Cifar10Loader.SHAPE);
    }

    /** The first {@code n} Fashion-MNIST training and test images, 1×28×28, per-channel standardised. */
    public static Split fashionMnist(Path dir, int n) {
        return standardize(new Split(MnistLoader.load(dir, true, n, "fashion-mnist"),
                MnistLoader.load(dir, false, n, "fashion-mnist")), MnistLoader.SHAPE);
    }

    /** Pixel (c, h, w) of example i. */
    public static double pixel(Dataset data, ImageShape shape, int i, int c, int h, int w) {
        if (c < 0 || c >= shape.channels() || h < 0 || h >= shape.height() || w < 0 || w >= shape.width()) {
            throw new IllegalArgumentException("pixel (" + c + ", " + h + ", " + w + ") is outside " + shape);
        }
        if (i < 0 || i >= data.size()) {
            throw new IllegalArgumentException("example index must be in [0, " + data.size() + "), got " + i);
        }
        return data.inputs()[i * shape.size() + (c * shape.height() + h) * shape.width() + w];
    }
}
