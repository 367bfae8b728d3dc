package org.sharpnesslab.data;

import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The verbs a notebook user types from memory, one place for every dataset of the papers. Each delegates to the
 * class that does the work ({@link Synthetic}, {@link PowerLaw}, {@link Dice}, {@link MnistLoader},
 * {@link Cifar10Loader}, {@link Transforms}, {@link Splits}, {@link DatasetSummary}). Nothing is downloaded at
 * run time: MNIST and Fashion-MNIST are read, verified, from the data cache ({@link DataCache}, filled once by
 * {@code kernel-install/fetch-data.sh}) by the verbs without a path, or from a directory the user names;
 * CIFAR-10 from a copy the user supplies ({@link Cifar10Files}).
 *
 * <pre>
 *   var mnist = Datasets.mnist(5000);                            // the first 5000 of the verified cache
 *   var test  = Datasets.fashionMnistTest();
 *   var data  = Datasets.gaussian(1000, 50, 1, 0);                 // 000 App. B.1 random dataset
 *   var pl   = Datasets.powerLaw(500, 100, 1, 1, 1, 1, 0, 0);     // 000 Eqs. 4–6
 *   var s    = Datasets.standardize(Datasets.cifar10(dir, 5000), Datasets.cifar10Test(dir, 1000));
 *   Datasets.summary(s.train())
 * </pre>
 */
public final class Datasets {

    private Datasets() {
    }

    // ---- synthetic (000 App. B.1, 004 §7.3) ----

    /** Random dataset: x ~ N(0, I_d), y ~ N(0, I_k) independent (000 App. B.1). */
    public static Dataset gaussian(int n, int d, int k, long seed) {
        return Synthetic.randomDataset(n, d, k, seed);
    }

    /** Random power-law dataset via SVD rescaling (000 Eqs. 4–6); see {@link PowerLaw}. */
    public static Dataset powerLaw(int n, int d, int k, double ax, double bx, double ay, double by, long seed) {
        return PowerLaw.create(n, d, k, ax, bx, ay, by, seed);
    }

    /** Generative dataset: x ~ N(0, I_d), y = f(x) batch-wise (000 App. B.1; a teacher network gives teacher-student). */
    public static Dataset generative(int n, int d, BatchFunction f, long seed) {
        return Synthetic.generativeDataset(n, d, f, seed);
    }

    /** Generative dataset with a per-example target function y = f(x). */
    public static Dataset generative(int n, int d, Function<double[], double[]> f, long seed) {
        return Synthetic.generativeDataset(n, d, BatchFunction.of(f), seed);
    }

    /** The dice images of 004 §7.3: {@code nPerClass} images of each of the 6 classes. */
    public static Dataset dice(int nPerClass, long seed) {
        return Dice.create(nPerClass, seed);
    }

    /** A grid of dice samples, one column per class (004 Fig. 5). */
    public static BufferedImage diceGrid(int rows, long seed) {
        return Dice.grid(rows, 4, seed);
    }

    // ---- standard datasets: the verified cache (no path) or a directory the user names ----

    /**
     * MNIST training set (60,000) from the data cache, verified (size and SHA-256, once per JVM).
     *
     * @throws DataFileException when the cache lacks MNIST (the message names {@code kernel-install/fetch-data.sh})
     *                           or a file fails verification (the message names the file and both hashes)
     */
    public static Dataset mnist() {
        return MnistLoader.load(DataCache.require(DataChecksums.MNIST, true), true, Integer.MAX_VALUE, "mnist");
    }

    /** The first {@code n} MNIST training examples from the data cache; see {@link #mnist()}. */
    public static Dataset mnist(int n) {
        return MnistLoader.load(DataCache.require(DataChecksums.MNIST, true), true, n, "mnist");
    }

    /** MNIST test set (10,000) from the data cache; see {@link #mnist()}. */
    public static Dataset mnistTest() {
        return MnistLoader.load(DataCache.require(DataChecksums.MNIST, false), false, Integer.MAX_VALUE, "mnist");
    }

    /** The first {@code n} MNIST test examples from the data cache; see {@link #mnist()}. */
    public static Dataset mnistTest(int n) {
        return MnistLoader.load(DataCache.require(DataChecksums.MNIST, false), false, n, "mnist");
    }

    /** Fashion-MNIST training set (60,000) from the data cache, verified; see {@link #mnist()}. */
    public static Dataset fashionMnist() {
        return MnistLoader.load(DataCache.require(DataChecksums.FASHION_MNIST, true), true, Integer.MAX_VALUE,
                "fashion-mnist");
    }

    /** The first {@code n} Fashion-MNIST training examples from the data cache; see {@link #mnist()}. */
    public static Dataset fashionMnist(int n) {
        return MnistLoader.load(DataCache.require(DataChecksums.FASHION_MNIST, true), true, n, "fashion-mnist");
    }

    /** Fashion-MNIST test set (10,000) from the data cache; see {@link #mnist()}. */
    public static Dataset fashionMnistTest() {
        return MnistLoader.load(DataCache.require(DataChecksums.FASHION_MNIST, false), false, Integer.MAX_VALUE,
                "fashion-mnist");
    }

    /** The first {@code n} Fashion-MNIST test examples from the data cache; see {@link #mnist()}. */
    public static Dataset fashionMnistTest(int n) {
        return MnistLoader.load(DataCache.require(DataChecksums.FASHION_MNIST, false), false, n, "fashion-mnist");
    }

