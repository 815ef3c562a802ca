package dev.ginr.inr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTest {

    @Test
    void psnrOfAKnownMseIsExact() {
        assertEquals(20.0, Metrics.psnr(0.01), 0);
        assertEquals(40.0, Metrics.psnr(1e-4), 1e-12);
        assertEquals(0.0, Metrics.psnr(1.0), 0);
        assertEquals(30.0, Metrics.meanPsnr(new double[] {0.01, 1e-4}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.psnr(-1));
    }

    @Test
    void perInstanceMseAveragesOverPointsAndChannels() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            NDArray target = m.zeros(new Shape(2, 3, 2));
            NDArray pred = m.create(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0.6f}, new Shape(2, 3, 2));
            double[] mse = Metrics.toDoubles(Metrics.perInstanceMse(pred, target));
            assertArrayEquals(new double[] {1.0, 0.36 / 6}, mse, 1e-7);
        }
    }
}
