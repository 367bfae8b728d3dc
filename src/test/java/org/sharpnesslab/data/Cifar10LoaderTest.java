package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** CIFAR-10 binary batches written here: 5 training batches of 3 records and a test batch of 2. */
class Cifar10LoaderTest {

    private static final int PER_BATCH = 3;

    private static byte[] images(int n, long seed) {
        byte[] b = new byte[n * 3072];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int[] labels(int batch) {
        return new int[] {batch % 10, (batch + 3) % 10, 9};
    }

    private static void writeAll(Path dir) throws IOException {
        for (int b = 1; b <= 5; b++) {
            Cifar10Loader.writeBatch(dir.resolve("data_batch_" + b + ".bin"), labels(b), images(PER_BATCH, b));
        }
        Cifar10Loader.writeBatch(dir.resolve("test_batch.bin"), new int[] {4, 0}, images(2, 99));
    }

    private static void assertRecord(Dataset d, int row, int label, byte[] px, int imageIndex) {
        assertEquals(label, d.labels()[row]);
        assertEquals(1.0, d.targets()[row * 10 + label], 0.0);
        for (int j = 0; j < 3072; j++) {
            assertEquals(px[imageIndex * 3072 + j] & 0xff, (int) Math.round(d.inputs()[row * 3072 + j] * 255),
                    "row " + row + " byte " + j);
        }
    }

    @Test
    void allBatchesRoundTripExactlyInOrder(@TempDir Path dir) throws IOException {
        writeAll(dir);
        assertEquals(PER_BATCH * 3073L, Files.size(dir.resolve("data_batch_1.bin")));
        Dataset train = Datasets.cifar10(dir);
        assertEquals(15, train.size());
        assertEquals(3072, train.inputDim());
        assertEquals(10, train.outputDim());
        for (int b = 1; b <= 5; b++) {
            byte[] px = images(PER_BATCH, b);
            for (int r = 0; r < PER_BATCH; r++) {
                assertRecord(train, (b - 1) * PER_BATCH + r, labels(b)[r], px, r);
            }
        }
        // channel-major: the first 1024 inputs of a record are the red plane, the record's bytes 1..1024
        byte[] raw = Files.readAllBytes(dir.resolve("data_batch_1.bin"));
        assertEquals(labels(1)[0], raw[0]);
        assertEquals((raw[1024] & 0xff) / 255.0, train.inputs()[1023], 0.0);
        assertEquals((raw[1025] & 0xff) / 255.0, train.inputs()[1024], 0.0);
        Dataset test = Datasets.cifar10Test(dir);
        assertEquals(2, test.size());
        assertRecord(test, 1, 0, images(2, 99), 1);
    }

    @Test
    void limitStopsPartWayThroughTheBatchesAndSubdirectoryIsFound(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        writeAll(sub);
        Dataset first7 = Datasets.cifar10(dir, 7);
        assertEquals(7, first7.size());
        assertEquals("cifar10 train[:7]", first7.name());
        assertRecord(first7, 6, labels(3)[0], images(PER_BATCH, 3), 0);
        assertEquals(1, Datasets.cifar10Test(dir, 1).size());
    }

    @Test
    void missingDirectoryAndMissingBatch(@TempDir Path dir) throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.cifar10(dir.resolve("none")));
        assertTrue(e.getMessage().contains("directory not found"), e.getMessage());
        writeAll(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        e = assertThrows(DataFileException.class, () -> Datasets.cifar10(dir));
        assertEquals(dir.resolve("data_batch_4.bin"), e.path());
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        assertEquals(2, Datasets.cifar10Test(dir).size(), "the test batch alone still loads");
    }

    @Test
    void truncatedBatch(@TempDir Path dir) throws IOException {
        writeAll(dir);
        Path f = dir.resolve("data_batch_2.bin");
        byte[] full = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(full, full.length - 100));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.cifar10(dir));
        assertTrue(e.getMessage().contains("9119 bytes is not a whole number of 3073-byte records"),
                e.getMessage());
        Files.write(f, new byte[0]);
        assertThrows(DataFileException.class, () -> Datasets.cifar10(dir));
    }

    @Test
    void labelOutOfRange(@TempDir Path dir) throws IOException {
        writeAll(dir);
        Path f = dir.resolve("test_batch.bin");
        byte[] raw = Files.readAllBytes(f);
        raw[3073] = 12;
        Files.write(f, raw);
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.cifar10Test(dir));
        assertTrue(e.getMessage().contains("label 12 in record 1"), e.getMessage());
    }

    @Test
    void standardizedSubsetAsThePapersDo(@TempDir Path dir) throws IOException {
        writeAll(dir);
        Split s = Datasets.standardize(Datasets.cifar10(dir), Datasets.cifar10Test(dir));
        double m = 0;
        for (int i = 0; i < 15; i++) {
            m += s.train().inputs()[i * 3072 + 17];
        }
        assertEquals(0.0, m / 15, 1e-12);
    }
}
