package org.sharpnesslab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads CIFAR-10 from its binary version (the "CIFAR-10 binary version (suitable for C programs)" archive) in a
 * directory the user names; nothing is downloaded. The directory (or its {@code cifar-10-batches-bin}
 * sub-directory) must hold {@code data_batch_1.bin} … {@code data_batch_5.bin} (training, 50,000 examples) and
 * {@code test_batch.bin} (10,000). Each file is a sequence of 3073-byte records: one label byte (0..9), then
 * 1024 red, 1024 green and 1024 blue bytes of a 32×32 image, rows top to bottom.
 *
 * <p>Inputs are the 3072 bytes in that channel-major order scaled to [0, 1] (byte / 255); targets one-hot over
 * 10 classes (000 App. B.1, 002 App. A).
 */
public final class Cifar10Loader {

    /** Bytes per record: 1 label + 3 × 32 × 32 pixels. */
    public static final int RECORD = 3073;
    /** Input dimension: 3 channels × 32 × 32. */
    public static final int PIXELS = 3072;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Image shape (channels, height, width) of the inputs, channel-major as in the files: 3 × 32 × 32. */
    public static final ImageShape SHAPE = ImageShape.CIFAR10;
    /** Class names in label order. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private Cifar10Loader() {
    }

    /**
     * Loads the first {@code limit} examples of the training batches (in order 1..5) or of the test batch.
     *
     * @throws DataFileException for a missing directory or batch file, a file whose length is not a whole number
     *                           of 3073-byte records (truncated), or a label outside 0..9
     */
    public static Dataset load(Path dir, boolean train, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        MnistLoader.requireDirectory(dir);
        Path base = Files.isRegularFile(dir.resolve("test_batch.bin")) || Files.isRegularFile(
                dir.resolve("data_batch_1.bin")) || !Files.isDirectory(dir.resolve("cifar-10-batches-bin"))
                ? dir : dir.resolve("cifar-10-batches-bin");
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int b = 1; b <= 5; b++) {
                files.add(base.resolve("data_batch_" + b + ".bin"));
            }
        } else {
            files.add(base.resolve("test_batch.bin"));
        }
        return load(files, limit, "cifar10 " + (train ? "train" : "test"));
    }

    /**
     * Loads the first {@code limit} examples of the given CIFAR-10 binary batch files, in order (explicit paths:
     * any file names, any directories).
     *
     * @param files the batch files (3073-byte records: label, then 3072 channel-major pixels)
     * @param limit maximum number of examples (≥ 1)
     * @param name  the dataset's name
     * @throws DataFileException for a missing file, a truncated file or a label outside 0..9
     */
    public static Dataset load(List<Path> files, int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files must name at least one CIFAR-10 batch file");
        }
        long available = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new DataFileException(f, "file not found (CIFAR-10 binary needs data_batch_1.bin .. "
                        + "data_batch_5.bin and test_batch.bin in " + f.getParent() + ")");
            }
            long size = size(f);
            if (size == 0 || size % RECORD != 0) {
                throw new DataFileException(f, "truncated or corrupt: " + size + " bytes is not a whole number of "
                        + RECORD + "-byte records (" + (size / RECORD) + " records + " + (size % RECORD)
                        + " bytes)");
            }
            available += size / RECORD;
        }
        int n = (int) Math.min(limit, available);
        double[] x = new double[n * PIXELS];
        int[] y = new int[n];
        int row = 0;
        byte[] rec = new byte[RECORD];
        for (Path f : files) {
            if (row == n) {
                break;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                int inFile = 0;
                while (row < n) {
                    org.sharpnesslab.task.Cancellation.checkpoint();
                    int got = in.readNBytes(rec, 0, RECORD);
                    if (got == 0) {
                        break;
                    }
                    if (got < RECORD) {
                        throw new DataFileException(f, "truncated: record " + inFile + " has " + got + " of "
                                + RECORD + " bytes");
                    }
                    int label = rec[0] & 0xff;
                    if (label >= CLASSES) {
                        throw new DataFileException(f, "corrupt: label " + label + " in record " + inFile
                                + " is outside 0.." + (CLASSES - 1));
                    }
                    y[row] = label;
                    int off = row * PIXELS;
                    for (int j = 0; j < PIXELS; j++) {
                        x[off + j] = (rec[1 + j] & 0xff) / 255.0;
                    }
                    row++;
                    inFile++;
                }
            } catch (IOException e) {
                throw new DataFileException(f, "cannot read: " + e.getMessage(), e);
            }
        }
        return Transforms.labelled(name + (n < available ? "[:" + n + "]" : ""), x, PIXELS, y, CLASSES);
    }

    /** Writes a CIFAR-10 binary batch file from labels and 3072-byte images (channel-major), e.g. in tests. */
    public static void writeBatch(Path file, int[] labels, byte[] pixels) throws IOException {
        if (pixels.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels must have " + ((long) labels.length * PIXELS)
                    + " bytes for " + labels.length + " labels, had " + pixels.length);
        }
        byte[] out = new byte[labels.length * RECORD];
        for (int i = 0; i < labels.length; i++) {
            out[i * RECORD] = (byte) labels[i];
            System.arraycopy(pixels, i * PIXELS, out, i * RECORD + 1, PIXELS);
        }
        Files.write(file, out);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new DataFileException(f, "cannot read: " + e.getMessage(), e);
        }
    }
}
