package dev.ginr.inr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.bench.ProcessMemory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTrimTest {

    private static final long MIB = 1024 * 1024;

    /**
     * Freed tensors that sit between live ones stay resident (glibc keeps them in its arena); a trim hands their
     * pages back. 3000 tensors of 64 KiB (below glibc's initial mmap threshold, so they come from the heap), every
     * other one freed: about 94 MiB of free holes.
     */
    @Test
    void trimReleasesTheFreeHolesBetweenLiveTensors() {
        assertTrue(HeapTrim.available(), "this suite runs on glibc, which has malloc_trim");
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            List<NDArray> tensors = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                tensors.add(m.ones(new Shape(16 * 1024))); // 64 KiB of floats, written, so resident
            }
            for (int i = 0; i < tensors.size(); i += 2) {
                tensors.get(i).close();
            }
            long before = ProcessMemory.residentBytes();
            assertTrue(HeapTrim.trim(), "malloc_trim found nothing to release");
            long after = ProcessMemory.residentBytes();
            assertTrue(before - after > 60 * MIB, "resident " + before / MIB + " MiB before the trim, "
                    + after / MIB + " MiB after: expected about 94 MiB of free holes released");
        }
    }
}
