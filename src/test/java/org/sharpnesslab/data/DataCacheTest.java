package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data cache on bad input: an absent cache, a missing dataset or file, a wrong directory, a truncated file, a
 * checksum mismatch, a refused install; each message names the file and the remedy. Runs on a temporary cache
 * root (the JVM property sharpnesslab.data) and small fixture files made here.
 */
class DataCacheTest {

    private String savedProperty;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(DataCache.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(DataCache.PROPERTY);
        } else {
            System.setProperty(DataCache.PROPERTY, savedProperty);
        }
    }

    @Test
    void rootFollowsSharpnessDataThenXdgThenHome() {
        assertEquals(Path.of("/data/x"), DataCache.root(Map.of("SHARPNESS_DATA", "/data/x", "XDG_CACHE_HOME", "/c"), "/h"));
        assertEquals(Path.of("/c/sharpness-lab/data"), DataCache.root(Map.of("XDG_CACHE_HOME", "/c"), "/h"));
        assertEquals(Path.of("/h/.cache/sharpness-lab/data"), DataCache.root(Map.of(), "/h"));
        assertEquals(Path.of("/h/.cache/sharpness-lab/data"), DataCache.root(Map.of("SHARPNESS_DATA", " "), "/h"));
    }

    @Test
    void theVerbsWithoutAPathNameTheFetchCommandWhenTheCacheIsAbsent(@TempDir Path tmp) {
        System.setProperty(DataCache.PROPERTY, tmp.resolve("nowhere").toString());
        for (Runnable verb : List.<Runnable>of(Datasets::mnist, Datasets::mnistTest, Datasets::fashionMnist,
                Datasets::fashionMnistTest, () -> Datasets.mnist(10), () -> Datasets.fashionMnistTest(10))) {
            DataFileException e = assertThrows(DataFileException.class, verb::run);
            assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("nowhere"), e.getMessage());
            assertTrue(e.getMessage().contains("-Dsharpnesslab.data="), e.getMessage());
        }
    }

    @Test
    void aMissingDatasetAndAMissingFileAreNamed(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("mnist"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataCache.require(root, DataChecksums.FASHION_MNIST, true));
        assertTrue(e.getMessage().contains("Fashion-MNIST is not in the data cache " + root), e.getMessage());
        assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
        assertTrue(e.getMessage().contains("Datasets.fashionMnist(Path)"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataCache.require(root, DataChecksums.MNIST, false));
        assertEquals(root.resolve("mnist").resolve("t10k-images-idx3-ubyte"), e.path());
        assertTrue(e.getMessage().contains("missing from the data cache"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
    }

    @Test
    void aDatasetDirectoryGivenAsTheCacheRootIsExplained(@TempDir Path root) throws IOException {
        Files.write(root.resolve("train-images-idx3-ubyte"), new byte[16]);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataCache.require(root, DataChecksums.MNIST, true));
        assertTrue(e.getMessage().contains("must name the cache root, which holds mnist/ and fashion-mnist/"),
                e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedWithSizesAndRemedy(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, new byte[1000]);
        DataFileException e = assertThrows(DataFileException.class, () -> DataCache.require(root, DataChecksums.MNIST, true));
        assertEquals(images, e.path());
        assertTrue(e.getMessage().contains("truncated: 1000 bytes, expected 47040016"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
    }

    @Test
    void aFileOfTheRightSizeButWrongBytesIsAChecksumMismatch(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
            f.setLength(7_840_016L);                          // the right size, all zeros
        }
        Files.write(labels, new byte[10_008]);
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataCache.require(root, DataChecksums.FASHION_MNIST, false));
        assertEquals(images, e.path());
        String expected = DataChecksums.file(DataChecksums.FASHION_MNIST, "t10k-images-idx3-ubyte").sha256();
        assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + expected + ", found "
                + DataCache.sha256(images)), e.getMessage());
        assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
    }

    @Test
    void installVerifiesPlainAndGzippedSourcesAndRenamesIntoPlace(@TempDir Path tmp) throws IOException {
        byte[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
        Path src = Files.createDirectories(tmp.resolve("src"));
        Idx.write(src.resolve("lab.gz"), new int[] {labels.length}, labels, true);
        Idx.write(src.resolve("lab"), new int[] {labels.length}, labels, false);
        DataFile entry = entry("lab", Files.readAllBytes(src.resolve("lab")));
        Path dir = tmp.resolve("cache").resolve("toy");
        Path installed = DataCache.install(src.resolve("lab.gz"), entry, dir);
        assertEquals(dir.resolve("lab"), installed);
        assertArrayEquals(Files.readAllBytes(src.resolve("lab")), Files.readAllBytes(installed));
        DataCache.install(src.resolve("lab"), entry, dir);              // again, from the plain file: replaced
        assertEquals(List.of(installed), listing(dir));                 // no temporary file left
        DataCache.verify(installed, entry);
        assertArrayEquals(labels, Idx.read(installed, Idx.MAGIC_LABELS).data());
    }

    @Test
    void aMismatchingSourceIsRefusedAndThePreviousFileStays(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Idx.write(src.resolve("good"), new int[] {4}, new byte[] {1, 2, 3, 4}, false);
        Idx.write(src.resolve("bad.gz"), new int[] {4}, new byte[] {1, 2, 3, 5}, true);
        Idx.write(src.resolve("short"), new int[] {3}, new byte[] {1, 2, 3}, false);
        DataFile entry = entry("lab", Files.readAllBytes(src.resolve("good")));
        Path dir = tmp.resolve("cache");
        DataCache.install(src.resolve("good"), entry, dir);
        byte[] before = Files.readAllBytes(dir.resolve("lab"));

        DataFileException e = assertThrows(DataFileException.class, () -> DataCache.install(src.resolve("bad.gz"), entry, dir));
        assertEquals(src.resolve("bad.gz"), e.path());
        assertTrue(e.getMessage().contains("refused: SHA-256 mismatch for toy/lab: expected " + entry.sha256()
                + ", found " + sha256(gunzipIdx(new byte[] {1, 2, 3, 5}))), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was installed"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataCache.install(src.resolve("short"), entry, dir));
        assertTrue(e.getMessage().contains("truncated, 11 bytes (uncompressed), expected 12"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataCache.install(src.resolve("absent"), entry, dir));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());

        byte[] gz = Files.readAllBytes(src.resolve("bad.gz"));
        Files.write(src.resolve("cut.gz"), java.util.Arrays.copyOf(gz, gz.length - 12));
        e = assertThrows(DataFileException.class, () -> DataCache.install(src.resolve("cut.gz"), entry, dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(dir.resolve("lab")));
        assertEquals(List.of(dir.resolve("lab")), listing(dir));
    }

    @Test
    void aVerifiedFileIsHashedAgainOnlyWhenItsSizeOrTimeChanged(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("lab");
        Idx.write(f, new int[] {4}, new byte[] {1, 2, 3, 4}, false);
        DataFile entry = entry("lab", Files.readAllBytes(f));
        DataCache.verify(f, entry);
        FileTime time = Files.getLastModifiedTime(f);
        // the same size and time: remembered as verified, not read again (the documented trade-off)
        Files.write(f, new byte[] {0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 9});
        Files.setLastModifiedTime(f, time);
        DataCache.verify(f, entry);
        // a new modification time: hashed again, and refused
        Files.setLastModifiedTime(f, FileTime.fromMillis(time.toMillis() + 5000));
        DataFileException e = assertThrows(DataFileException.class, () -> DataCache.verify(f, entry));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    }

    @Test
    void theCommandVerifiesInstallsAndReportsMismatchesWithExitStatus(@TempDir Path tmp) throws IOException {
        System.setProperty(DataCache.PROPERTY, tmp.resolve("cache").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, DataCommand.run(new String[] {"missing"}, o, r));
        assertEquals("mnist\nfashion-mnist\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
        assertEquals(2, DataCommand.run(new String[] {"verify", "mnist"}, o, r));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAILED"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("train-images-idx3-ubyte"), new byte[100]);
        assertEquals(1, DataCommand.run(new String[] {"install", "mnist", src.toString()}, o, r));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("train-images-idx3-ubyte") && msg.contains("truncated, 100 bytes"), msg);
        assertFalse(Files.exists(tmp.resolve("cache").resolve("mnist").resolve("train-images-idx3-ubyte")));
        assertEquals(tmp.resolve("cache").toString() + "\n", capture(o2 -> DataCommand.run(new String[] {"root"}, o2, r)));
        assertEquals(1, DataCommand.run(new String[] {"verify", "cifar"}, o, r));
    }

    private static String capture(java.util.function.Consumer<PrintStream> f) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        f.accept(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    static DataFile entry(String name, byte[] content) {
        return new DataFile("toy", name, content.length, sha256(content));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gunzipIdx(byte[] labels) {
        byte[] out = new byte[8 + labels.length];
        out[3] = 1;
        out[2] = 8;
        out[7] = (byte) labels.length;
        System.arraycopy(labels, 0, out, 8, labels.length);
        return out;
    }

    static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
