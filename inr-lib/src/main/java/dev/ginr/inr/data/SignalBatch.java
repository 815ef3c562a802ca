package dev.ginr.inr.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * A batch of signals on the host, channel-last: {@code count} signals sampled on a grid of axis lengths
 * {@code grid} with {@code channels} values per point. As a tensor it is (B, P, C) with P = product of the grid;
 * an H x W RGB image batch is (B, H W, 3).
 */
public record SignalBatch(float[] values, int count, int[] grid, int channels) {

    public SignalBatch {
        long expected = (long) count * points(grid) * channels;
        if (values.length != expected) {
            throw new IllegalArgumentException("signal batch of " + count + " x " + Arrays.toString(grid) + " x "
                    + channels + " needs " + expected + " values, got " + values.length);
        }
    }

    static int points(int[] grid) {
        return Arrays.stream(grid).reduce(1, (a, b) -> a * b);
    }

    /** Points per signal, P. */
    public int points() {
        return points(grid);
    }

    /** The tensor shape of the batch, (B, P, C). */
    public Shape shape() {
        return new Shape(count, points(), channels);
    }

    /** The batch as a (B, P, C) tensor. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(values, shape());
    }

    /** Signal {@code i} as a flat channel-last array of P C values. */
    public float[] signal(int i) {
        int n = points() * channels;
        return Arrays.copyOfRange(values, i * n, (i + 1) * n);
    }

    /** Signals {@code from} (inclusive) to {@code to} (exclusive). */
    public SignalBatch slice(int from, int to) {
        int n = points() * channels;
        return new SignalBatch(Arrays.copyOfRange(values, from * n, to * n), to - from, grid, channels);
    }

    /** A batch read back from a (B, P, C) tensor with this batch's grid. */
    public static SignalBatch fromNDArray(NDArray array, int[] grid) {
        Shape s = array.getShape();
        return new SignalBatch(array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                (int) s.get(0), grid, (int) s.get(2));
    }
}
