package org.sharpnesslab.data;

import org.sharpnesslab.task.Cancellation;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The data cache: where MNIST and Fashion-MNIST live once fetched and verified, as torchvision's {@code root}
 * does for its users. The cache root is {@code $SHARPNESS_DATA} when set, else
 * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/sharpness-lab/data}; each dataset has a sub-directory ({@code mnist/},
 * {@code fashion-mnist/}) holding its four uncompressed IDX files under their canonical names
 * ({@link DataChecksums}).
 *
 * <p>Filling it: {@value #FETCH_COMMAND} (from the project's root) takes the files from the npm and Debian
 * packages; {@link Downloader#download(String)} from the datasets' canonical web sources. Both go through
 * {@link #install}: the bytes are written to a hidden temporary file in the dataset's directory, hashed on the
 * way, and renamed onto the final name only when size and SHA-256 match — so a file under a canonical name is
 * always complete, and a loader never sees a half-written one.
 *
 * <p>Verification: {@link #require} checks the size and SHA-256 of the files a loader is about to read. A file
 * is hashed once per JVM: the verified (path, size, modification time) is remembered, and a file whose size or
 * time changed since is hashed again. (Hashing the 47 MB training images takes about 0.1 s on a machine with SHA
 * instructions.) Nothing is written
 * beside the data to remember it across JVMs.
 */
public final class DataCache {

    /** The command (relative to the project's root) that fetches and verifies MNIST and Fashion-MNIST. */
    public static final String FETCH_COMMAND = "kernel-install/fetch-data.sh";
    /** The environment variable naming the cache root. */
    public static final String ENV = "SHARPNESS_DATA";
    /** The JVM property that overrides {@link #ENV} for one JVM. */
    public static final String PROPERTY = "sharpnesslab.data";

    private static final Map<Path, Stamp> VERIFIED = new ConcurrentHashMap<>();

    private record Stamp(long size, long mtime) {
    }

    private DataCache() {
    }

    /**
     * The cache root: {@code $SHARPNESS_DATA}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/sharpness-lab/data}.
     * The JVM property {@value #PROPERTY}, when set, takes precedence (for one JVM, e.g. a test).
     */
    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        return root(System.getenv(), System.getProperty("user.home"));
    }

    static Path root(Map<String, String> env, String home) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache");
        return cache.resolve("sharpness-lab").resolve("data").toAbsolutePath();
    }

    /** The directory of one dataset in the cache ({@code root()/dataset}); it may not exist yet. */
    public static Path directory(String dataset) {
        DataChecksums.files(dataset);
        return root().resolve(dataset);
    }

    /**
     * The verified cache directory of a dataset's training part ({@code train = true}) or test part.
     *
     * @param dataset {@link DataChecksums#MNIST} or {@link DataChecksums#FASHION_MNIST}
     * @throws DataFileException when the cache, the dataset or one of the part's two files is missing, or a file
     *                           has the wrong size or SHA-256; the message names the file and the command to run
     */
    public static Path require(String dataset, boolean train) {
        return require(root(), dataset, train);
    }

    static Path require(Path root, String dataset, boolean train) {
        List<DataFile> files = DataChecksums.files(dataset);
        Path dir = root.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            String why;
            if (Files.isRegularFile(root.resolve("train-images-idx3-ubyte"))
                    || Files.isRegularFile(root.resolve("t10k-images-idx3-ubyte"))) {
                why = "the cache root " + root + " holds IDX files itself: " + ENV + " must name the cache root, "
                        + "which holds mnist/ and fashion-mnist/, not one dataset's directory";
            } else if (!Files.isDirectory(root)) {
                why = "the data cache " + root + " does not exist" + rootOrigin();
            } else {
                why = displayName(dataset) + " is not in the data cache " + root + rootOrigin();
            }
            throw new DataFileException(dir, why + ". " + fetchRemedy(dataset));
        }
        String prefix = train ? "train-" : "t10k-";
        for (DataFile f : files) {
            if (f.name().startsWith(prefix)) {
                Path p = dir.resolve(f.name());
                if (!Files.isRegularFile(p)) {
                    throw new DataFileException(p, "missing from the data cache (" + displayName(dataset)
                            + " needs " + f.name() + "). " + fetchRemedy(dataset));
                }
                verify(p, f);
            }
        }
        return dir;
    }

    /**
     * Checks a file against its entry of the table: size first (a truncated file is named as such), then
     * SHA-256; a file verified before in this JVM with the same size and modification time is not hashed again.
     *
     * @throws DataFileException naming the file, the expected and the actual size or hash, and the remedy
     */
    public static void verify(Path file, DataFile expected) {
        Path key = file.toAbsolutePath().normalize();
        Stamp stamp = stamp(file);
        if (stamp.equals(VERIFIED.get(key))) {
            return;
        }
        if (stamp.size != expected.size()) {
            throw new DataFileException(file, (stamp.size < expected.size() ? "truncated" : "too long") + ": "
                    + stamp.size + " bytes, expected " + expected.size() + " for " + expected.dataset() + "/"
                    + expected.name() + ". " + replaceRemedy(expected.dataset()));
        }
        String actual = sha256(file);
        if (!actual.equals(expected.sha256())) {
            throw new DataFileException(file, "SHA-256 mismatch: expected " + expected.sha256() + ", found "
                    + actual + " (corrupt, or not " + expected.dataset() + "/" + expected.name() + "). "
                    + replaceRemedy(expected.dataset()));
        }
        if (stamp.equals(stamp(file))) {
            VERIFIED.put(key, stamp);
        }
    }

    /**
     * Copies {@code source} (gzipped or not: a gzip signature is decompressed, whatever the name) into
     * {@code dir/expected.name()}, verifying size and SHA-256 of the uncompressed bytes on the way. The bytes go
     * to a hidden temporary file in {@code dir} that is renamed onto the final name only when both match
     * (atomically where the file system can); on a mismatch the temporary file is deleted, the previous file
     * (if any) stays as it was, and a {@link DataFileException} names the source, the expected and the actual
     * hash. Honours {@link Cancellation}.
     *
     * @return the installed file
     */
    public static Path install(Path source, DataFile expected, Path dir) {
        Path target = dir.resolve(expected.name());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + expected.name() + ".", ".tmp");
            MessageDigest md = sha256Digest();
            long n = 0;
            try (InputStream in = openMaybeGzip(source);
                 FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 20];
                int r;
                while ((r = in.read(buf)) > 0) {
                    Cancellation.checkpoint();
                    n += r;
                    if (n > expected.size()) {
                        throw new DataFileException(source, "refused: more than the " + expected.size()
                                + " bytes of " + expected.dataset() + "/" + expected.name()
                                + " (not this file); nothing was installed. " + sourceRemedy(expected.dataset()));
                    }
                    md.update(buf, 0, r);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            } catch (EOFException e) {
                throw new DataFileException(source, "truncated: the gzip stream ends early; nothing was installed. "
                        + sourceRemedy(expected.dataset()), e);
            }
            if (n != expected.size()) {
                throw new DataFileException(source, "refused: truncated, " + n + " bytes (uncompressed), expected "
                        + expected.size() + " for " + expected.dataset() + "/" + expected.name()
                        + "; nothing was installed. " + sourceRemedy(expected.dataset()));
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected.sha256())) {
                throw new DataFileException(source, "refused: SHA-256 mismatch for " + expected.dataset() + "/"
                        + expected.name() + ": expected " + expected.sha256() + ", found " + actual
                        + "; nothing was installed. " + sourceRemedy(expected.dataset()));
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            VERIFIED.put(target.toAbsolutePath().normalize(), stamp(target));
            return target;
        } catch (NoSuchFileException e) {
            throw new DataFileException(source, "file not found (" + expected.dataset() + "/" + expected.name()
                    + " was expected here); nothing was installed", e);
        } catch (IOException e) {
            throw new DataFileException(target, "cannot install " + source + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the hidden temporary name is never read; a later install replaces it
                }
            }
        }
    }

    /** Whether every file of a dataset is in the cache with the right size and hash (hashing as needed). */
    public static boolean isComplete(String dataset) {
        try {
            require(dataset, true);
            require(dataset, false);
            return true;
        } catch (DataFileException e) {
            return false;
        }
    }

    /** SHA-256 of a file's bytes as 64 lower-case hex digits; honours {@link Cancellation}. */
    public static String sha256(Path file) {
        MessageDigest md = sha256Digest();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) > 0) {
                Cancellation.checkpoint();
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Human name of a dataset for messages. */
    static String displayName(String dataset) {
        return DataChecksums.MNIST.equals(dataset) ? "MNIST"
                : DataChecksums.FASHION_MNIST.equals(dataset) ? "Fashion-MNIST" : dataset;
    }

    /** What to run when a dataset is absent from the cache. */
    static String fetchRemedy(String dataset) {
        return "Run " + FETCH_COMMAND + " (from the sharpness-lab project's root) to fetch and verify MNIST and "
                + "Fashion-MNIST into the cache; with internet access Downloader.download(\"" + dataset
                + "\") also works; or pass a directory of your own: Datasets."
                + (DataChecksums.MNIST.equals(dataset) ? "mnist" : "fashionMnist") + "(Path)";
    }

    private static String replaceRemedy(String dataset) {
        return "Run " + FETCH_COMMAND + " (from the sharpness-lab project's root): it verifies the cache and "
                + "replaces the files of " + displayName(dataset) + " that do not match";
    }

    private static String sourceRemedy(String dataset) {
        return "The source is not the expected copy of " + displayName(dataset) + "; fetch it again ("
                + FETCH_COMMAND + ") or from another source";
    }

    private static String rootOrigin() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return " (-D" + PROPERTY + "=" + property + ")";
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? " (" + ENV + "=" + env + ")" : " (the default; set " + ENV
                + " to use another directory)";
    }

    /** rw-r--r-- where the file system has POSIX permissions (a temporary file starts as rw-------). */
    static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions apply
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static InputStream openMaybeGzip(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Forgets what this JVM verified (tests). */
    static void forgetVerified() {
        VERIFIED.clear();
    }
}
