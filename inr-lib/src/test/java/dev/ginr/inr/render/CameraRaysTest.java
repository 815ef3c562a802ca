package dev.ginr.inr.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ginr.inr.GinrEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CameraRaysTest {

    /**
     * A 4 x 2 camera at (0, -4, 1) looking along +y with z up: camera x = world x, camera y (up) = world z, camera z
     * (back) = world -y. Columns of R: (1, 0, 0), (0, 0, 1), (0, -1, 0).
     */
    private static final double[] POSE = {
        1, 0, 0, 0,
        0, 0, -1, -4,
        0, 1, 0, 1};
    private static final Camera CAMERA = new Camera(POSE, 2, 4, 2);

    @Test
    void raysOfAKnownCameraMatchHandComputedRays() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            Rays rays = Rays.of(m, List.of(CAMERA));
            assertEquals(new Shape(1, 8, 3), rays.origins().getShape());
            float[] o = rays.origins().toFloatArray();
            float[] d = rays.directions().toFloatArray();
            for (int k = 0; k < 8; k++) {
                assertArrayEquals(new float[] {0, -4, 1}, slice(o, k), 0f, "origin of ray " + k);
            }
            // pixel (column 0, row 0): x = (0.5 - 2) / 2 = -0.75, y = -(0.5 - 1) / 2 = 0.25, z = -1
            // d = -0.75 (1, 0, 0) + 0.25 (0, 0, 1) - 1 (0, -1, 0) = (-0.75, 1, 0.25)
            assertArrayEquals(new float[] {-0.75f, 1, 0.25f}, slice(d, 0), 1e-7f);
            // pixel (column 1, row 0), the second ray (rows first): x = -0.25
            assertArrayEquals(new float[] {-0.25f, 1, 0.25f}, slice(d, 1), 1e-7f);
            // pixel (column 3, row 1), the last ray: x = 0.75, y = -0.25
            assertArrayEquals(new float[] {0.75f, 1, -0.25f}, slice(d, 7), 1e-7f);
            // pixel (column 2, row 1): x = 0.25, y = -0.25
            assertArrayEquals(new float[] {0.25f, 1, -0.25f}, slice(d, 6), 1e-7f);
        }
    }

    @Test
    void tensorRaysAgreeWithTheCameraOnARotatedPose() {
        Camera c = Viewpoints.lookAt(new double[] {1.5, -2.5, 3}, new double[] {0.1, 0.2, -0.3},
                new double[] {0, 0, 1}, 7.5, 6, 5);
        assertTrue(c.orthonormalityError() < 1e-12);
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            float[] d = Rays.of(m, List.of(c)).directions().toFloatArray();
            for (int row = 0; row < 5; row++) {
                for (int col = 0; col < 6; col++) {
                    double[] want = c.rayDirection(col, row);
                    float[] got = slice(d, row * 6 + col);
                    for (int a = 0; a < 3; a++) {
                        assertEquals(want[a], got[a], 1e-6, "pixel " + col + "," + row + " axis " + a);
                    }
                }
            }
        }
    }

    @Test
    void projectionInvertsTheRayOfEveryPixel() {
        Camera c = Viewpoints.lookAt(new double[] {3, 1, 2}, new double[3], new double[] {0, 0, 1}, 10, 8, 6);
        double[] t = c.center();
        for (int row = 0; row < 6; row++) {
            for (int col = 0; col < 8; col++) {
                double[] d = c.rayDirection(col, row);
                double z = 2.5 + 0.1 * col;
                double[] p = c.project(t[0] + z * d[0], t[1] + z * d[1], t[2] + z * d[2]);
                assertArrayEquals(new double[] {col + 0.5, row + 0.5, z}, p, 1e-9);
            }
        }
        // the look-at target lies on the optical axis: the image centre
        double[] centre = c.project(0, 0, 0);
        assertEquals(4.0, centre[0], 1e-9);
        assertEquals(3.0, centre[1], 1e-9);
        assertEquals(Math.sqrt(14), centre[2], 1e-9);
    }

    @Test
    void batchedPosesGiveBatchedRaysInTheirDataType() {
        try (NDManager m = GinrEngine.engine().newBaseManager()) {
            double[] two = new double[24];
            System.arraycopy(POSE, 0, two, 0, 12);
            System.arraycopy(POSE, 0, two, 12, 12);
            two[12 + 3] = 5; // second camera moved to x = 5
            NDArray poses = m.create(two, new Shape(2, 1, 3, 4));
            NDArray focals = m.create(new double[] {2, 4}, new Shape(2, 1));
            Rays rays = Rays.fromPoses(poses, focals, 2, 4);
            assertEquals(new Shape(2, 1, 8, 3), rays.directions().getShape());
            assertEquals(DataType.FLOAT64, rays.directions().getDataType());
            double[] o = rays.origins().toDoubleArray();
            double[] d = rays.directions().toDoubleArray();
            assertArrayEquals(new double[] {5, -4, 1}, new double[] {o[24], o[25], o[26]}, 0);
            // focal 4 halves the image-plane offsets of the first pixel: (-0.375, 1, 0.125)
            assertArrayEquals(new double[] {-0.375, 1, 0.125}, new double[] {d[24], d[25], d[26]}, 1e-12);
        }
    }

    @Test
    void fieldOfViewGivesTheFocalLengthOfTransformsJson() {
        double[][] m = {{1, 0, 0, 0}, {0, 0, -1, -4}, {0, 1, 0, 1}, {0, 0, 0, 1}};
        Camera c = Camera.fromFieldOfView(m, 2 * Math.atan(0.5), 64, 64); // tan(angle / 2) = 1/2: f = W
        assertEquals(64, c.focal(), 1e-9);
        assertEquals(2 * Math.atan(0.5), c.cameraAngleX(), 1e-12);
        assertArrayEquals(POSE, c.pose(), 0);
        assertThrows(IllegalArgumentException.class, () -> Camera.fromFieldOfView(m, 0, 64, 64));
    }

    @Test
    void downsamplingKeepsTheRayThroughEachNewPixelCentre() {
        Camera c = Viewpoints.lookAt(new double[] {0, -4, 2}, new double[3], new double[] {0, 0, 1}, 30, 8, 8);
        Camera half = c.downsampled(2);
        assertEquals(4, half.width());
        assertEquals(15, half.focal(), 0);
        // the new pixel (1, 2) covers old pixels (2..3, 4..5): its centre is the mean of old centres (2, 4), (3, 5)
        double[] a = c.rayDirection(2, 4);
        double[] b = c.rayDirection(3, 5);
        double[] got = half.rayDirection(1, 2);
        for (int k = 0; k < 3; k++) {
            assertEquals((a[k] + b[k]) / 2, got[k], 1e-12);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.downsampled(3));
        assertTrue(e.getMessage().contains("8 x 8 view by 3"), e.getMessage());
    }

    @Test
    void hemisphereViewpointsAreSeededAboveTheHorizonAndLookAtTheOrigin() {
        List<Camera> a = Viewpoints.upperHemisphere(5, 20, 4, Math.toRadians(10), Math.toRadians(70), 80, 64);
        assertEquals(a, Viewpoints.upperHemisphere(5, 20, 4, Math.toRadians(10), Math.toRadians(70), 80, 64));
        for (Camera c : a) {
            double[] t = c.center();
            assertEquals(4, Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]), 1e-9);
            assertTrue(t[2] >= 4 * Math.sin(Math.toRadians(10)) - 1e-9 && t[2] <= 4 * Math.sin(Math.toRadians(70)));
            assertArrayEquals(new double[] {32, 32, 4}, c.project(0, 0, 0), 1e-9);
            assertTrue(c.orthonormalityError() < 1e-12);
        }
    }

    private static float[] slice(float[] a, int k) {
        return new float[] {a[3 * k], a[3 * k + 1], a[3 * k + 2]};
    }
}
