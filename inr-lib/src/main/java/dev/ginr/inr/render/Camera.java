package dev.ginr.inr.render;

import java.util.Arrays;

/**
 * A pinhole camera in the pose convention of the Learned Init authors' ShapeNet renders (NeRF's Blender
 * convention), which the reference code (ginr-ipc {@code utils/geometry.py}) reads.
 *
 * <p><b>Pose.</b> {@code pose} is the 3 x 4 camera-to-world matrix [R | t], row-major: the columns of R are the
 * camera's x axis (image right), y axis (image up) and z axis (pointing BACK, away from the scene) in world
 * coordinates, and t is the camera centre. The camera looks along -z. World coordinates are those of the renders
 * (Blender's: z up). It is the top 3 x 4 block of {@code transform_matrix} in a {@code transforms.json}.
 *
 * <p><b>Pixels.</b> Pixel (column i, row j), rows counted from the top, has its centre at (i + 0.5, j + 0.5). Its
 * ray leaves the camera centre t in the world direction d = R (((i + 0.5) - W / 2) / f, -((j + 0.5) - H / 2) / f,
 * -1). d is not normalised: its component along the viewing axis is 1, so the ray parameter z of the point t + z d
 * is the depth in front of the camera (the reference samples z between near = 2 and far = 6).
 *
 * @param pose   the 3 x 4 camera-to-world matrix, row-major (12 values)
 * @param focal  focal length in pixels, the same horizontally and vertically: f = W / 2 / tan(camera_angle_x / 2)
 * @param width  image width W in pixels
 * @param height image height H in pixels
 */
public record Camera(double[] pose, double focal, int width, int height) {

    public Camera {
        if (pose == null || pose.length != 12) {
            throw new IllegalArgumentException("a camera pose is a 3 x 4 matrix (12 values), got "
                    + (pose == null ? "none" : pose.length + " values"));
        }
        pose = pose.clone();
        for (double v : pose) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a camera pose must be finite, got " + Arrays.toString(pose));
            }
        }
        if (!(focal > 0) || !Double.isFinite(focal)) {
            throw new IllegalArgumentException("a camera focal length must be a positive number of pixels, got "
                    + focal);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a camera image size must be positive, got " + width + " x " + height);
        }
    }

    /**
     * A camera whose horizontal field of view is {@code cameraAngleX} radians, as in {@code transforms.json}.
     *
     * @param transformMatrix the 4 x 4 (or 3 x 4) camera-to-world matrix, rows first
     */
    public static Camera fromFieldOfView(double[][] transformMatrix, double cameraAngleX, int width, int height) {
        if (!(cameraAngleX > 0 && cameraAngleX < Math.PI)) {
            throw new IllegalArgumentException("camera_angle_x must lie in (0, pi) radians, got " + cameraAngleX);
        }
        return new Camera(poseOf(transformMatrix), 0.5 * width / Math.tan(0.5 * cameraAngleX), width, height);
    }

    /** The top 3 x 4 block of a 4 x 4 or 3 x 4 matrix given by rows, row-major. */
    public static double[] poseOf(double[][] rows) {
        if (rows == null || rows.length < 3 || rows.length > 4) {
            throw new IllegalArgumentException("a camera-to-world matrix has 3 or 4 rows, got "
                    + (rows == null ? "none" : rows.length));
        }
        double[] pose = new double[12];
        for (int r = 0; r < 3; r++) {
            if (rows[r] == null || rows[r].length != 4) {
                throw new IllegalArgumentException("row " + r + " of a camera-to-world matrix must have 4 values, got "
                        + (rows[r] == null ? "none" : rows[r].length));
            }
            System.arraycopy(rows[r], 0, pose, 4 * r, 4);
        }
        return pose;
    }

    /** The horizontal field of view in radians, 2 atan(W / 2 / f). */
    public double cameraAngleX() {
        return 2 * Math.atan(0.5 * width / focal);
    }

    /** The camera centre t (the origin of every ray). */
    public double[] center() {
        return new double[] {pose[3], pose[7], pose[11]};
    }

    /** The world direction d of the ray through pixel (column, row), in the convention of the class comment. */
    public double[] rayDirection(int column, int row) {
        double x = (column + 0.5 - 0.5 * width) / focal;
        double y = -(row + 0.5 - 0.5 * height) / focal;
        return rotate(x, y, -1);
    }

    /**
     * Where a world point appears: {column, row, depth} with (column, row) in pixels from the top-left image
     * corner (pixel centres at half-integers) and depth the point's distance in front of the camera along its
     * viewing axis (positive when visible). The inverse of {@link #rayDirection}: the point t + z d(i, j)
     * projects to (i + 0.5, j + 0.5, z).
     */
    public double[] project(double x, double y, double z) {
        double dx = x - pose[3];
        double dy = y - pose[7];
        double dz = z - pose[11];
        double cx = pose[0] * dx + pose[4] * dy + pose[8] * dz; // R^T (p - t)
        double cy = pose[1] * dx + pose[5] * dy + pose[9] * dz;
        double cz = pose[2] * dx + pose[6] * dy + pose[10] * dz;
        double depth = -cz;
        return new double[] {0.5 * width + focal * cx / depth, 0.5 * height - focal * cy / depth, depth};
    }

    /**
     * The same camera for an image downsampled by an integer {@code factor} (block averages of factor x factor
     * pixels): the focal length and the size divide by the factor, so every new pixel centre keeps its ray.
     */
    public Camera downsampled(int factor) {
        if (factor < 1 || width % factor != 0 || height % factor != 0) {
            throw new IllegalArgumentException("cannot downsample a " + width + " x " + height + " view by " + factor
                    + ": the factor must divide both sides");
        }
        return new Camera(pose, focal / factor, width / factor, height / factor);
    }

    /**
     * The largest deviation of R^T R from the identity: 0 for a proper camera-to-world matrix, whose rotation
     * columns are orthonormal.
     */
    public double orthonormalityError() {
        double worst = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = pose[a] * pose[b] + pose[4 + a] * pose[4 + b] + pose[8 + a] * pose[8 + b];
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    private double[] rotate(double x, double y, double z) {
        return new double[] {
            pose[0] * x + pose[1] * y + pose[2] * z,
            pose[4] * x + pose[5] * y + pose[6] * z,
            pose[8] * x + pose[9] * y + pose[10] * z};
    }

    @Override
    public double[] pose() {
        return pose.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Camera c && Arrays.equals(pose, c.pose) && focal == c.focal && width == c.width
                && height == c.height;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pose) + Double.hashCode(focal) + 7 * width + 13 * height;
    }

    @Override
    public String toString() {
        return "Camera[" + width + "x" + height + ", focal " + focal + ", pose " + Arrays.toString(pose) + "]";
    }
}
