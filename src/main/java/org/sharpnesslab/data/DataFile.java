package org.sharpnesslab.data;

import java.util.Locale;

/**
 * One file of a standard dataset as the library expects it: its name in the dataset's directory, its exact size
 * in bytes and its SHA-256, both of the <em>uncompressed</em> file (an IDX file as read, whatever gzip wrapping it
 * came in: gzip streams of the same content differ between sources, the content does not).
 *
 * @param dataset the dataset's directory name in the data cache ("mnist", "fashion-mnist")
 * @param name    the file name, e.g. {@code train-images-idx3-ubyte}
 * @param size    uncompressed size in bytes (&gt; 0)
 * @param sha256  SHA-256 of the uncompressed bytes, 64 lower-case hex digits
 */
public record DataFile(String dataset, String name, long size, String sha256) {

    public DataFile {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must be a non-empty name, got " + dataset);
        }
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("name must be a plain file name, got " + name);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
        if (sha256 == null || !sha256.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got " + sha256);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** {@code dataset/name}, as in messages. */
    @Override
    public String toString() {
        return dataset + "/" + name + " (" + size + " bytes, SHA-256 " + sha256 + ")";
    }
}
