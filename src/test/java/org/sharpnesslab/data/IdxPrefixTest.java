package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading only the first items of an IDX file still refuses a truncated or overlong file, plain or gzipped. */
class IdxPrefixTest {

    @Test
    void theFirstItemsAndTheHeadersCount(@TempDir Path dir) throws IOException {
        byte[] px = new byte[4 * 2 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        for (boolean gz : new boolean[] {false, true}) {
            Path f = dir.resolve("img" + gz);
            Idx.write(f, new int[] {4, 2, 3}, px, gz);
            Idx.Contents c = Idx.read(f, Idx.MAGIC_IMAGES, 2);
            assertArrayEquals(new int[] {4, 2, 3}, c.dims());
            assertArrayEquals(Arrays.copyOf(px, 12), c.data());
            assertArrayEquals(px, Idx.read(f, Idx.MAGIC_IMAGES, 100).data());
        }
    }

    @Test
    void aTruncatedOrOverlongFileIsRefusedEvenWhenOnlyItsFirstItemIsRead(@TempDir Path dir) throws IOException {
        byte[] px = new byte[4 * 2 * 3];
        Path plain = dir.resolve("plain");
        Idx.write(plain, new int[] {4, 2, 3}, px, false);
        byte[] bytes = Files.readAllBytes(plain);
        Files.write(plain, Arrays.copyOf(bytes, bytes.length - 5));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.read(plain, Idx.MAGIC_IMAGES, 1));
        assertTrue(e.getMessage().contains("announces 24 data bytes, found 19"), e.getMessage());
        Files.write(plain, Arrays.copyOf(bytes, bytes.length + 1));
        e = assertThrows(DataFileException.class, () -> Idx.read(plain, Idx.MAGIC_IMAGES, 1));
        assertTrue(e.getMessage().contains("more data than the header"), e.getMessage());

        Path gz = dir.resolve("gz");
        Path full = dir.resolve("full");
        Idx.write(full, new int[] {5, 2, 3}, new byte[30], false);
        byte[] cut = Arrays.copyOf(Files.readAllBytes(full), 16 + 24);   // the header says 5 items, 4 follow
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(cut);
        }
        e = assertThrows(DataFileException.class, () -> Idx.read(gz, Idx.MAGIC_IMAGES, 1));
        assertTrue(e.getMessage().contains("announces 30 data bytes, found 24"), e.getMessage());
    }
}
