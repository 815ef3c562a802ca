package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;

/**
 * A scalar constant that may safely enter an autograd graph.
 *
 * <p>Why: DJL's {@code NDArray.mul(Number)} / {@code div(Number)} wrap the number in a temporary tensor whose memory
 * is a Java direct buffer handed to PyTorch without a copy, then close the temporary at once. Autograd keeps that
 * scalar for the backward pass (the gradient of x s is g s), so once a garbage collection frees the buffer, the
 * backward pass reads freed memory: the {@code ginr bench} memory soak (a full GC inside a step) turned the loss
 * into NaN at random steps, and a scalar 1/4 read back as 0. The constant made here belongs to the manager of the
 * array it scales (the step's scope), so it lives until the step, backward pass included, is over.
 */
public final class GraphScalar {

    private GraphScalar() {}

    /** {@code value} as a 0-dimensional array of {@code like}'s data type, owned by {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        NDArray s = like.getManager().create(value); // float64, kept alive by the manager
        return s.toType(like.getDataType(), false);
    }

    /** x * value, safe to differentiate. */
    public static NDArray scale(NDArray x, double value) {
        return x.mul(of(x, value));
    }
}
