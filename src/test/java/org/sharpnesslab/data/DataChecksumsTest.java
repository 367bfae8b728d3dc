package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The checksum table against the real files in the data cache (fetched by kernel-install/fetch-data.sh, which
 * install.sh --test runs first), and the loaders reading them: magic numbers, counts, the first labels and the
 * class balance quoted when the sources were chosen. Skipped with a reason when the cache lacks a dataset, unless
 * SHARPNESS_REQUIRE_DATA=1 (CI).
 */
class DataChecksumsTest {

    private static void requireCached(String dataset) {
        Path dir = DataCache.root().resolve(dataset);
        boolean present = DataChecksums.files(dataset).stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.name())));
        if ("1".equals(System.getenv("SHARPNESS_REQUIRE_DATA"))) {
            assertTrue(present, dataset + " is not in the data cache " + dir + " although SHARPNESS_REQUIRE_DATA=1: run "
                    + DataCache.FETCH_COMMAND);
        }
        Assumptions.assumeTrue(present, dataset + " is not in the data cache " + dir + " (run "
                + DataCache.FETCH_COMMAND + " to test against the real files)");
    }

    @Test
    void everyMnistFileHasTheTabulatedSizeAndSha256() {
        requireCached(DataChecksums.MNIST);
        assertFilesMatchTable(DataChecksums.MNIST);
    }

    @Test
    void everyFashionMnistFileHasTheTabulatedSizeAndSha256() {
        requireCached(DataChecksums.FASHION_MNIST);
        assertFilesMatchTable(DataChecksums.FASHION_MNIST);
    }

    private static void assertFilesMatchTable(String dataset) {
        Path dir = DataCache.root().resolve(dataset);
        for (DataFile f : DataChecksums.files(dataset)) {
            Path p = dir.resolve(f.name());
            // hashed here directly, not through DataCache.verify (whose memo could hide a stale answer)
            assertEquals(f.sha256(), DataCache.sha256(p), p.toString());
            assertEquals(f.size(), p.toFile().length(), p.toString());
        }
    }

    @Test
    void mnistFromTheCacheStartsWithTheKnownLabels() {
        requireCached(DataChecksums.MNIST);
        Dataset train = Datasets.mnist(5);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, train.labels());
        assertEquals(784, train.inputDim());
        Dataset test = Datasets.mnistTest(3);
        assertArrayEquals(new int[] {7, 2, 1}, test.labels());     // the first t10k digits
        Path dir = DataCache.root().resolve(DataChecksums.MNIST);
        Idx.Contents images = Idx.read(dir.resolve("train-images-idx3-ubyte"), Idx.MAGIC_IMAGES, 1);
        assertArrayEquals(new int[] {60000, 28, 28}, images.dims());
        assertEquals(784, images.data().length);
        assertEquals(10000, Idx.read(dir.resolve("t10k-labels-idx1-ubyte"), Idx.MAGIC_LABELS).count());
    }

    @Test
    void fashionMnistFromTheCacheStartsWithTheKnownLabelsAndIsBalanced() {
        requireCached(DataChecksums.FASHION_MNIST);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2}, Datasets.fashionMnist(6).labels());
        Path dir = DataCache.root().resolve(DataChecksums.FASHION_MNIST);
        byte[] labels = Idx.read(dir.resolve("train-labels-idx1-ubyte"), Idx.MAGIC_LABELS).data();
        int[] counts = new int[10];
        for (byte b : labels) {
            counts[b]++;
        }
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6000);
        assertArrayEquals(sixThousand, counts);
        byte[] testLabels = Idx.read(dir.resolve("t10k-labels-idx1-ubyte"), Idx.MAGIC_LABELS).data();
        int[] testCounts = new int[10];
        for (byte b : testLabels) {
            testCounts[b]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, testCounts);
        Dataset test = Datasets.fashionMnistTest(2);
        assertEquals(2, test.size());
    }

    @Test
    void theTableNamesFourDistinctFilesPerDataset() {
        for (String d : DataChecksums.datasets()) {
            assertEquals(4, DataChecksums.files(d).stream().map(DataFile::sha256).distinct().count(), d);
            assertEquals(47_040_016L, DataChecksums.file(d, "train-images-idx3-ubyte").size());   // 16 + 60000*28*28
            assertEquals(7_840_016L, DataChecksums.file(d, "t10k-images-idx3-ubyte").size());    // 16 + 10000*28*28
            assertEquals(60_008L, DataChecksums.file(d, "train-labels-idx1-ubyte").size());
            assertEquals(10_008L, DataChecksums.file(d, "t10k-labels-idx1-ubyte").size());
        }
    }
}