    /** MNIST training set (60,000) from the IDX files in {@code dir} (not checksummed: any IDX pair loads). */
    public static Dataset mnist(Path dir) {
        return MnistLoader.load(dir, true, Integer.MAX_VALUE, "mnist");
    }

    /** The first {@code n} MNIST training examples. */
    public static Dataset mnist(Path dir, int n) {
        return MnistLoader.load(dir, true, n, "mnist");
    }

    /** MNIST test set (10,000) from the t10k IDX files in {@code dir}. */
    public static Dataset mnistTest(Path dir) {
        return MnistLoader.load(dir, false, Integer.MAX_VALUE, "mnist");
    }

    /** The first {@code n} MNIST test examples from {@code dir}. */
    public static Dataset mnistTest(Path dir, int n) {
        return MnistLoader.load(dir, false, n, "mnist");
    }

    /** Fashion-MNIST training set (60,000); same file names and format as MNIST. */
    public static Dataset fashionMnist(Path dir) {
        return MnistLoader.load(dir, true, Integer.MAX_VALUE, "fashion-mnist");
    }

    /** The first {@code n} Fashion-MNIST training examples. */
    public static Dataset fashionMnist(Path dir, int n) {
        return MnistLoader.load(dir, true, n, "fashion-mnist");
    }

    /** Fashion-MNIST test set (10,000). */
    public static Dataset fashionMnistTest(Path dir) {
        return MnistLoader.load(dir, false, Integer.MAX_VALUE, "fashion-mnist");
    }

    /** The first {@code n} Fashion-MNIST test examples from {@code dir}. */
    public static Dataset fashionMnistTest(Path dir, int n) {
        return MnistLoader.load(dir, false, n, "fashion-mnist");
    }

    /**
     * The first {@code n} CIFAR-10 training examples from {@code cifar-10/} in the data cache (put there by
     * {@code DataCommand cifar10 ARCHIVE}), structure-checked by {@link Cifar10Files#verify}.
     *
     * @throws DataFileException when the copy is absent or fails the checks; the message says where to get it
     */
    public static Dataset cifar10(int n) {
        return Cifar10Loader.load(cifar10Cache(), true, n);
    }

    /** The first {@code n} CIFAR-10 test examples from the data cache; see {@link #cifar10(int)}. */
    public static Dataset cifar10Test(int n) {
        return Cifar10Loader.load(cifar10Cache(), false, n);
    }

    private static Path cifar10Cache() {
        Path dir = DataCache.root().resolve(Cifar10Files.CACHE_DIRECTORY);
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, "CIFAR-10 is not in the data cache. " + Cifar10Files.remedy());
        }
        return Cifar10Files.verify(dir);
    }

    /** CIFAR-10 training set (50,000; 1.2 GB as doubles — prefer {@link #cifar10(Path, int)}). */
    public static Dataset cifar10(Path dir) {
        return Cifar10Loader.load(dir, true, Integer.MAX_VALUE);
    }

    /** The first {@code n} CIFAR-10 training examples (000 uses 5,000). */
    public static Dataset cifar10(Path dir, int n) {
        return Cifar10Loader.load(dir, true, n);
    }

    /** CIFAR-10 test set (10,000). */
    public static Dataset cifar10Test(Path dir) {
        return Cifar10Loader.load(dir, false, Integer.MAX_VALUE);
    }

    /** The first {@code n} CIFAR-10 test examples. */
    public static Dataset cifar10Test(Path dir, int n) {
        return Cifar10Loader.load(dir, false, n);
    }

    // ---- transforms, subsets, summaries ----

    /** Per-feature standardisation with the dataset's own statistics. */
    public static Dataset standardize(Dataset data) {
        return Transforms.standardize(data);
    }

    /** Train and test standardised with the training set's per-feature statistics (000 App. B.1). */
    public static Split standardize(Dataset train, Dataset test) {
        return Transforms.standardize(train, test);
    }

    /** Every example standardised across its own features (the other reading of 000 App. B.1). */
    public static Dataset standardizePerExample(Dataset data) {
        return Transforms.standardizePerExample(data);
    }

    /** One-hot rows (n×k) for labels in [0, k). */
    public static double[] oneHot(int[] labels, int k) {
        return Transforms.oneHot(labels, k);
    }

    /** The first n examples. */
    public static Dataset firstN(Dataset data, int n) {
        return Splits.firstN(data, n);
    }

    /** n examples drawn at random without replacement. */
    public static Dataset randomN(Dataset data, int n, long seed) {
        return Splits.randomN(data, n, seed);
    }

    /** nPerClass random examples of every class. */
    public static Dataset balanced(Dataset data, int nPerClass, long seed) {
        return Splits.balanced(data, nPerClass, seed);
    }

    /** A random train/test split with the given test fraction. */
    public static Split split(Dataset data, double testFraction, long seed) {
        return Splits.trainTest(data, testFraction, seed);
    }

    /** A stratified random split: every class split in the same proportion. */
    public static Split splitStratified(Dataset data, double testFraction, long seed) {
        return Splits.trainTestStratified(data, testFraction, seed);
    }

    /** Table of n, d, k, input/target mean and std, class counts; see {@link DatasetSummary#summary}. */
    public static Table summary(Dataset data) {
        return DatasetSummary.summary(data);
    }

    /** One row per dataset (name, n, d, k, classes, input and target mean/std); see {@link DatasetSummary#compare}. */
    public static Table summary(Dataset first, Dataset... more) {
        Dataset[] all = new Dataset[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return DatasetSummary.compare(all);
    }
}
