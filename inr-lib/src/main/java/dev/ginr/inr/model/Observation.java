package dev.ginr.inr.model;

import ai.djl.ndarray.NDArray;

/**
 * What a generalizable INR sees of a batch of signals: their values on a grid and the grid itself.
 *
 * @param values (B, P, C) signal values, channel-last, points in row-major grid order
 * @param coords (P, d) coordinates of the points, in [-1, 1]
 * @param grid   the grid's axis lengths (product = P), e.g. {H, W} for images
 */
public record Observation(NDArray values, NDArray coords, int[] grid) {

    public long batchSize() {
        return values.getShape().get(0);
    }

    public int channels() {
        return (int) values.getShape().get(2);
    }
}
