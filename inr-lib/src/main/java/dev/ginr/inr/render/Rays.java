package dev.ginr.inr.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Camera rays: origins and directions of the same shape (..., R, 3), R rays per view or per instance, in the pose
 * convention of {@link Camera} (directions not normalised, unit depth per unit of the ray parameter).
 *
 * <p>Made from poses by tensor operations (the reference's {@code poses_to_rays}): for N cameras with poses
 * (N, 3, 4) and focal lengths (N), the H W pixels of each give origins (N, H W, 3), rows first, and directions
 * d = R (x, y, -1) with x = ((i + 0.5) - W / 2) / f and y = -((j + 0.5) - H / 2) / f.
 *
 * @param origins    (..., R, 3)
 * @param directions (..., R, 3)
 */
public record Rays(NDArray origins, NDArray directions) {

    public Rays {
        if (!origins.getShape().equals(directions.getShape()) || origins.getShape().tail() != 3) {
            throw new IllegalArgumentException("ray origins and directions must both have shape (..., R, 3), got "
                    + origins.getShape() + " and " + directions.getShape());
        }
    }

    /** The rays of every pixel of each camera, (N, H W, 3); all cameras must share one image size. */
    public static Rays of(NDManager manager, List<Camera> cameras) {
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("no cameras to make rays from");
        }
        Camera first = cameras.get(0);
        float[] poses = new float[cameras.size() * 12];
        float[] focals = new float[cameras.size()];
        for (int n = 0; n < cameras.size(); n++) {
            Camera c = cameras.get(n);
            if (c.width() != first.width() || c.height() != first.height()) {
                throw new IllegalArgumentException("cameras of one ray batch must share an image size: camera " + n
                        + " is " + c.width() + " x " + c.height() + ", camera 0 is " + first.width() + " x "
                        + first.height());
            }
            double[] p = c.pose();
            for (int k = 0; k < 12; k++) {
                poses[n * 12 + k] = (float) p[k];
            }
            focals[n] = (float) c.focal();
        }
        NDArray poseArray = manager.create(poses, new Shape(cameras.size(), 3, 4));
        NDArray focalArray = manager.create(focals, new Shape(cameras.size()));
        return fromPoses(poseArray, focalArray, first.height(), first.width());
    }

    /**
     * The rays of every pixel of H x W views from camera-to-world poses (..., 3, 4) and focal lengths (...):
     * origins and directions (..., H W, 3), on the poses' device and in their data type.
     */
    public static Rays fromPoses(NDArray poses, NDArray focals, int height, int width) {
        Shape batch = poses.getShape().slice(0, poses.getShape().dimension() - 2);
        if (!poses.getShape().slice(batch.dimension()).equals(new Shape(3, 4)) || !focals.getShape().equals(batch)) {
            throw new IllegalArgumentException("poses must be (..., 3, 4) with focal lengths (...), got "
                    + poses.getShape() + " and " + focals.getShape());
        }
        long n = batch.size();
        NDManager m = poses.getManager();
        DataType dt = poses.getDataType();
        NDArray p = poses.reshape(n, 3, 4); // (N, 3, 4)
        NDArray f = focals.reshape(n, 1, 1).toType(dt, false); // (N, 1, 1)
        NDArray pixel = pixelOffsets(m, height, width).toType(dt, false); // (H W, 3): (i + .5 - W/2, -(j + .5 - H/2), 0)
        NDArray scale = f.concat(f, 2).concat(m.ones(new Shape(n, 1, 1), dt), 2); // (N, 1, 3): (f, f, 1)
        NDArray cameraDirs = pixel.expandDims(0).div(scale) // (N, H W, 3)
                .sub(m.create(new float[] {0, 0, 1}).toType(dt, false)); // z = -1
        NDArray rotationT = p.get(new NDIndex(":, :, :3")).transpose(0, 2, 1); // (N, 3, 3) = R^T
        NDArray directions = cameraDirs.matMul(rotationT); // (N, H W, 3) x (N, 3, 3) -> (N, H W, 3): (R d_c)^T
        NDArray centre = p.get(new NDIndex(":, :, 3")).reshape(n, 1, 3); // (N, 1, 3)
        NDArray origins = centre.repeat(1, (long) height * width); // (N, H W, 3)
        Shape out = batch.addAll(new Shape((long) height * width, 3));
        return new Rays(origins.reshape(out), directions.reshape(out)); // (..., H W, 3)
    }

    /** Pixel-centre offsets from the image centre, (H W, 3) rows first: (i + 0.5 - W / 2, -(j + 0.5 - H / 2), 0). */
    private static NDArray pixelOffsets(NDManager m, int height, int width) {
        float[] xy = new float[height * width * 3];
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int o = (j * width + i) * 3;
                xy[o] = (float) (i + 0.5 - 0.5 * width);
                xy[o + 1] = (float) -(j + 0.5 - 0.5 * height);
            }
        }
        return m.create(xy, new Shape((long) height * width, 3));
    }

    /** Number of rays R along the second-to-last axis. */
    public long count() {
        Shape s = origins.getShape();
        return s.get(s.dimension() - 2);
    }

    /** The rays [from, to) along the ray axis: (..., to - from, 3). */
    public Rays slice(long from, long to) {
        NDIndex index = new NDIndex("..., {}:{}, :", from, to);
        return new Rays(origins.get(index), directions.get(index));
    }

    /** Both arrays moved to {@code manager} (they are closed with it). */
    public Rays attach(NDManager manager) {
        origins.attach(manager);
        directions.attach(manager);
        return this;
    }

    /** The rays with the leading axes merged into one batch axis: (B, R, 3) from (B, ..., R, 3). */
    public Rays flattenViews(long batch) {
        return new Rays(origins.reshape(batch, -1, 3), directions.reshape(batch, -1, 3)); // (B, R, 3)
    }
}
