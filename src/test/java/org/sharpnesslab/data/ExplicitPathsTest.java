package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loaders with explicit file paths (any names): IDX pairs and CIFAR-10 batch files. */
class ExplicitPathsTest {

    @Test
    void idxPairUnderAnyNames(@TempDir Path dir) throws IOException {
        byte[] px = {0, (byte) 255, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        Idx.write(dir.resolve("fashion-img.gz"), new int[] {3, 2, 2}, px, true);
        Idx.write(dir.resolve("fashion-lab"), new int[] {3}, new byte[] {4, 0, 9}, false);
        Dataset d = MnistLoader.load(dir.resolve("fashion-img.gz"), dir.resolve("fashion-lab"), 2, "fashion-mnist");
        assertEquals(2, d.size());
        assertEquals(4, d.inputDim());
        assertEquals(1.0, d.inputs()[1], 0.0);
        assertEquals(9, MnistLoader.load(dir.resolve("fashion-img.gz"), dir.resolve("fashion-lab"), 10, "f").labels()[2]);
        assertThrows(DataFileException.class, () -> MnistLoader.load(dir.resolve("nope"), dir.resolve("fashion-lab"), 2, "f"));
        assertThrows(IllegalArgumentException.class, () -> MnistLoader.load(dir.resolve("fashion-img.gz"), dir.resolve("fashion-lab"), 0, "f"));
    }

    @Test
    void cifarBatchFilesUnderAnyNames(@TempDir Path dir) throws IOException {
        byte[] px = new byte[2 * Cifar10Loader.PIXELS];
        px[5] = (byte) 255;
        Cifar10Loader.writeBatch(dir.resolve("a.bin"), new int[] {3, 7}, px);
        Cifar10Loader.writeBatch(dir.resolve("b.bin"), new int[] {1, 2}, new byte[2 * Cifar10Loader.PIXELS]);
        Dataset d = Cifar10Loader.load(List.of(dir.resolve("a.bin"), dir.resolve("b.bin")), 3, "cifar10 subset");
        assertEquals(3, d.size());
        assertEquals(1, d.labels()[2]);
        assertEquals(1.0, d.inputs()[5], 0.0);
        assertThrows(DataFileException.class, () -> Cifar10Loader.load(List.of(dir.resolve("c.bin")), 3, "x"));
        assertThrows(IllegalArgumentException.class, () -> Cifar10Loader.load(List.of(), 3, "x"));
    }
}
