package org.sharpnesslab.data;

import org.sharpnesslab.task.Cancellation;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user-supplied copy of CIFAR-10 (binary version), which no package registry reachable here serves.
 *
 * <p>What is checked, and against what:
 * <ul>
 *   <li>The archive {@value #ARCHIVE}, when given: its size ({@value #ARCHIVE_SIZE} bytes) and SHA-256
 *       {@value #ARCHIVE_SHA256}, the archive the dataset's page ({@value #SOURCE}) publishes with MD5
 *       {@value #ARCHIVE_MD5}. {@link #extract} verifies it, then unpacks the six batch files into a directory
 *       (each through a temporary file renamed into place).</li>
 *   <li>The six batch files, when only they are given: no per-file hashes of the binary batches are published
 *       (torchvision's MD5s are of the Python pickles, another format), so {@link #verify} checks their
 *       structure: each exactly {@value #BATCH_BYTES} bytes (10,000 records of 3073 bytes), every label in 0..9,
 *       1,000 test images of every class, 5,000 training images of every class over the five batches, and the
 *       first ten labels of {@code data_batch_1.bin}, 6 9 9 4 1 1 2 7 8 3 (frog, truck, truck, deer, automobile,
 *       automobile, bird, horse, ship, cat). A truncated, reordered or foreign file fails one of these; a change of
 *       pixels alone does not (only the archive's hash can see it).</li>
 * </ul>
 * Like {@link DataCache}, a directory verified once is not read again in the same JVM while its files keep their
 * sizes and modification times.
 */
public final class Cifar10Files {

    /** The dataset's page, where the archive is published. */
    public static final String SOURCE = "https://www.cs.toronto.edu/~kriz/cifar.html";
    /** The binary archive's name. */
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** The binary archive's size in bytes. */
    public static final long ARCHIVE_SIZE = 170_052_171L;
    /** The binary archive's published MD5. */
    public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** The binary archive's SHA-256 (of the file whose MD5 is the published one). */
    public static final String ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    /** Size of each batch file: 10,000 records of {@link Cifar10Loader#RECORD} bytes. */
    public static final long BATCH_BYTES = 30_730_000L;
    /** The batch files: five training batches, then the test batch. */
    public static final List<String> BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
    /** The directory of the cache ({@link DataCache#root()}) where {@code Datasets.cifar10()} looks. */
    public static final String CACHE_DIRECTORY = "cifar-10";

    private static final int[] FIRST_LABELS = {6, 9, 9, 4, 1, 1, 2, 7, 8, 3};
    private static final Map<Path, List<Long>> VERIFIED = new ConcurrentHashMap<>();

    private Cifar10Files() {
    }

    /** Where to get CIFAR-10, for error messages. */
    public static String remedy() {
        return "CIFAR-10 is not served by any package registry: download the binary version " + ARCHIVE + " ("
                + ARCHIVE_SIZE + " bytes, MD5 " + ARCHIVE_MD5 + ") from " + SOURCE + ", then run "
                + "'java -cp target/classes " + DataCommand.class.getName() + " cifar10 " + ARCHIVE
                + "' (it verifies the archive and unpacks it into the data cache), or pass the directory of the "
                + "unpacked cifar-10-batches-bin to Datasets.cifar10(Path)";
    }

    /**
     * Verifies the six batch files in {@code dir} (or in its {@code cifar-10-batches-bin} sub-directory) as
     * described above and returns the directory that holds them.
     *
     * @throws DataFileException naming the file and what is wrong with it, and where to get the dataset
     */
    public static Path verify(Path dir) {
        MnistLoader.requireDirectory(dir);
        Path base = Files.isRegularFile(dir.resolve(BATCHES.get(0))) || !Files.isDirectory(
                dir.resolve("cifar-10-batches-bin")) ? dir : dir.resolve("cifar-10-batches-bin");
        List<Long> stamp = new ArrayList<>();
        for (String b : BATCHES) {
            Path f = base.resolve(b);
            if (!Files.isRegularFile(f)) {
                throw new DataFileException(f, "missing: CIFAR-10 (binary version) needs " + BATCHES + " in "
                        + base + ". " + remedy());
            }
            try {
                long size = Files.size(f);
                if (size != BATCH_BYTES) {
                    throw new DataFileException(f, (size < BATCH_BYTES ? "truncated" : "too long") + ": " + size
                            + " bytes, expected " + BATCH_BYTES + " (10,000 records of " + Cifar10Loader.RECORD
                            + " bytes). " + remedy());
                }
                stamp.add(size);
                stamp.add(Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                throw new DataFileException(f, "cannot read: " + e.getMessage(), e);
            }
        }
        Path key = base.toAbsolutePath().normalize();
        if (stamp.equals(VERIFIED.get(key))) {
            return base;
        }
        int[] trainCounts = new int[Cifar10Loader.CLASSES];
        for (String b : BATCHES) {
            Path f = base.resolve(b);
            int[] labels = labels(f);
            if (b.equals(BATCHES.get(0))) {
                int[] first = Arrays.copyOf(labels, FIRST_LABELS.length);
                if (!Arrays.equals(first, FIRST_LABELS)) {
                    throw new DataFileException(f, "not CIFAR-10's first training batch: its first labels are "
                            + Arrays.toString(first) + ", expected " + Arrays.toString(FIRST_LABELS) + ". "
                            + remedy());
                }
            }
            int[] counts = new int[Cifar10Loader.CLASSES];
            for (int l : labels) {
                counts[l]++;
            }
            if (b.startsWith("test")) {
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c] != 1000) {
                        throw new DataFileException(f, "not CIFAR-10's test batch: class " + c + " has " + counts[c]
                                + " images, expected 1000 of every class. " + remedy());
                    }
                }
            } else {
                for (int c = 0; c < counts.length; c++) {
                    trainCounts[c] += counts[c];
                }
            }
        }
        for (int c = 0; c < trainCounts.length; c++) {
            if (trainCounts[c] != 5000) {
                throw new DataFileException(base, "not CIFAR-10's training batches: class " + c + " has "
                        + trainCounts[c] + " images over data_batch_1..5, expected 5000 of every class. " + remedy());
            }
        }
        VERIFIED.put(key, stamp);
        return base;
    }

    /**
     * Verifies the archive's size and SHA-256 against the published archive, then unpacks its six batch files
     * into {@code dir} (created if needed), each written to a temporary file and renamed into place, and verifies
     * them with {@link #verify}. Honours {@link Cancellation}.
     *
     * @return {@code dir}
     * @throws DataFileException naming the archive, expected and actual size or hash
     */
    public static Path extract(Path archive, Path dir) {
        if (!Files.isRegularFile(archive)) {
            throw new DataFileException(archive, "file not found. " + remedy());
        }
        try {
            long size = Files.size(archive);
            if (size != ARCHIVE_SIZE) {
                throw new DataFileException(archive, (size < ARCHIVE_SIZE ? "truncated" : "too long") + ": " + size
                        + " bytes, expected " + ARCHIVE_SIZE + " for " + ARCHIVE + ". " + remedy());
            }
        } catch (IOException e) {
            throw new DataFileException(archive, "cannot read: " + e.getMessage(), e);
        }
        String actual = DataCache.sha256(archive);
        if (!actual.equals(ARCHIVE_SHA256)) {
            throw new DataFileException(archive, "SHA-256 mismatch: expected " + ARCHIVE_SHA256 + ", found " + actual
                    + " (corrupt, or not the published " + ARCHIVE + "). " + remedy());
        }
        unpack(archive, dir);
        return verify(dir);
    }

    /** Unpacks the batch files of a (gzipped) tar archive into dir, each through a temporary file. */
    static void unpack(Path archive, Path dir) {
        try (InputStream raw = DataCache.openMaybeGzip(archive); DataInputStream in = new DataInputStream(raw)) {
            Files.createDirectories(dir);
            byte[] header = new byte[512];
            int found = 0;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) {
                    break;                                          // the two zero blocks that end a tar
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0"
                        : field(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean wanted = (header[156] == '0' || header[156] == 0) && BATCHES.contains(base);
                if (wanted) {
                    Path tmp = Files.createTempFile(dir, "." + base + ".", ".tmp");
                    try {
                        try (OutputStream out = Files.newOutputStream(tmp)) {
                            copy(in, out, size);
                        }
                        DataCache.readableByAll(tmp);
                        moveIntoPlace(tmp, dir.resolve(base));
                        found++;
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
            if (found != BATCHES.size()) {
                throw new DataFileException(archive, "holds " + found + " of the " + BATCHES.size()
                        + " batch files " + BATCHES + ". " + remedy());
            }
        } catch (EOFException e) {
            throw new DataFileException(archive, "truncated: the archive ends inside a file. " + remedy(), e);
        } catch (IOException | NumberFormatException e) {
            throw new DataFileException(archive, "not a readable tar.gz archive: " + e.getMessage() + ". "
                    + remedy(), e);
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            Cancellation.checkpoint();
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("archive ends early");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }

    /** The label bytes of a batch file: one positional read per record (the pixels are not read). */
    private static int[] labels(Path f) {
        int records = (int) (BATCH_BYTES / Cifar10Loader.RECORD);
        int[] labels = new int[records];
        ByteBuffer one = ByteBuffer.allocate(1);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            for (int rec = 0; rec < records; rec++) {
                Cancellation.checkpointEvery1024(rec);
                one.clear();
                if (ch.read(one, (long) rec * Cifar10Loader.RECORD) != 1) {
                    throw new DataFileException(f, "truncated at record " + rec + ". " + remedy());
                }
                int l = one.get(0) & 0xff;
                if (l >= Cifar10Loader.CLASSES) {
                    throw new DataFileException(f, "corrupt: label " + l + " in record " + rec
                            + " is outside 0..9. " + remedy());
                }
                labels[rec] = l;
            }
        } catch (IOException e) {
            throw new DataFileException(f, "cannot read: " + e.getMessage(), e);
        }
        return labels;
    }
}
