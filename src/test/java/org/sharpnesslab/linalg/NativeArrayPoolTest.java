package org.sharpnesslab.linalg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A closed native array's memory serves the next array of the same length, and a closed array refuses BLAS. */
class NativeArrayPoolTest {

    @Test
    void closedMemoryIsReusedByTheNextArrayOfTheSameLengthOnly() {
        NativeArray a = NativeArray.allocate(1234, true);
        long address = a.at(0).address();
        a.set(3, 7.0);
        long before = NativeArray.pooledBytes();
        a.close();
        assertEquals(before + 8 * 1234, NativeArray.pooledBytes(), "the closed block is kept");
        try (NativeArray other = NativeArray.allocate(1235, true)) {
            assertNotEquals(address, other.at(0).address(), "another length gets other memory");
        }
        try (NativeArray b = NativeArray.allocate(1234, true)) {
            assertEquals(address, b.at(0).address(), "the same length takes the closed block");
            assertEquals(7.0, b.get(3), 0.0, "allocate's content is undefined: here the old one");
            assertThrows(IllegalStateException.class, () -> a.at(0), "a closed array has no address");
            assertTrue(a.toString().contains("closed"));
        }
        NativeArray.releasePool();
        assertEquals(0, NativeArray.pooledBytes());
    }

    @Test
    void zerosAreZeroOnReusedMemory() {
        NativeArray a = NativeArray.allocate(777, true);
        for (int i = 0; i < 777; i++) {
            a.set(i, i + 1.0);
        }
        a.close();
        try (NativeArray z = NativeArray.zeros(777)) {
            for (int i = 0; i < 777; i++) {
                assertEquals(0.0, z.get(i), 0.0);
            }
        }
    }
}
