package dev.ginr.inr.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Coordinate grids of 1-D, 2-D and 3-D signals (PAPER.md §2): along an axis of N samples, the sample centres are
 * c_i = -1 + 2 (i + 0.5) / N, in [-1, 1]. An upsample ratio s gives floor(N s) points along each axis (for
 * super-resolution queries). Points are listed in row-major order of the axes, so a 2-D grid of an H x W image is
 * (H W, 2) with (row, column) coordinates, matching a channel-last image flattened to (H W, C).
 */
public final class CoordinateGrid {

    private CoordinateGrid() {}

    /** The centres of one axis of {@code n} samples. */
    public static double[] axis(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an axis needs at least 1 sample, got " + n);
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = -1 + 2 * (i + 0.5) / n;
        }
        return c;
    }

    /** Axis lengths after upsampling: floor(N s) per axis, as the reference's {@code int(num_s * upsample_ratio)}. */
    public static int[] upsampledShape(int[] shape, double upsample) {
        if (!(upsample > 0) || !Double.isFinite(upsample)) {
            throw new IllegalArgumentException("upsample ratio must be a positive number, got " + upsample);
        }
        return Arrays.stream(shape).map(n -> (int) (n * upsample)).toArray();
    }

    /** Row-major grid as a flat host array of shape (P, d). */
    public static float[] values(int[] shape) {
        int d = shape.length;
        if (d < 1 || d > 3) {
            throw new IllegalArgumentException("grids are 1-D, 2-D or 3-D, got " + d + " axes " + Arrays.toString(shape));
        }
        double[][] axes = new double[d][];
        int points = 1;
        for (int a = 0; a < d; a++) {
            axes[a] = axis(shape[a]);
            points *= shape[a];
        }
        float[] out = new float[points * d];
        int[] idx = new int[d];
        for (int p = 0; p < points; p++) {
            for (int a = 0; a < d; a++) {
                out[p * d + a] = (float) axes[a][idx[a]];
            }
            for (int a = d - 1; a >= 0; a--) { // row-major increment: last axis fastest
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    /** The grid (P, d) of a signal with the given axis lengths, upsampled by {@code upsample}. */
    public static NDArray create(NDManager manager, int[] shape, double upsample, DataType dataType) {
        int[] s = upsampledShape(shape, upsample);
        int points = Arrays.stream(s).reduce(1, (a, b) -> a * b);
        return manager.create(values(s), new Shape(points, s.length)).toType(dataType, false);
    }

    /** The grid (P, d) at the signal's own resolution, float32. */
    public static NDArray create(NDManager manager, int... shape) {
        return create(manager, shape, 1.0, DataType.FLOAT32);
    }
}
