package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of a user-supplied CIFAR-10 copy, on sparse full-size batch files whose label bytes are written here
 * (pixels all zero): the structure that passes, and each failure named with the file and where to get the data.
 */
class Cifar10FilesTest {

    private static final int[] FIRST = {6, 9, 9, 4, 1, 1, 2, 7, 8, 3};
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

    /** Six sparse batch files of the right size, 1000 labels of every class each, batch 1 starting as CIFAR-10's. */
    static void writeBatches(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String b : Cifar10Files.BATCHES) {
            Path f = dir.resolve(b);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(Cifar10Files.BATCH_BYTES);
            }
            int[] labels = new int[10_000];
            int[] counts = new int[10];
            int start = 0;
            if (b.equals("data_batch_1.bin")) {
                for (int i = 0; i < FIRST.length; i++) {
                    labels[i] = FIRST[i];
                    counts[FIRST[i]]++;
                }
                start = FIRST.length;
            }
            int c = 0;
            for (int i = start; i < labels.length; i++) {
                while (counts[c] == 1000) {
                    c = (c + 1) % 10;
                }
                labels[i] = c;
                counts[c]++;
                c = (c + 1) % 10;
            }
            setLabels(f, labels);
        }
    }

    static void setLabels(Path f, int[] labels) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            for (int i = 0; i < labels.length; i++) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) labels[i]}), (long) i * Cifar10Loader.RECORD);
            }
        }
    }

    @Test
    void aCopyWithTheRightStructurePassesAndLoadsFromTheCache(@TempDir Path root) throws IOException {
        Path dir = root.resolve("cifar-10").resolve("cifar-10-batches-bin");
        writeBatches(dir);
        assertEquals(dir, Cifar10Files.verify(root.resolve("cifar-10")));
        System.setProperty(DataCache.PROPERTY, root.toString());
        Dataset d = Datasets.cifar10(10);
        assertArrayEquals(FIRST, d.labels());
        assertEquals(3, Datasets.cifar10Test(3).size());
    }

    @Test
    void eachStructuralFaultIsNamedWithWhereToGetTheData(@TempDir Path dir) throws IOException {
        writeBatches(dir);
        Path test = dir.resolve("test_batch.bin");
        int[] labels = new int[10_000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        labels[0] = 1;                                        // class 0 has 999, class 1 has 1001
        setLabels(test, labels);
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Files.verify(dir));
        assertEquals(test, e.path());
        assertTrue(e.getMessage().contains("class 0 has 999 images, expected 1000"), e.getMessage());
        assertTrue(e.getMessage().contains(Cifar10Files.SOURCE) && e.getMessage().contains(Cifar10Files.ARCHIVE_MD5),
                e.getMessage());

        labels[0] = 0;
        labels[5] = 10;                                       // a label outside 0..9
        setLabels(test, labels);
        e = assertThrows(DataFileException.class, () -> Cifar10Files.verify(dir));
        assertTrue(e.getMessage().contains("label 10 in record 5"), e.getMessage());
        labels[5] = 5;
        setLabels(test, labels);
        Cifar10Files.verify(dir);

        Path first = dir.resolve("data_batch_1.bin");
        setLabels(first, new int[] {9, 6});                   // two images swapped
        e = assertThrows(DataFileException.class, () -> Cifar10Files.verify(dir));
        assertTrue(e.getMessage().contains("first labels are [9, 6, 9, 4"), e.getMessage());

        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.setLength(Cifar10Files.BATCH_BYTES - 1000);
        }
        e = assertThrows(DataFileException.class, () -> Cifar10Files.verify(dir));
        assertTrue(e.getMessage().contains("truncated: 30729000 bytes, expected 30730000"), e.getMessage());
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.setLength(Cifar10Files.BATCH_BYTES);
        }

        Files.delete(dir.resolve("data_batch_3.bin"));
        e = assertThrows(DataFileException.class, () -> Cifar10Files.verify(dir));
        assertEquals(dir.resolve("data_batch_3.bin"), e.path());
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(Cifar10Files.SOURCE), e.getMessage());
    }

    @Test
    void anAbsentCacheCopyOrAForeignArchiveNamesWhereToGetCifar10(@TempDir Path root) throws IOException {
        System.setProperty(DataCache.PROPERTY, root.toString());
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.cifar10(5));
        assertTrue(e.getMessage().contains("CIFAR-10 is not in the data cache") && e.getMessage().contains(
                Cifar10Files.SOURCE) && e.getMessage().contains("cifar-10-binary.tar.gz"), e.getMessage());
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, new byte[1234]);
        e = assertThrows(DataFileException.class, () -> Cifar10Files.extract(archive, root.resolve("out")));
        assertTrue(e.getMessage().contains("truncated: 1234 bytes, expected 170052171"), e.getMessage());
        try (RandomAccessFile raf = new RandomAccessFile(archive.toFile(), "rw")) {
            raf.setLength(Cifar10Files.ARCHIVE_SIZE);
        }
        e = assertThrows(DataFileException.class, () -> Cifar10Files.extract(archive, root.resolve("out")));
        assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + Cifar10Files.ARCHIVE_SHA256), e.getMessage());
        assertTrue(!Files.exists(root.resolve("out")));
    }

    @Test
    void theArchiveReaderUnpacksTheSixBatchFilesAndRefusesAnIncompleteArchive(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (String b : Cifar10Files.BATCHES) {
            byte[] body = ("contents of " + b).getBytes(StandardCharsets.US_ASCII);
            tarEntry(tar, "cifar-10-batches-bin/" + b, body);
        }
        tarEntry(tar, "cifar-10-batches-bin/readme.html", new byte[700]);
        tar.write(new byte[1024]);
        Path archive = tmp.resolve("a.tar.gz");
        Files.write(archive, gzip(tar.toByteArray()));
        Path out = tmp.resolve("out");
        Cifar10Files.unpack(archive, out);
        assertEquals("contents of test_batch.bin", Files.readString(out.resolve("test_batch.bin")));
        assertEquals(Cifar10Files.BATCHES.size(), DataCacheTest.listing(out).size());   // readme skipped, no temp file

        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        tarEntry(partial, "cifar-10-batches-bin/data_batch_1.bin", new byte[10]);
        partial.write(new byte[1024]);
        Files.write(archive, gzip(partial.toByteArray()));
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Files.unpack(archive, tmp.resolve("o2")));
        assertTrue(e.getMessage().contains("holds 1 of the 6 batch files"), e.getMessage());
    }

    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] body) throws IOException {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        byte[] size = String.format("%011o", body.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = '0';
        tar.write(h);
        tar.write(body);
        tar.write(new byte[(512 - body.length % 512) % 512]);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }
}
