package dev.ginr.inr.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Stratified sampling of points along camera rays (the reference's {@code CoordSampler} for NeRF): S depths
 * z_k = near + k (far - near) / (S - 1), k = 0..S-1, shared by every ray; at training time each depth is jittered
 * by u (far - near) / (S - 1) with u ~ U[0, 1) from the engine's generator (seeded by {@code GinrEngine.seed}), as
 * the reference does; here u is drawn per instance, ray and sample (the reference draws one (R, S) matrix for the
 * whole batch). The points are x = o + z d.
 *
 * <p>Input rays (B, R, 3); output points (B, R S, 3), ray-major (the S samples of ray 0 first), and depths
 * (B, R, S).
 *
 * @param near          the first depth (2 for the ShapeNet renders)
 * @param far           the last depth without jitter (6 for the ShapeNet renders)
 * @param samplesPerRay S (the reference's {@code num_points_per_ray}, 128)
 */
public record StratifiedSampler(double near, double far, int samplesPerRay) {

    public StratifiedSampler {
        if (!(near >= 0) || !(far > near) || !Double.isFinite(far)) {
            throw new IllegalArgumentException("ray bounds must satisfy 0 <= near < far, got near " + near + ", far "
                    + far);
        }
        if (samplesPerRay < 2) {
            throw new IllegalArgumentException("samples per ray must be at least 2, got " + samplesPerRay);
        }
    }

    /** The reference setting: near 2, far 6, 128 samples per ray. */
    public static StratifiedSampler reference() {
        return new StratifiedSampler(2, 6, 128);
    }

    /** Spacing of the unjittered depths, (far - near) / (S - 1). */
    public double spacing() {
        return (far - near) / (samplesPerRay - 1);
    }

    /**
     * Samples points on {@code rays} (B, R, 3).
     *
     * @param jitter draw the random offsets (training); false gives the fixed depths (evaluation)
     */
    public RaySamples sample(Rays rays, boolean jitter) {
        Shape s = rays.origins().getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("rays to sample must be (B, R, 3), got " + s);
        }
        long b = s.get(0);
        long r = s.get(1);
        NDManager m = rays.origins().getManager();
        DataType dt = rays.origins().getDataType();
        double[] z = new double[samplesPerRay];
        for (int k = 0; k < samplesPerRay; k++) {
            z[k] = near + k * spacing();
        }
        NDArray depths = m.create(z).toType(dt, false).broadcast(new Shape(b, r, samplesPerRay)); // (B, R, S)
        if (jitter) {
            NDArray u = m.randomUniform(0f, 1f, new Shape(b, r, samplesPerRay), dt); // (B, R, S)
            depths = depths.add(u.mul(m.create(spacing()).toType(dt, false)));
        } else {
            depths = depths.duplicate();
        }
        NDArray o = rays.origins().expandDims(2); // (B, R, 1, 3)
        NDArray d = rays.directions().expandDims(2); // (B, R, 1, 3)
        NDArray points = o.add(d.mul(depths.expandDims(3))); // (B, R, S, 3)
        return new RaySamples(points.reshape(b, r * samplesPerRay, 3), depths); // (B, R S, 3)
    }

    /**
     * Points on rays and their depths.
     *
     * @param points (B, R S, 3), the S samples of each ray consecutive
     * @param depths (B, R, S), increasing along each ray
     */
    public record RaySamples(NDArray points, NDArray depths) {}
}
