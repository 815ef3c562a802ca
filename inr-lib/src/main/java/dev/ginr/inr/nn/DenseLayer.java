package dev.ginr.inr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/**
 * A fully connected layer y = x W^T + b over the last axis, (..., in) -> (..., out), computed by DJL's
 * {@link Linear#linear}. Weight (out, in) and bias (out) are initialised as PyTorch's {@code nn.Linear}:
 * U(-1/sqrt(in), 1/sqrt(in)).
 */
public final class DenseLayer {

    private final String name;
    private final int in;
    private final int out;

    public DenseLayer(String name, int in, int out) {
        this.name = name;
        this.in = in;
        this.out = out;
    }

    public void register(ParameterSet params) {
        float bound = (float) (1 / Math.sqrt(in));
        params.add(name + ".weight", params.manager().randomUniform(-bound, bound, new Shape(out, in),
                params.dataType()), true);
        params.add(name + ".bias", params.manager().randomUniform(-bound, bound, new Shape(out), params.dataType()),
                true);
    }

    public NDArray apply(ParameterSet.Bound p, NDArray x) {
        return Linear.linear(x, p.get(name + ".weight"), p.get(name + ".bias")).singletonOrThrow();
    }

    public int outputDim() {
        return out;
    }
}
