package dev.ginr.inr.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CoordinateGridTest {

    @Test
    void axisOfFourSamplesHoldsThePixelCentres() {
        // c_i = -1 + 2 (i + 0.5) / 4
        assertArrayEquals(new double[] {-0.75, -0.25, 0.25, 0.75}, CoordinateGrid.axis(4), 0);
    }

    @Test
    void twoDimensionalGridIsRowMajorWithRowThenColumn() {
        float[] g = CoordinateGrid.values(new int[] {2, 4});
        assertEquals(16, g.length);
        assertArrayEquals(new float[] {-0.5f, -0.75f}, new float[] {g[0], g[1]}); // point (row 0, col 0)
        assertArrayEquals(new float[] {-0.5f, 0.75f}, new float[] {g[6], g[7]}); // point (row 0, col 3)
        assertArrayEquals(new float[] {0.5f, -0.75f}, new float[] {g[8], g[9]}); // point (row 1, col 0)
    }

    @Test
    void upsamplingRoundsEachAxisAndKeepsCentresInside() {
        assertArrayEquals(new int[] {128, 128}, CoordinateGrid.upsampledShape(new int[] {32, 32}, 4));
        assertArrayEquals(new int[] {3}, CoordinateGrid.upsampledShape(new int[] {2}, 1.5));
        assertArrayEquals(new int[] {4}, CoordinateGrid.upsampledShape(new int[] {3}, 1.5)); // int(4.5), not round
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray grid = CoordinateGrid.create(m, new int[] {4, 4, 4}, 2, DataType.FLOAT32);
            assertEquals(new Shape(512, 3), grid.getShape());
            assertEquals(1 - 1.0 / 8, grid.max().getFloat(), 1e-6);
            assertEquals(-1 + 1.0 / 8, grid.min().getFloat(), 1e-6);
        }
    }

    @Test
    void invalidGridsAreRejectedWithTheValue() {
        assertEquals("an axis needs at least 1 sample, got 0",
                assertThrows(IllegalArgumentException.class, () -> CoordinateGrid.axis(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CoordinateGrid.values(new int[] {2, 2, 2, 2}));
        assertThrows(IllegalArgumentException.class, () -> CoordinateGrid.upsampledShape(new int[] {4}, -1));
    }
}
