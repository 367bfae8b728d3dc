package org.sharpnesslab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reader and writer of IDX files, the format of MNIST and Fashion-MNIST: a big-endian header {@code 0x00 0x00
 * type ndims}, then ndims 32-bit big-endian sizes, then the data. Only unsigned-byte data (type 0x08) is
 * supported, which is what both datasets use: images have magic 0x00000803 (n × rows × cols), labels 0x00000801
 * (n). A file is read as gzip when it starts with the gzip signature 0x1f 0x8b, whatever its name.
 */
public final class Idx {

    /** Magic number of an unsigned-byte IDX file with 3 dimensions (images). */
    public static final int MAGIC_IMAGES = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with 1 dimension (labels). */
    public static final int MAGIC_LABELS = 0x00000801;

    private Idx() {
    }

    /**
     * The contents of one IDX file.
     *
     * @param dims the sizes from the header (e.g. {n, 28, 28})
     * @param data the unsigned bytes, row-major: product(dims) of them, or the first items' only when read with
     *             a limit ({@link #read(Path, int, int)})
     */
    public record Contents(int[] dims, byte[] data) {

        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Size of one item: the product of the other dimensions (1 for labels). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }
    }

    /**
     * Reads an IDX file and checks its magic number.
     *
     * @param file          the file (gzipped or not)
     * @param expectedMagic {@link #MAGIC_IMAGES} or {@link #MAGIC_LABELS}
     * @throws DataFileException if the file is missing, has another magic number, is truncated or has trailing
     *                           bytes
     */
    public static Contents read(Path file, int expectedMagic) {
        return read(file, expectedMagic, Integer.MAX_VALUE);
    }

    /**
     * Reads the header and the first {@code limit} items of an IDX file (all when it has fewer), and checks that
     * the file holds exactly what its header announces: an uncompressed file by its size (the rest is not read),
     * a gzipped one by decompressing the rest.
     *
     * @param limit number of items to keep (≥ 0)
     * @return the header's dims and the first min(limit, count) items' bytes
     * @throws DataFileException as {@link #read(Path, int)}
     */
    public static Contents read(Path file, int expectedMagic, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        try (InputStream opened = open(file); DataInputStream in = new DataInputStream(opened)) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new DataFileException(file, "truncated: shorter than the 4-byte IDX magic number", e);
            }
            if (magic != expectedMagic) {
                throw new DataFileException(file, String.format("wrong magic number 0x%08x, expected 0x%08x (%s)",
                        magic, expectedMagic, expectedMagic == MAGIC_IMAGES ? "IDX images, ubyte, 3 dims"
                                : expectedMagic == MAGIC_LABELS ? "IDX labels, ubyte, 1 dim" : "IDX"));
            }
            int ndims = magic & 0xff;
            int[] dims = new int[ndims];
            long total = 1;
            for (int i = 0; i < ndims; i++) {
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new DataFileException(file, "truncated inside the header (dimension " + i + " of "
                            + ndims + ")", e);
                }
                if (dims[i] < 0) {
                    throw new DataFileException(file, "negative size " + dims[i] + " in dimension " + i);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, "header sizes " + Arrays.toString(dims) + " give " + total
                        + " bytes, more than one array can hold");
            }
            long itemSize = ndims == 0 ? 1 : total / Math.max(1, dims[0]);
            long keep = ndims == 0 ? total : Math.min(limit, dims[0]) * itemSize;
            boolean gzip = opened instanceof GZIPInputStream;
            if (!gzip) {                       // an uncompressed file: its size tells, without reading the rest
                long found = Files.size(file) - (4L + 4L * ndims);
                if (found < total) {
                    throw new DataFileException(file, "truncated: header " + Arrays.toString(dims) + " announces "
                            + total + " data bytes, found " + found);
                }
                if (found > total) {
                    throw new DataFileException(file, "corrupt: more data than the header "
                            + Arrays.toString(dims) + " announces (" + total + " bytes)");
                }
            }
            byte[] data = new byte[(int) keep];
            long read = in.readNBytes(data, 0, data.length);
            if (gzip) {
                long rest = total - keep;
                while (read == keep && rest > 0) {    // decompress the rest: a gzip stream tells only at its end
                    long skipped = in.skip(rest);
                    if (skipped <= 0) {
                        if (in.read() < 0) {
                            break;
                        }
                        skipped = 1;
                    }
                    rest -= skipped;
                }
                read += total - keep - rest;
            }
            if (read < (gzip ? total : keep)) {
                throw new DataFileException(file, "truncated: header " + Arrays.toString(dims) + " announces "
                        + total + " data bytes, found " + read);
            }
            if (gzip && in.read() != -1) {
                throw new DataFileException(file, "corrupt: more data than the header " + Arrays.toString(dims)
                        + " announces (" + total + " bytes)");
            }
            return new Contents(dims, data);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found", e);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the gzip stream ends early (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes an unsigned-byte IDX file (gzipped when {@code gzip}); the inverse of {@link #read}. Used to make
     * small files in the standard format, e.g. in tests.
     */
    public static void write(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        long total = 1;
        for (int s : dims) {
            total *= s;
        }
        if (total != data.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + total
                    + " bytes, data has " + data.length);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream os = gzip ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x00000800 | dims.length);
            for (int s : dims) {
                out.writeInt(s);
            }
            out.write(data);
        }
    }

    /** A buffered stream of the file; a {@link GZIPInputStream} (not buffered again) for a gzipped one. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }
}
