package org.sharpnesslab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads MNIST or Fashion-MNIST (same format, same file names) from a directory the user names; nothing is
 * downloaded. The directory must hold an images/labels pair for the part asked for, under one of the usual names,
 * gzipped or not:
 * <pre>
 *   train-images-idx3-ubyte[.gz]   train-labels-idx1-ubyte[.gz]     (60,000 examples)
 *   t10k-images-idx3-ubyte[.gz]    t10k-labels-idx1-ubyte[.gz]      (10,000 examples)
 * </pre>
 * (also the {@code train-images.idx3-ubyte} spelling). Inputs are the pixels scaled to [0, 1] (byte / 255),
 * row-major 28×28 = 784 features; targets one-hot over 10 classes (002 App. A). Standardise with
 * {@link Transforms#standardize(Dataset, Dataset)} as the papers do.
 */
public final class MnistLoader {

    /** Number of classes of MNIST and Fashion-MNIST. */
    public static final int CLASSES = 10;
    /** Image shape (channels, height, width) of MNIST and Fashion-MNIST inputs: 1 × 28 × 28. */
    public static final ImageShape SHAPE = ImageShape.MNIST;

    private static final String CACHE_HINT = "Datasets.mnist() and Datasets.fashionMnist() (and their test-set "
            + "verbs) without a path read the verified data cache, which " + DataCache.FETCH_COMMAND + " fills";

    private MnistLoader() {
    }

    /**
     * Loads the first {@code limit} examples of the training part ({@code train = true}) or the test part.
     *
     * @param dir   directory holding the IDX files
     * @param train training part (train-*) or test part (t10k-*)
     * @param limit maximum number of examples to keep (≥ 1; {@code Integer.MAX_VALUE} for all)
     * @param name  the dataset's name prefix (e.g. "mnist", "fashion-mnist")
     * @throws DataFileException for a missing directory or file, a wrong magic number, a truncated file, images
     *                           and labels of different counts, or a label outside 0..9
     */
    public static Dataset load(Path dir, boolean train, int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        requireDirectory(dir);
        String prefix = train ? "train" : "t10k";
        Path imagesFile = find(dir, prefix + "-images", "idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels", "idx1-ubyte");
        return load(imagesFile, labelsFile, limit, name + (train ? " train" : " test"));
    }

    /**
     * Loads the first {@code limit} examples from an explicit images/labels pair of IDX files (any names, gzipped
     * or not), e.g. Fashion-MNIST or MNIST kept under other names.
     *
     * @param imagesFile the idx3 images file
     * @param labelsFile the idx1 labels file
     * @param limit      maximum number of examples (≥ 1)
     * @param name       the dataset's name
     * @throws DataFileException as {@link #load(Path, boolean, int, String)}
     */
    public static Dataset load(Path imagesFile, Path labelsFile, int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (imagesFile == null || labelsFile == null) {
            throw new IllegalArgumentException("imagesFile and labelsFile must not be null");
        }
        Path dir = imagesFile.toAbsolutePath().getParent();
        Idx.Contents images = Idx.read(imagesFile, Idx.MAGIC_IMAGES, limit);
        Idx.Contents labels = Idx.read(labelsFile, Idx.MAGIC_LABELS, limit);
        if (images.count() != labels.count()) {
            throw new DataFileException(dir, "mismatched counts: " + imagesFile.getFileName() + " has "
                    + images.count() + " images but " + labelsFile.getFileName() + " has " + labels.count()
                    + " labels");
        }
        int n = Math.min(limit, images.count());
        if (n < 1) {
            throw new DataFileException(imagesFile, "holds no images");
        }
        int d = images.itemSize();
        byte[] px = images.data();
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            x[i] = (px[i] & 0xff) / 255.0;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            org.sharpnesslab.task.Cancellation.checkpointEvery1024(i);
            y[i] = labels.data()[i] & 0xff;
            if (y[i] >= CLASSES) {
                throw new DataFileException(labelsFile, "corrupt: label " + y[i] + " at index " + i
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        String full = name + (n < images.count() ? "[:" + n + "]" : "");
        return Transforms.labelled(full, x, d, y, CLASSES);
    }

    static void requireDirectory(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, (Files.exists(dir) ? "not a directory" : "directory not found")
                    + ". " + CACHE_HINT);
        }
    }

    private static Path find(Path dir, String stem, String kind) {
        List<String> tried = new ArrayList<>();
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {"", ".gz"}) {
                String fname = stem + sep + kind + gz;
                tried.add(fname);
                Path p = dir.resolve(fname);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new DataFileException(dir, "file not found: expected one of " + tried + ". " + CACHE_HINT);
    }
}
