package dev.ginr.inr.render;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cameras around an object at the world origin, in the {@link Camera} convention with the world's z axis up: one
 * camera looking at a point, seeded viewpoints on the upper hemisphere (the offline multi-view set), and a
 * turntable (novel views at one elevation, evenly spaced in azimuth).
 */
public final class Viewpoints {

    private static final double[] Z_UP = {0, 0, 1};

    private Viewpoints() {}

    /**
     * The camera at {@code eye} looking at {@code target}, image up as close to {@code up} as possible.
     *
     * @throws IllegalArgumentException when eye and target coincide or the view is parallel to {@code up}
     */
    public static Camera lookAt(double[] eye, double[] target, double[] up, double focal, int width, int height) {
        double[] back = normalized(sub(eye, target), "the eye and the target coincide");
        double[] right = normalized(cross(up, back), "the viewing direction is parallel to the up vector");
        double[] camUp = cross(back, right);
        double[] pose = {
            right[0], camUp[0], back[0], eye[0],
            right[1], camUp[1], back[1], eye[1],
            right[2], camUp[2], back[2], eye[2]};
        return new Camera(pose, focal, width, height);
    }

    /** The point at {@code radius} from the origin at azimuth and elevation (radians; elevation 0 = horizon). */
    public static double[] onSphere(double radius, double azimuth, double elevation) {
        return new double[] {
            radius * Math.cos(elevation) * Math.cos(azimuth),
            radius * Math.cos(elevation) * Math.sin(azimuth),
            radius * Math.sin(elevation)};
    }

    /**
     * {@code count} cameras at distance {@code radius} looking at the origin, drawn uniformly by area from the band
     * of the upper hemisphere between {@code minElevation} and {@code maxElevation} (radians), from {@code seed}.
     */
    public static List<Camera> upperHemisphere(long seed, int count, double radius, double minElevation,
                                               double maxElevation, double focal, int size) {
        if (!(0 <= minElevation && minElevation < maxElevation && maxElevation < Math.PI / 2)) {
            throw new IllegalArgumentException("elevations must satisfy 0 <= min < max < pi/2, got " + minElevation
                    + ", " + maxElevation);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double lo = Math.sin(minElevation);
        double hi = Math.sin(maxElevation);
        List<Camera> cameras = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double azimuth = random.nextDouble(0, 2 * Math.PI);
            double elevation = Math.asin(random.nextDouble(lo, hi)); // uniform in z = sin(elevation): equal areas
            cameras.add(lookAt(onSphere(radius, azimuth, elevation), new double[3], Z_UP, focal, size, size));
        }
        return cameras;
    }

    /** {@code count} cameras at one elevation, azimuths 0, 2 pi / count, ..., looking at the origin. */
    public static List<Camera> turntable(int count, double radius, double elevation, double focal, int size) {
        List<Camera> cameras = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[] eye = onSphere(radius, 2 * Math.PI * k / count, elevation);
            cameras.add(lookAt(eye, new double[3], Z_UP, focal, size, size));
        }
        return cameras;
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalized(double[] v, String degenerate) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (n < 1e-12) {
            throw new IllegalArgumentException("cannot place the camera: " + degenerate);
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
