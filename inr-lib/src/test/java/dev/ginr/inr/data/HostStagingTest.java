package dev.ginr.inr.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostStagingTest {

    @Test
    void uploadedTensorsOwnTheirValuesAfterTheBufferIsReused() {
        HostStaging staging = new HostStaging();
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray a = staging.upload(m, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = staging.upload(m, new float[] {9, 8, 7, 6, 5, 4}, new Shape(3, 2));
            NDArray c = staging.upload(m, new float[] {0.5f}, new Shape(1)); // a shorter upload into the same memory
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4}, b.toFloatArray());
            assertArrayEquals(new float[] {0.5f}, c.toFloatArray());
        }
    }

    @Test
    void aConstantIsUploadedOncePerDeviceLivesUntilCloseAndStepResultsStayInTheStep() {
        int[] uploads = {0};
        int before = GinrEngine.liveNativeArrays();
        HostStaging staging = new HostStaging();
        try (NDManager run = GinrEngine.engine().newBaseManager(ai.djl.Device.cpu())) {
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = run.newSubManager()) {
                    NDArray grid = staging.constant(scope, "grid[2, 2]", new Shape(4, 2), () -> {
                        uploads[0]++;
                        return CoordinateGrid.values(new int[] {2, 2});
                    });
                    assertArrayEquals(CoordinateGrid.values(new int[] {2, 2}), grid.toFloatArray());
                    assertEquals(scope, grid.getManager(), "the view belongs to the step");
                    assertEquals(scope, grid.add(1).getManager(), "so do results computed from it");
                }
                assertEquals(before + 1, GinrEngine.liveNativeArrays(), "only the kept constant outlives a step");
            }
        }
        assertEquals(1, uploads[0], "uploaded once for three steps");
        staging.close();
        assertEquals(before, GinrEngine.liveNativeArrays(), "close frees the constant");
    }

    @Test
    void repeatedUploadsLeaveNoDirectMemoryForTheCollector() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElseThrow();
        HostStaging staging = new HostStaging();
        float[] batch = new float[16 * 1024 * 3]; // one small-preset batch, 192 KiB
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            staging.upload(m, batch, new Shape(16, 1024, 3)).close();
            long before = direct.getTotalCapacity();
            for (int step = 0; step < 200; step++) {
                try (NDManager scope = m.newSubManager()) {
                    staging.upload(scope, batch, new Shape(16, 1024, 3));
                }
            }
            long grown = direct.getTotalCapacity() - before;
            // creating the same tensors with manager.create(float[]) leaves 200 x 192 KiB until a GC finds them
            assertTrue(grown < 64 * 1024, "direct memory grew by " + grown + " bytes over 200 uploads");
        }
    }

    @Test
    void aShapeThatDoesNotMatchTheValuesIsRefused() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HostStaging().upload(m, new float[5], new Shape(2, 3)));
            assertEquals("cannot upload 5 values as shape (2, 3)", e.getMessage());
        }
    }
}
