package dev.ginr.inr.render;

import ai.djl.ndarray.NDArray;

/**
 * What volume rendering looks at: a function of 3-D points, in practice the NeRF hyponet of one batch of
 * instances (PAPER.md §2: input 3, output 4).
 */
@FunctionalInterface
public interface RadianceField {

    /**
     * The raw field at {@code points} (B, P, 3): (B, P, 4), channels 0-2 the colour before the sigmoid and channel
     * 3 the density before the ReLU.
     */
    NDArray query(NDArray points);
}
