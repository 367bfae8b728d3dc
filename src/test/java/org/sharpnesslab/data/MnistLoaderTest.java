package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** IDX files written here in the MNIST format (small: 5 train / 3 test images of 4×3 pixels). */
class MnistLoaderTest {

    private static final int ROWS = 4;
    private static final int COLS = 3;

    private static byte[] pixels(int n, long seed) {
        byte[] b = new byte[n * ROWS * COLS];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 255;
        b[1] = 0;
        return b;
    }

    private static void writePair(Path dir, String prefix, byte[] px, byte[] labels, boolean gzip, String ext)
            throws IOException {
        int n = labels.length;
        Idx.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), new int[] {px.length / (ROWS * COLS), ROWS, COLS},
                px, gzip);
        Idx.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), new int[] {n}, labels, gzip);
    }

    private static void assertRoundTrip(byte[] px, byte[] labels, Dataset d) {
        assertEquals(labels.length, d.size());
        assertEquals(ROWS * COLS, d.inputDim());
        assertEquals(10, d.outputDim());
        for (int i = 0; i < px.length; i++) {
            assertEquals(px[i] & 0xff, (int) Math.round(d.inputs()[i] * 255), "pixel " + i);
            assertEquals((px[i] & 0xff) / 255.0, d.inputs()[i], 0.0);
        }
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], d.labels()[i]);
            for (int c = 0; c < 10; c++) {
                assertEquals(c == labels[i] ? 1.0 : 0.0, d.targets()[i * 10 + c], 0.0);
            }
        }
    }

    @Test
    void plainFilesRoundTripExactly(@TempDir Path dir) throws IOException {
        byte[] px = pixels(5, 1);
        byte[] labels = {7, 0, 9, 3, 3};
        writePair(dir, "train", px, labels, false, "");
        byte[] tpx = pixels(3, 2);
        byte[] tlabels = {1, 2, 8};
        writePair(dir, "t10k", tpx, tlabels, false, "");
        Dataset train = Datasets.mnist(dir);
        assertRoundTrip(px, labels, train);
        assertEquals("mnist train", train.name());
        assertRoundTrip(tpx, tlabels, Datasets.mnistTest(dir));
        // the header: 16 bytes for images (magic + 3 sizes), then the pixels
        byte[] raw = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        assertEquals(16 + px.length, raw.length);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 5}, Arrays.copyOf(raw, 8));
    }

    @Test
    void gzippedFilesAndTheDottedNameAreFound(@TempDir Path dir) throws IOException {
        byte[] px = pixels(5, 3);
        byte[] labels = {1, 1, 2, 3, 5};
        writePair(dir, "train", px, labels, true, ".gz");
        byte[] raw = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz"));
        assertEquals(0x1f, raw[0] & 0xff, "really gzipped");
        assertEquals(0x8b, raw[1] & 0xff);
        assertRoundTrip(px, labels, Datasets.fashionMnist(dir));
        assertEquals("fashion-mnist train[:2]", Datasets.fashionMnist(dir, 2).name());
        assertRoundTrip(Arrays.copyOf(px, 2 * ROWS * COLS), Arrays.copyOf(labels, 2), Datasets.mnist(dir, 2));

        Path dotted = Files.createDirectory(dir.resolve("dotted"));
        Idx.write(dotted.resolve("train-images.idx3-ubyte"), new int[] {5, ROWS, COLS}, px, false);
        Idx.write(dotted.resolve("train-labels.idx1-ubyte"), new int[] {5}, labels, false);
        assertRoundTrip(px, labels, Datasets.mnist(dotted));
    }

    @Test
    void missingDirectoryAndMissingFile(@TempDir Path dir) throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("directory not found"), e.getMessage());
        Idx.write(dir.resolve("train-images-idx3-ubyte"), new int[] {1, ROWS, COLS}, pixels(1, 0), false);
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("file not found") && e.getMessage().contains("train-labels-idx1-ubyte"),
                e.getMessage());
        e = assertThrows(DataFileException.class, () -> Datasets.mnistTest(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void wrongMagicNumber(@TempDir Path dir) throws IOException {
        // labels written where images are expected: magic 0x00000801 instead of 0x00000803
        Idx.write(dir.resolve("train-images-idx3-ubyte"), new int[] {2}, new byte[] {1, 2}, false);
        Idx.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[] {1, 2}, false);
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801, expected 0x00000803"), e.getMessage());
        assertEquals(dir.resolve("train-images-idx3-ubyte"), e.path());
    }

    @Test
    void truncatedAndOverlongFiles(@TempDir Path dir) throws IOException {
        byte[] px = pixels(5, 4);
        writePair(dir, "train", px, new byte[] {0, 1, 2, 3, 4}, false, "");
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] full = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(full, full.length - 7));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("announces 60 data bytes, found 53"),
                e.getMessage());
        Files.write(images, Arrays.copyOf(full, 10));
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("truncated inside the header"), e.getMessage());
        Files.write(images, Arrays.copyOf(full, full.length + 1));
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("more data than the header"), e.getMessage());
        Files.write(images, new byte[0]);
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptGzip(@TempDir Path dir) throws IOException {
        byte[] px = pixels(5, 5);
        writePair(dir, "train", px, new byte[] {0, 1, 2, 3, 4}, true, ".gz");
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(images);
        // cut the compressed stream in half: the gzip reader hits the end of its input
        Files.write(images, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertEquals(images, e.path());
        assertTrue(e.getMessage().contains("truncated: the gzip stream ends early"), e.getMessage());
        // flip bytes in the deflate data: a corrupt (not merely short) stream
        byte[] bad = gz.clone();
        for (int i = 12; i < bad.length - 8; i++) {
            bad[i] = (byte) ~bad[i];
        }
        Files.write(images, bad);
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertEquals(images, e.path());
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void mismatchedCountsAndBadLabels(@TempDir Path dir) throws IOException {
        writePair(dir, "train", pixels(5, 6), new byte[] {0, 1, 2, 3}, false, "");
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("mismatched counts") && e.getMessage().contains("5 images")
                && e.getMessage().contains("4 labels"), e.getMessage());
        writePair(dir, "train", pixels(2, 6), new byte[] {3, 10}, false, "");
        e = assertThrows(DataFileException.class, () -> Datasets.mnist(dir));
        assertTrue(e.getMessage().contains("label 10 at index 1"), e.getMessage());
    }
}
